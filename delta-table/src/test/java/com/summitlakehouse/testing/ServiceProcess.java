package com.summitlakehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the built services as production starts it: {@code java -jar .../quarkus-run.jar}, configured by environment
 * variables only, its output in a log file. For integration tests (failsafe, after {@code package}).
 */
public final class ServiceProcess implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jar} with {@code environment} and waits until {@code ready} answers 200. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, URI ready)
            throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        Path log = TempFiles.file(name + "-", ".log");
        // C1 only (as every JVM the tests start): a service up for seconds spends more CPU compiling with C2 than
        // C2's code gives back, and the test run is bound by its two cores.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ServiceProcess service = new ServiceProcess(name, builder.start(), log);
        service.awaitReady(ready);
        return service;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(URI ready) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException(name + " not ready within " + READY_WITHIN + ":\n" + log());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
