package com.summitlakehouse.mirror.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One consistent read of a source view: a read-only REPEATABLE READ transaction in which the fingerprint
 * ({@link SourceFingerprint}) and the rows come from the same database snapshot. Rows stream from PostgreSQL's
 * binary COPY ({@link CopyRows}), so memory stays flat at any table size.
 */
public final class SourceSnapshot implements AutoCloseable {

    private final Connection connection;
    private final SourceQuery query;
    private final List<SourceColumn> columns;
    private final SourceFingerprint fingerprint;
    private final String comment;
    private final Optional<SourceGrouping> grouping;
    /** The COPY last started: one at a time holds the connection, until it is read to its end or closed. */
    private CopyRows streaming;

    private SourceSnapshot(Connection connection, SourceQuery query, List<SourceColumn> columns,
            SourceFingerprint fingerprint, String comment, Optional<SourceGrouping> grouping) {
        this.comment = comment;
        this.grouping = grouping;
        this.connection = connection;
        this.query = query;
        this.columns = columns;
        this.fingerprint = fingerprint;
    }

    /**
     * @param changeColumns the columns that identify a row and change whenever it does (its key and a trigger-kept
     *                      updated_at); the fingerprint hashes only these. Empty: every allowlisted column.
     * @param groupBy       an allowlisted date or timestamp column whose UTC hour (a date column: its day) groups
     *                      the rows (see {@link SourceGrouping}); empty: the view is one whole.
     */
    public static SourceSnapshot open(DataSource dataSource, String view, List<String> allowlist,
            List<String> changeColumns, Optional<String> groupBy) throws SQLException {
        return open(dataSource, view, allowlist, changeColumns, groupBy, Optional.empty());
    }

    /**
     * As {@link #open(DataSource, String, List, List, Optional)}, fingerprinting only the groups of
     * {@code scope} when it is given and still valid (see {@link GroupScope}).
     */
    public static SourceSnapshot open(DataSource dataSource, String view, List<String> allowlist,
            List<String> changeColumns, Optional<String> groupBy, Optional<GroupScope> scope)
            throws SQLException {
        SourceQuery query = new SourceQuery(view);
        allowlist.forEach(column -> SourceQuery.checkIdentifier("column", column));
        for (String column : changeColumns) {
            if (!allowlist.contains(column)) {
                throw new MirrorSourceException("Change column " + column + " of " + view
                        + " is not one of its allowlisted columns");
            }
        }
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<SourceColumn> columns = SourceViews.describe(connection, view, allowlist);
            Optional<SourceGrouping> grouping = groupBy.map(name -> new SourceGrouping(columns.stream()
                    .filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new MirrorSourceException("Group column " + name + " of " + view
                            + " is not one of its allowlisted columns"))));
            SourceFingerprint fingerprint = SourceFingerprint.take(connection, query, columns,
                    changeColumns.isEmpty() ? allowlist : changeColumns, grouping, scope);
            return new SourceSnapshot(connection, query, columns, fingerprint,
                    SourceViews.comment(connection, view), grouping);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What the view says of itself (its COMMENT), for the gold table's description in the catalog. */
    public String comment() {
        return comment;
    }

    public List<SourceColumn> columns() {
        return columns;
    }

    public long rowCount() {
        return fingerprint.rowCount();
    }

    /**
     * Changes whenever the set of rows, any change column of any row (so, given a trigger-kept updated_at, any
     * allowlisted value), the view's definition, or the columns' names, types or comments change.
     */
    public String fingerprint() {
        return fingerprint.value();
    }

    /**
     * Everything the fingerprint covers except the rows: the view's definition, its columns and comments, the
     * change columns and the grouping. Groups written under another signature are not comparable.
     */
    public String signature() {
        return fingerprint.signature();
    }

    /** How many groups this snapshot fingerprinted; fewer than {@link #groups()} when a scope narrowed it. */
    public int groupsFingerprinted() {
        return fingerprint.groupsFingerprinted();
    }

    /** Whether the rows are grouped (see {@link SourceGrouping}). */
    public boolean grouped() {
        return grouping.isPresent();
    }

    /** Each group of a grouped view with its row count and fingerprint, by name; empty when not grouped. */
    public Map<String, SourceGroup> groups() {
        return fingerprint.groups();
    }

    public String select() {
        return query.select(columns.stream().map(SourceColumn::name).toList());
    }

    /** The rows, streamed by PostgreSQL's binary COPY in this snapshot (see {@link CopyRows}). */
    public Iterator<Object[]> rows() throws SQLException {
        return stream(select());
    }

    /** The rows of one group, streamed as {@link #rows()} streams them all. */
    public Iterator<Object[]> rowsOf(String group) throws SQLException {
        SourceGrouping by = grouping.orElseThrow(() -> new IllegalStateException(query.view() + " is not grouped"));
        return stream(query.selectGroup(columns.stream().map(SourceColumn::name).toList(), by, group));
    }

    private CopyRows stream(String select) throws SQLException {
        streaming = CopyRows.open(connection, select, columns, query.view());
        return streaming;
    }

    /**
     * Ends the read-only transaction. A connection that is gone by now (terminated after the rows were read) has
     * nothing to undo: its failure must not turn a run whose commit already landed into a failed one.
     */
    @Override
    public void close() {
        try {
            if (streaming != null) {
                streaming.close(); // a COPY left unread would hold the connection: the rollback would wait on it
            }
            connection.rollback();
        } catch (SQLException gone) {
            // Read-only: nothing was written, so there is nothing to roll back.
        } finally {
            try {
                connection.close();
            } catch (SQLException gone) {
                // The pool discards a broken connection itself.
            }
        }
    }
}
