package com.summitlakehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Apache Spark 4.0 with Delta 4.0, a second Delta engine, through {@code shared/spark-sql/run.sh} beside the
 * repository. Tests that use it are skipped, with the reason, where that tool is absent. Each call is a JVM of its
 * own (about 10 s): put a test's statements into one call.
 */
public final class SparkSql {

    private static final Path RUN = locate();

    private SparkSql() {
    }

    /** Skips the calling test, visibly, where Spark is not available here. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(RUN != null, "no second Delta engine here: shared/spark-sql/run.sh (beside the "
                + "repository) is absent, so this interoperability test is skipped");
    }

    /** The output lines of the statements (one JSON line per result row, {@code ERROR ...} for a failed one). */
    public static Result run(String... statements) {
        assumeAvailable();
        List<String> command = new ArrayList<>();
        command.add(RUN.toString());
        command.addAll(List.of(statements));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            // stderr carries Spark's own logging; read it aside so that the process never blocks on it.
            Thread drain = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the process is gone
                }
            });
            drain.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Spark did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), out.lines().filter(line -> !line.isBlank()).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, List<String> lines) {

        public List<String> errors() {
            return lines.stream().filter(line -> line.startsWith("ERROR")).toList();
        }

        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("Spark failed (exit " + exitCode + "): " + String.join("\n", lines));
            }
            return this;
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path run = dir.resolve("shared/spark-sql/run.sh");
            if (Files.isExecutable(run)) {
                return run;
            }
        }
        return null;
    }
}
