package com.summitlakehouse.mirror.job;

import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ConcurrentCommitException;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.mirror.source.SourceSnapshot;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Mirrors one source view into one gold table: a consistent snapshot of the view is fingerprinted; when the
 * fingerprint equals the one recorded on the table's current version nothing is written, otherwise the rows stream
 * into a new version that replaces the old one.
 */
final class GoldTableMirror {

    private final String name;
    private final MirrorConfig.Mirror config;
    private final GoldTable table;
    private final DataSource dataSource;
    private final int fetchSize;
    private final String sourceName;
    private final String jobVersion;

    GoldTableMirror(String name, MirrorConfig.Mirror config, GoldTable table, DataSource dataSource, int fetchSize,
            String sourceName, String jobVersion) {
        this.name = name;
        this.config = config;
        this.table = table;
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
        this.sourceName = sourceName;
        this.jobVersion = jobVersion;
    }

    MirrorResult run() {
        long started = System.nanoTime();
        try (SourceSnapshot source = SourceSnapshot.open(dataSource, config.source(), config.columns(),
                config.changeColumns().orElse(List.of()), fetchSize)) {
            Optional<TableVersion> current = table.current();
            if (current.filter(version -> version.madeFrom(source.fingerprint())).isPresent()) {
                return result(MirrorResult.Outcome.UNCHANGED, source.rowCount(), current.get().version(), started,
                        "source unchanged since the last mirrored version");
            }
            TableSchema schema = new TableSchema(source.columns().stream()
                    .map(c -> new Column(c.name(), c.type(), true, c.description())).toList());
            Lineage lineage = new Lineage(sourceName + "#" + config.source(), source.fingerprint(), "mirror-service",
                    jobVersion, source.rowCount(), Map.of("query", source.select()));
            try {
                OverwriteResult written = table.overwrite(schema, source.rows(), lineage, current);
                return result(MirrorResult.Outcome.MIRRORED, written.rows(), written.version(), started, null);
            } catch (ConcurrentCommitException e) {
                // Another run got there first; if it wrote this very snapshot, there is nothing left to do.
                Optional<TableVersion> now = table.current();
                if (now.filter(version -> version.madeFrom(source.fingerprint())).isPresent()) {
                    return result(MirrorResult.Outcome.UNCHANGED, source.rowCount(), now.get().version(), started,
                            "another run committed this snapshot first");
                }
                return result(MirrorResult.Outcome.FAILED, 0, null, started, e.getMessage());
            }
        } catch (SQLException e) {
            return result(MirrorResult.Outcome.FAILED, 0, null, started, "database: " + e.getMessage());
        } catch (RuntimeException e) {
            return result(MirrorResult.Outcome.FAILED, 0, null, started, e.getMessage());
        }
    }

    private MirrorResult result(MirrorResult.Outcome outcome, long rows, Long version, long started, String message) {
        return new MirrorResult(name, outcome, rows, version, (System.nanoTime() - started) / 1_000_000, message);
    }
}
