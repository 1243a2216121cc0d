package com.summitlakehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Apache Spark 4.0 with Delta 4.0, a second Delta engine, from {@code shared/spark-sql} beside the repository. Tests
 * that use it are skipped, with the reason, where that tool is absent. One Spark session serves the whole test run
 * ({@link SparkSqlProcess}): starting Spark costs seconds, a statement milliseconds.
 */
public final class SparkSql {

    private static final Path TOOL = locate();
    private static SparkSqlProcess session;

    private SparkSql() {
    }

    /** Skips the calling test, visibly, where Spark is not available here. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(TOOL != null, "no second Delta engine here: shared/spark-sql/run.sh (beside the "
                + "repository) is absent, so this interoperability test is skipped");
    }

    /**
     * The output lines of the statements, run in order (one JSON line per result row, {@code ERROR ...} for a failed
     * one, after which the others still run); the exit code is 1 when any failed.
     */
    public static synchronized Result run(String... statements) {
        assumeAvailable();
        if (session == null || !session.isAlive()) {
            session = SparkSqlProcess.start(TOOL);
        }
        List<String> lines = new ArrayList<>();
        int exitCode = 0;
        for (String statement : statements) {
            SparkSqlProcess.Answer answer = session.execute(statement);
            lines.addAll(answer.lines());
            if (!answer.succeeded()) {
                exitCode = 1;
            }
        }
        return new Result(exitCode, lines);
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
            Path tool = dir.resolve("shared/spark-sql");
            if (Files.isExecutable(tool.resolve("run.sh"))) {
                return tool;
            }
        }
        return null;
    }
}
