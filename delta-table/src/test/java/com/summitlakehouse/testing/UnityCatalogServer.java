package com.summitlakehouse.testing;

import com.summitlakehouse.delta.catalog.UnityCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Unity Catalog OSS server for a test suite, authorization on and an empty catalog: started from
 * {@code shared/unity-catalog} beside the repository (its start.sh), and stopped and removed at close. Where that
 * directory is absent the suite is skipped, saying why.
 */
public final class UnityCatalogServer implements AutoCloseable {

    private final Path home;
    private final Path work;
    private final long pid;
    private final int port;
    private final String adminToken;

    private UnityCatalogServer(Path home, Path work, long pid, int port, String adminToken) {
        this.home = home;
        this.work = work;
        this.pid = pid;
        this.port = port;
        this.adminToken = adminToken;
    }

    /** For {@code @EnabledIf} on suites that start the server outside JUnit's reach (a Quarkus test resource). */
    public static boolean available() {
        return locate() != null;
    }

    public static UnityCatalogServer start() {
        Path home = locate();
        Assumptions.assumeTrue(home != null, "no Unity Catalog server here: shared/unity-catalog (beside the "
                + "repository) is absent, so the catalog tests are skipped");
        // Modules of a parallel build start servers at once: one start at a time across JVMs, so that start.sh's
        // one-time class path resolution does not run twice into one file and two servers never take the same ports.
        Path lockFile = Path.of(System.getProperty("user.home"), ".cache", "summit-unity-catalog-start.lock");
        try (FileChannel lock = FileChannel.open(Files.createDirectories(lockFile.getParent()).resolve(
                lockFile.getFileName()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lock.lock()) {
            Path work = TempFiles.directory("unity-catalog");
            int port = freePortPair();
            ProcessBuilder starting = new ProcessBuilder("bash", home.resolve("start.sh").toString(),
                    Integer.toString(port), work.toString()).redirectErrorStream(true);
            // The launcher's note of these options goes to server.out.
            starting.environment().put("JDK_JAVA_OPTIONS", TestJvm.OPTIONS);
            Process start = starting.start();
            String out = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
                throw new IllegalStateException("Unity Catalog did not start: " + out);
            }
            long pid = Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow().strip());
            String token = Files.readString(work.resolve("etc/conf/token.txt")).strip();
            return new UnityCatalogServer(home, work, pid, port, token);
        } catch (IOException e) {
            throw new IllegalStateException("Unity Catalog did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String adminToken() {
        return adminToken;
    }

    public UnityCatalog admin() {
        return new UnityCatalog(url(), adminToken);
    }

    /** A token for a user, who must exist as a SCIM user to be let in. */
    public String tokenFor(String email) {
        try {
            Process mint = new ProcessBuilder("bash", home.resolve("mint-token.sh").toString(), work.toString(),
                    email).start();
            String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mint.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("mint-token.sh failed for " + email);
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(timeout -> {
                process.destroyForcibly();
                return process;
            }).join();
        });
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path home = dir.resolve("shared/unity-catalog");
            if (Files.isRegularFile(home.resolve("start.sh"))) {
                return home;
            }
        }
        return null;
    }

    /** The server answers on a port and also uses the next one. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two free ports in a row");
    }
}
