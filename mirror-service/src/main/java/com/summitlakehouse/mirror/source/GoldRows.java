package com.summitlakehouse.mirror.source;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows of a source view as values of the gold column types (timestamps as instants, text arrays as lists), read
 * lazily from a result set that streams through a server-side cursor.
 */
final class GoldRows implements Iterator<Object[]>, AutoCloseable {

    private final ResultSet result;
    private final List<SourceColumn> columns;
    private final String view;
    private boolean ready;
    private boolean done;

    GoldRows(ResultSet result, List<SourceColumn> columns, String view) {
        this.result = result;
        this.columns = columns;
        this.view = view;
    }

    @Override
    public boolean hasNext() {
        if (!ready && !done) {
            try {
                ready = result.next();
                done = !ready;
            } catch (SQLException e) {
                throw new MirrorSourceException("Reading " + view + " failed: " + e.getMessage());
            }
        }
        return ready;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        try {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(columns.get(i), i + 1);
            }
            return row;
        } catch (SQLException e) {
            throw new MirrorSourceException("Reading " + view + " failed: " + e.getMessage());
        }
    }

    private Object value(SourceColumn column, int index) throws SQLException {
        Object value = switch (column.type()) {
            case STRING -> result.getString(index);
            case INTEGER -> result.getInt(index);
            case LONG -> result.getLong(index);
            case BOOLEAN -> result.getBoolean(index);
            case DATE -> result.getObject(index, LocalDate.class);
            case TIMESTAMP -> {
                OffsetDateTime at = result.getObject(index, OffsetDateTime.class);
                yield at == null ? null : at.toInstant();
            }
            case STRING_ARRAY -> {
                Array array = result.getArray(index);
                yield array == null ? null : Arrays.asList((String[]) array.getArray());
            }
        };
        return result.wasNull() ? null : value;
    }

    @Override
    public void close() throws SQLException {
        result.getStatement().close();
    }
}
