package bench.common;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read of a table's {@code _delta_log}, on local disk or S3: versions, a commit's lineage and
 * timestamp, the number of files. Read directly rather than through a snapshot, which costs far more than a listing.
 */
public interface DeltaLog {
    Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*(\\d+)");
    Pattern ROWS = Pattern.compile("\"summit\\.lineage\\.rows\"\\s*:\\s*\"(\\d+)\"");

    /** Names in the log at or after {@code from}, sorted; files whose names begin with a dot left out. */
    List<String> namesFrom(String from) throws IOException;

    String read(String name) throws IOException;

    /** The log of the table at {@code location}: a local directory, {@code file:...} or {@code s3://bucket/prefix}. */
    static DeltaLog of(String location) {
        if (location.startsWith("s3://") || location.startsWith("s3a://")) {
            return new S3DeltaLog(location);
        }
        Path log = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location)
                .resolve("_delta_log");
        return new DeltaLog() {
            @Override
            public List<String> namesFrom(String from) throws IOException {
                if (!Files.isDirectory(log)) {
                    return List.of();
                }
                try (var names = Files.list(log)) {
                    return names.map(p -> p.getFileName().toString())
                            .filter(n -> !n.startsWith(".") && n.compareTo(from) >= 0).sorted().toList();
                }
            }

            @Override
            public String read(String name) throws IOException {
                return Files.readString(log.resolve(name));
            }
        };
    }

    static String commitName(long version) {
        return String.format("%020d.json", version);
    }

    default long fileCount() throws IOException {
        return namesFrom("").size();
    }

    default long latestVersion() throws IOException {
        List<String> names = namesFrom("");
        long latest = -1;
        for (String name : names) {
            Matcher m = COMMIT.matcher(name);
            if (m.matches()) {
                latest = Math.max(latest, Long.parseLong(m.group(1)));
            }
        }
        return latest;
    }

    default List<Long> versionsAfter(long version) throws IOException {
        List<Long> versions = new ArrayList<>();
        for (String name : namesFrom(String.format("%020d", version + 1))) {
            Matcher m = COMMIT.matcher(name);
            if (m.matches()) {
                versions.add(Long.parseLong(m.group(1)));
            }
        }
        return versions;
    }

    /** The commit's own time, epoch millis: its commitInfo's timestamp; empty when the commit has none. */
    default OptionalLong commitTimestamp(long version) throws IOException {
        for (String line : read(commitName(version)).split("\n")) {
            if (line.startsWith("{\"commitInfo\"")) {
                Matcher m = TIMESTAMP.matcher(line);
                if (m.find()) {
                    return OptionalLong.of(Long.parseLong(m.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The rows the version holds, as its lineage records them; -1 when the commit does not say. */
    default long lineageRows(long version) throws IOException {
        Matcher m = ROWS.matcher(read(commitName(version)));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
