package com.summitlakehouse.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Spark JVM that lives as long as the test JVM: {@code SparkSqlSession.java} (a test resource) run by the JDK's
 * source launcher on the class path that {@code shared/spark-sql/run.sh} builds once, with that tool's JVM settings.
 * Statements travel one per line; see that file for the protocol.
 */
final class SparkSqlProcess {

    private static final long STATEMENT_TIMEOUT_MINUTES = 5;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dlog4j2.level=error");

    record Answer(boolean succeeded, List<String> lines) {
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Deque<String> lastErrorLines = new ArrayDeque<>();
    private final Path scratch;

    private SparkSqlProcess(Process process, Path scratch) {
        this.process = process;
        this.scratch = scratch;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread drain = new Thread(() -> keepLastLines(process.getErrorStream()), "spark-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts Spark and waits until its session is ready; stopped, and its scratch folder deleted, at JVM exit. */
    static SparkSqlProcess start(Path tool) {
        Path build = builtTool(tool);
        // Spark's own scratch space (block manager, shuffle) beside the tests' temp folder, removed when it stops.
        Path scratch = Path.of(System.getProperty("java.io.tmpdir") + "-spark");
        try {
            Files.createDirectories(scratch);
            Path source = scratch.resolve("SparkSqlSession.java");
            try (InputStream resource = SparkSqlProcess.class.getResourceAsStream("/spark/SparkSqlSession.java")) {
                Files.copy(Objects.requireNonNull(resource, "spark/SparkSqlSession.java is not on the class path"),
                        source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.addAll(TestJvm.command());
            command.addAll(JVM_OPTIONS);
            command.add("-Djava.io.tmpdir=" + scratch);
            command.add("-cp");
            command.add(build.resolve("target/spark-sql-1.jar") + ":"
                    + Files.readString(build.resolve("target/classpath.txt")).trim());
            command.add(source.toString());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("TMPDIR", scratch.toString());
            SparkSqlProcess spark = new SparkSqlProcess(builder.start(), scratch);
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop, "spark-stop"));
            spark.awaitReady();
            return spark;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    synchronized Answer execute(String sql) {
        try {
            in.write(Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8)));
            in.write('\n');
            in.flush();
            return CompletableFuture.supplyAsync(this::readAnswer)
                    .get(STATEMENT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("Spark stopped answering (" + sql + "): " + lastErrorLines(), e);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Spark did not answer within " + STATEMENT_TIMEOUT_MINUTES
                    + " minutes: " + sql);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer readAnswer() {
        List<String> lines = new ArrayList<>();
        for (String line = nextLine(); ; line = nextLine()) {
            if (line.equals("END OK") || line.equals("END ERROR")) {
                return new Answer(line.equals("END OK"), lines);
            }
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
    }

    private void awaitReady() {
        try {
            CompletableFuture.runAsync(() -> {
                for (String line = nextLine(); !line.equals("READY"); line = nextLine()) {
                    // whatever Spark printed before its session was up
                }
            }).get(STATEMENT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("Spark did not start: " + lastErrorLines(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String nextLine() {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("Spark exited: " + lastErrorLines());
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        try {
            in.close(); // the session stops Spark when its input ends
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException ignored) {
            process.destroyForcibly();
        }
        deleteRecursively(scratch);
    }

    private void keepLastLines(InputStream errors) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(errors, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lastErrorLines) {
                    lastErrorLines.addLast(line);
                    if (lastErrorLines.size() > 40) {
                        lastErrorLines.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private String lastErrorLines() {
        synchronized (lastErrorLines) {
            return String.join("\n", lastErrorLines);
        }
    }

    /** The tool as run.sh builds it (its cache key: the first 16 hex digits of SHA-256 over pom.xml + source). */
    private static Path builtTool(Path tool) {
        Path build = cachedBuild(tool);
        if (!Files.isRegularFile(build.resolve("target/classpath.txt"))) {
            runOnce(tool); // builds it
        }
        if (!Files.isRegularFile(build.resolve("target/classpath.txt"))
                || !Files.isRegularFile(build.resolve("target/spark-sql-1.jar"))) {
            throw new IllegalStateException("shared/spark-sql was not built where its run.sh builds it: " + build);
        }
        return build;
    }

    private static Path cachedBuild(Path tool) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Files.readAllBytes(tool.resolve("pom.xml")));
            sha256.update(Files.readAllBytes(tool.resolve("src/main/java/SparkSql.java")));
            String key = HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
            String cache = System.getenv("XDG_CACHE_HOME");
            Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
            return root.resolve("summit-spark-sql").resolve(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runOnce(Path tool) {
        try {
            Process build = new ProcessBuilder(tool.resolve("run.sh").toString(), "SELECT 1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!build.waitFor(20, TimeUnit.MINUTES)) {
                build.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
