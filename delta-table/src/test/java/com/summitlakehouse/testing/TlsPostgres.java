package com.summitlakehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the test's own whose server certificate is signed by a CA the test makes (openssl), as a managed
 * database's is by its provider's CA, for the name {@code localhost} alone; and a second CA that signed nothing, for
 * the refusals. It accepts TLS connections only (pg_hba: hostssl), so whatever connects to it connected over TLS.
 * A suite starts and closes one ({@link #start()}), or shares the one of its JVM ({@link #shared()}) where a Quarkus
 * profile needs its port and CA at discovery.
 */
public final class TlsPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static TlsPostgres shared;

    public final Path ca;
    public final Path otherCa;
    public final int port;
    private final Path data;

    private TlsPostgres(Path ca, Path otherCa, int port, Path data) {
        this.ca = ca;
        this.otherCa = otherCa;
        this.port = port;
        this.data = data;
    }

    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TlsPostgres shared() throws Exception {
        if (shared == null) {
            TlsPostgres started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is ending; its temp folder goes with the run
                }
            }));
            shared = started;
        }
        return shared;
    }

    public static TlsPostgres start() throws Exception {
        Path dir = TempFiles.directory("tls-postgres",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Summit Test CA", "-keyout", "ca.key", "-out", "ca.crt");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Someone Else's CA", "-keyout", "other-ca.key", "-out", "other-ca.crt");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
                "server.key", "-out", "server.csr");
        // Only the name: a client that checks it refuses 127.0.0.1, one that does not accepts it.
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("pg_hba.conf"), """
                local all all trust
                hostssl all all 127.0.0.1/32 trust
                hostnossl all all 0.0.0.0/0 reject
                """);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.setOwner(file, postgres);
                    if (file.toString().endsWith(".crt") || file.toString().endsWith(".conf")) {
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
                "-c", "hba_file=" + dir.resolve("pg_hba.conf"),
                "-c", "ssl=on", "-c", "ssl_cert_file=" + dir.resolve("server.crt"),
                "-c", "ssl_key_file=" + dir.resolve("server.key"), "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        TlsPostgres started = new TlsPostgres(dir.resolve("ca.crt"), dir.resolve("other-ca.crt"), port, data);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Connection c = started.connect("postgres")) {
                return started;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("PostgreSQL with TLS did not start: "
                            + Files.readString(dir.resolve("server.log")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A connection of the test's own: TLS (the only way in), without checking the certificate. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?sslmode=require", "postgres", "");
    }

    public void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Stops the server (its postmaster, by the id it wrote) and waits for it, before its folder is deleted. */
    @Override
    public void close() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        var postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            postmaster.get().destroy(); // SIGTERM: a smart shutdown once its clients are gone
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
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
