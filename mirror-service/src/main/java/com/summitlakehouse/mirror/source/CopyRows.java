package com.summitlakehouse.mirror.source;

import com.summitlakehouse.delta.ColumnBatchBuilder;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.ColumnarRows;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a source query as PostgreSQL's binary COPY sends them, decoded straight into column batches: text
 * stays the UTF-8 bytes the server sent, numbers and times are read from their binary form, and no object is made
 * per row or per value (the JDBC driver made a String, a boxed number or a calendar for each). The server sends
 * one message per row, so memory holds one row beyond the batch. Still an iterator of Java values, for whoever
 * wants rows one by one.
 */
final class CopyRows implements ColumnarRows, AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL counts dates and timestamps from 2000-01-01. */
    private static final int EPOCH_DAYS = (int) LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_MICROS = EPOCH_DAYS * 86_400_000_000L;

    private final Connection connection;
    private final CopyOut copy;
    private final List<SourceColumn> columns;
    private final ColumnType[] types;
    private final String view;
    private byte[] data = new byte[0];
    private int at;
    private boolean ended;
    /** Whether the next row's field count was read, by {@link #hasNext}. */
    private boolean ready;

    private CopyRows(Connection connection, CopyOut copy, List<SourceColumn> columns, String view) {
        this.connection = connection;
        this.copy = copy;
        this.columns = columns;
        this.types = columns.stream().map(SourceColumn::type).toArray(ColumnType[]::new);
        this.view = view;
    }

    /** Starts {@code select} as a binary COPY on {@code connection}, in its transaction. */
    static CopyRows open(Connection connection, String select, List<SourceColumn> columns, String view)
            throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
        CopyRows rows = new CopyRows(connection, copy, columns, view);
        try {
            rows.readHeader();
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
        return rows;
    }

    private void readHeader() {
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(data, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw failure("does not start with PostgreSQL's binary COPY signature");
        }
        at = SIGNATURE.length + 4; // flags: none defined that change the tuples
        int extension = int32();
        need(extension);
        at += extension;
    }

    @Override
    public void appendTo(ColumnBatchBuilder batch) {
        while (!batch.full() && hasNext()) {
            for (int c = 0; c < types.length; c++) {
                int length = fieldLength();
                if (length < 0) {
                    batch.appendNull(c);
                    continue;
                }
                switch (types[c]) {
                    case STRING -> batch.appendText(c, data, at, length);
                    case INTEGER -> batch.appendInt(c, int32At(fixed(c, length, 4)));
                    case LONG -> batch.appendLong(c, int64At(fixed(c, length, 8)));
                    case BOOLEAN -> batch.appendBoolean(c, data[fixed(c, length, 1)] != 0);
                    case DATE -> batch.appendDate(c, epochDay(c, length));
                    case TIMESTAMP -> batch.appendTimestamp(c, epochMicros(c, length));
                    case STRING_ARRAY -> appendElements(batch, c, length);
                }
                at += length;
            }
            ready = false;
            batch.endRow();
        }
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            int length = fieldLength();
            if (length < 0) {
                continue;
            }
            row[c] = switch (types[c]) {
                case STRING -> new String(data, at, length, StandardCharsets.UTF_8);
                case INTEGER -> int32At(fixed(c, length, 4));
                case LONG -> int64At(fixed(c, length, 8));
                case BOOLEAN -> data[fixed(c, length, 1)] != 0;
                case DATE -> LocalDate.ofEpochDay(epochDay(c, length));
                case TIMESTAMP -> Instant.EPOCH.plus(epochMicros(c, length), ChronoUnit.MICROS);
                case STRING_ARRAY -> elements(c, length);
            };
            at += length;
        }
        ready = false;
        return row;
    }

    /** Whether a row follows; at the end of the data, reads the rest of the COPY so the connection is free. */
    @Override
    public boolean hasNext() {
        if (ended || ready) {
            return ready;
        }
        need(2);
        int fields = (short) ((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF);
        if (fields == -1) {
            ended = true;
            close(); // CopyDone follows the trailer
            return false;
        }
        if (fields != types.length) {
            throw failure("sent a row of " + fields + " fields for " + types.length + " columns");
        }
        at += 2;
        ready = true;
        return true;
    }

    /** The length of column {@code c}'s next value, -1 for NULL, with its bytes at hand. */
    private int fieldLength() {
        need(4);
        int length = int32();
        if (length > 0) {
            need(length);
        }
        return length;
    }

    private int fixed(int c, int length, int expected) {
        if (length != expected) {
            throw failure("sent " + length + " bytes for column " + columns.get(c).name() + " ("
                    + columns.get(c).postgresType() + "), not " + expected);
        }
        return at;
    }

    private int epochDay(int c, int length) {
        int days = int32At(fixed(c, length, 4));
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            throw infinite(c);
        }
        return days + EPOCH_DAYS;
    }

    private long epochMicros(int c, int length) {
        long micros = int64At(fixed(c, length, 8));
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw infinite(c);
        }
        return micros + EPOCH_MICROS;
    }

    private MirrorSourceException infinite(int c) {
        return failure("holds infinity in column " + columns.get(c).name() + ", which a gold table cannot store");
    }

    private void appendElements(ColumnBatchBuilder batch, int c, int length) {
        forEachElement(c, length, (start, size) -> {
            if (start < 0) {
                batch.appendNullElement(c);
            } else {
                batch.appendElement(c, data, start, size);
            }
        });
        batch.endArray(c);
    }

    private List<String> elements(int c, int length) {
        List<String> elements = new ArrayList<>();
        forEachElement(c, length, (start, size) -> elements.add(start < 0 ? null
                : new String(data, start, size, StandardCharsets.UTF_8)));
        return elements;
    }

    /** Where an element's bytes start (-1 for NULL) and how many there are. */
    private interface Element {
        void accept(int start, int size);
    }

    /** Walks a one-dimensional text array: dimensions, flags, element type, then each element's length and bytes. */
    private void forEachElement(int c, int length, Element element) {
        int end = at + length;
        for (int position = arrayElementsAt(c); position < end; ) {
            int size = int32At(position);
            position += 4;
            element.accept(size < 0 ? -1 : position, size);
            position += Math.max(size, 0);
        }
    }

    /** Where the first element of the array at {@link #at} starts. */
    private int arrayElementsAt(int c) {
        int dimensions = int32At(at);
        if (dimensions > 1) {
            throw failure("holds a " + dimensions + "-dimensional array in column " + columns.get(c).name()
                    + "; gold tables store lists");
        }
        return at + 12 + 8 * dimensions; // dimensions, has-nulls flag, element type; each dimension's size and base
    }

    /**
     * Big-endian, as PostgreSQL sends numbers; plain shifts, which a fresh process runs fast before they are
     * compiled (a byte-array VarHandle is slow until then).
     */
    private int int32At(int position) {
        return (data[position] & 0xFF) << 24 | (data[position + 1] & 0xFF) << 16 | (data[position + 2] & 0xFF) << 8
                | data[position + 3] & 0xFF;
    }

    private long int64At(int position) {
        return (long) int32At(position) << 32 | int32At(position + 4) & 0xFFFFFFFFL;
    }

    private int int32() {
        int value = int32At(at);
        at += 4;
        return value;
    }

    /** Makes sure {@code bytes} bytes from {@link #at} are at hand, joining the next messages when they are not. */
    private void need(int bytes) {
        while (data.length - at < bytes) {
            byte[] more;
            try {
                more = copy.readFromCopy();
            } catch (SQLException e) {
                throw failure("failed: " + e.getMessage());
            }
            if (more == null) {
                throw failure("ended inside a row");
            }
            if (at == data.length) {
                // The usual case, one message per row: nothing is left to join, the message is taken as it is.
                data = more;
                at = 0;
                continue;
            }
            byte[] joined = new byte[data.length - at + more.length];
            System.arraycopy(data, at, joined, 0, data.length - at);
            System.arraycopy(more, 0, joined, data.length - at, more.length);
            data = joined;
            at = 0;
        }
    }

    private MirrorSourceException failure(String what) {
        return new MirrorSourceException("Reading " + view + ": the COPY " + what);
    }

    /**
     * Reads a COPY that was not read to its end (the run failed or stopped) to its end, discarding the rows, so that
     * its connection serves the next statement (the driver's cancel left rows of a short COPY in the connection). A
     * COPY that cannot be read on (the connection was cut) still holds the driver's lock on the connection, which
     * would make its next statement, the pool's reset included, wait for ever: the connection is aborted instead,
     * and the pool discards it.
     */
    @Override
    public void close() {
        try {
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discarded
            }
        } catch (SQLException e) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
