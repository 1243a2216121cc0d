package com.summitlakehouse.ops.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Sends a request line exactly as given, for URLs that HTTP client libraries refuse to send. */
public final class RawHttp {

    private RawHttp() {
    }

    /** The whole answer, head and body; header names in lower case. */
    public static String get(String target) throws IOException {
        return get(RestAssured.port, target);
    }

    /** The same, to a server on {@code port} of this machine. */
    public static String get(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int endOfHead = answer.indexOf("\r\n\r\n");
            return endOfHead < 0 ? answer
                    : answer.substring(0, endOfHead).toLowerCase(Locale.ROOT).replace("http/1.1", "HTTP/1.1")
                            + answer.substring(endOfHead);
        }
    }
}
