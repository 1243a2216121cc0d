package com.summitlakehouse.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import java.util.Map;
import java.util.Optional;

/**
 * The Kernel transactions a gold table commits through, with the table's properties and lineage, and never an
 * automatic retry: a concurrent writer must make a write fail, never interleave with it.
 */
final class TableTransactions {

    private final String location;
    private final GoldTableOptions options;
    private final Engine engine;

    TableTransactions(String location, GoldTableOptions options, Engine engine) {
        this.location = location;
        this.options = options;
        this.engine = engine;
    }

    /** A transaction that replaces the whole table (creating it when {@code previous} is empty). */
    Transaction replacing(TableSchema schema, Optional<TableState> previous, Lineage lineage,
            Optional<GroupLayout> layout, String commitId) {
        Map<String, String> properties = TableProperties.forWrite(previous.map(TableState::snapshot), schema, lineage,
                options, commitId, layout.isPresent());
        String engineInfo = engineInfo(lineage);
        // No automatic retry: a concurrent writer must make this one fail, never interleave with it.
        if (previous.isEmpty()) {
            try {
                return TableManager.buildCreateTableTransaction(location, schema.toStructType(), engineInfo)
                        .withTableProperties(properties).withMaxRetries(0).build(engine);
            } catch (TableAlreadyExistsException e) {
                throw new ConcurrentCommitException("Another writer created " + location
                        + " first; this overwrite was not committed", e);
            }
        }
        return KernelInternals.replaceTable(previous.get().snapshot(), schema.toStructType(), engineInfo)
                .withTableProperties(properties).withMaxRetries(0).build(engine);
    }

    private static String engineInfo(Lineage lineage) {
        return lineage.job() + "/" + lineage.jobVersion();
    }

    /** A transaction on top of {@code snapshot} that keeps its schema and adds or removes files. */
    Transaction updating(Snapshot snapshot, Lineage lineage, String commitId) {
        return snapshot.buildUpdateTableTransaction(engineInfo(lineage), Operation.WRITE)
                .withTablePropertiesAdded(TableProperties.forUpdate(lineage, options, commitId)).withMaxRetries(0)
                .build(engine);
    }
}
