package com.summitlakehouse.mirror.support;

import com.summitlakehouse.testing.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the tests' own whose server certificate is signed by a CA the test makes (openssl), as a managed
 * database's is by its provider's CA; and a second CA that signed nothing, for the refusal. Started once per test
 * JVM, as the postgres user when the tests run as root, and stopped when the JVM ends.
 */
public final class TlsPostgres {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static TlsPostgres started;

    public final Path ca;
    public final Path otherCa;
    public final int port;

    private TlsPostgres(Path ca, Path otherCa, int port) {
        this.ca = ca;
        this.otherCa = otherCa;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    public static synchronized TlsPostgres get() throws Exception {
        if (started == null) {
            started = start();
        }
        return started;
    }

    private static TlsPostgres start() throws Exception {
        Path dir = TempFiles.directory("tls-postgres",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Summit Test CA", "-keyout", "ca.key", "-out", "ca.crt");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Someone Else's CA", "-keyout", "other-ca.key", "-out", "other-ca.crt");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
                "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.setOwner(file, postgres);
                    if (file.toString().endsWith(".crt")) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            Files.setOwner(dir, postgres);
        }
        Path data = dir.resolve("data");
        run(dir, as(root, BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8"));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder(as(root, BIN.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "ssl=on", "-c", "ssl_cert_file=" + dir.resolve("server.crt"),
                "-c", "ssl_key_file=" + dir.resolve("server.key"), "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            } catch (Exception e) {
                server.destroy();
            }
        }));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                    + "/postgres?sslmode=disable", "postgres", "")) {
                return new TlsPostgres(dir.resolve("ca.crt"), dir.resolve("other-ca.crt"), port);
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("PostgreSQL with TLS did not start: "
                            + Files.readString(dir.resolve("server.log")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private static String[] as(boolean root, String... command) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }
}
