package com.summitlakehouse.mirror.support;

import com.summitlakehouse.testing.TempFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's PgBouncer in transaction mode in front of the tests' PostgreSQL, as a site's pooler would be: it accepts
 * LISTEN and forwards no notification. Started as the postgres user when the tests run as root (it refuses root).
 */
public final class PgBouncer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final Path directory;
    public final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static PgBouncer start(String host, int serverPort, String user) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path directory = TempFiles.directoryFor("postgres", "pgbouncer",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(directory.resolve("users.txt"), "\"" + user + "\" \"\"\n");
        Files.writeString(directory.resolve("pgbouncer.ini"), """
                [databases]
                * = host=%s port=%d
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = trust
                auth_file = %s
                pool_mode = transaction
                ignore_startup_parameters = extra_float_digits,options
                logfile = %s
                pidfile = %s
                """.formatted(host, serverPort, port, directory.resolve("users.txt"),
                directory.resolve("pgbouncer.log"), directory.resolve("pgbouncer.pid")));
        for (Path file : List.of(directory.resolve("users.txt"), directory.resolve("pgbouncer.ini"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            Files.setOwner(directory, directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres"));
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(BINARY.toString(), directory.resolve("pgbouncer.ini").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                PgBouncer pooler = new PgBouncer(process, directory, port);
                // A suite's profile can start one in a class loader whose @AfterAll never runs: stop it with the JVM.
                Runtime.getRuntime().addShutdownHook(new Thread(pooler::close, "pgbouncer-stop"));
                return pooler;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("PgBouncer did not start: " + Files.readString(directory.resolve("stdout.log")));
    }

    @Override
    public void close() {
        // runuser does not pass SIGTERM on: stop PgBouncer itself by the process id it wrote.
        try {
            long pid = Long.parseLong(Files.readString(directory.resolve("pgbouncer.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (IOException | NumberFormatException e) {
            // not started far enough to write it
        }
        process.destroy();
    }
}
