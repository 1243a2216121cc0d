package com.summitlakehouse.delta;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One column of one batch encoded as a Parquet v2 data page: repetition and definition levels (RLE/bit-packed
 * hybrid, uncompressed, as v2 pages keep them), the non-null values PLAIN-encoded and compressed, and the page's
 * statistics (null count, min and max as Parquet orders the type: signed for numbers, unsigned bytes for text)
 * computed in the same pass. Plain encoding of values that are already in Parquet's form is a copy; the page is
 * what {@code ParquetFileWriter} writes as it is.
 */
record ParquetPage(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
        BytesInput definitionLevels, BytesInput compressedValues, int valuesSize, Statistics<?> statistics) {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    long bytes() {
        return repetitionLevels.size() + definitionLevels.size() + compressedValues.size();
    }

    /** Encodes {@code column} (all its rows) for the Parquet column {@code descriptor}. */
    static ParquetPage of(BatchColumn column, ColumnDescriptor descriptor, BytesInputCompressor compressor)
            throws IOException {
        return column.type() == ColumnType.STRING_ARRAY ? list(column, descriptor, compressor)
                : flat(column, descriptor, compressor);
    }

    private static ParquetPage flat(BatchColumn column, ColumnDescriptor descriptor, BytesInputCompressor compressor)
            throws IOException {
        int rows = column.getSize();
        BytesInput definitions = BytesInput.empty();
        if (descriptor.getMaxDefinitionLevel() > 0) {
            definitions = column.nullCount() == 0 ? constantLevels(rows, 1)
                    : column.nullCount() == rows ? constantLevels(rows, 0) : nullLevels(column);
        }
        Values values = new Values(descriptor.getPrimitiveType());
        switch (column.type()) {
            case LONG, TIMESTAMP -> values.longs(column);
            case INTEGER, DATE -> values.ints(column);
            case BOOLEAN -> values.booleans(column);
            case STRING -> values.texts(column);
            case STRING_ARRAY -> throw new IllegalStateException("lists are not flat");
        }
        return new ParquetPage(rows, column.nullCount(), rows, BytesInput.empty(), definitions,
                values.compressed(compressor), values.size, values.statistics(column.nullCount()));
    }

    /**
     * A three-level list (optional list of optional text): per row, repetition level 0 at its first entry and 1 at
     * the next; definition levels count how far down each entry is defined: a null list, an empty list, a null
     * element, an element.
     */
    private static ParquetPage list(BatchColumn column, ColumnDescriptor descriptor, BytesInputCompressor compressor)
            throws IOException {
        int elementLevel = descriptor.getMaxDefinitionLevel();
        int emptyLevel = elementLevel - 2;
        int bitWidth = 32 - Integer.numberOfLeadingZeros(elementLevel);
        BatchColumn elements = column.elements();
        try (RunLengthBitPackingHybridEncoder repetitions = encoder(1);
                RunLengthBitPackingHybridEncoder definitions = encoder(bitWidth)) {
            int entries = 0;
            int nulls = 0;
            for (int row = 0; row < column.getSize(); row++) {
                int from = column.start(row);
                int to = column.end(row);
                if (column.isNullAt(row) || from == to) {
                    repetitions.writeInt(0);
                    definitions.writeInt(column.isNullAt(row) ? 0 : emptyLevel);
                    entries++;
                    nulls++;
                    continue;
                }
                for (int e = from; e < to; e++) {
                    repetitions.writeInt(e == from ? 0 : 1);
                    boolean missing = elements.isNullAt(e);
                    definitions.writeInt(missing ? elementLevel - 1 : elementLevel);
                    entries++;
                    nulls += missing ? 1 : 0;
                }
            }
            Values values = new Values(descriptor.getPrimitiveType());
            values.texts(elements);
            return new ParquetPage(column.getSize(), nulls, entries, BytesInput.copy(repetitions.toBytes()),
                    BytesInput.copy(definitions.toBytes()), values.compressed(compressor), values.size,
                    values.statistics(nulls));
        }
    }

    /** One RLE run: the count shifted left once as an unsigned varint, then the level in one byte. */
    private static BytesInput constantLevels(int count, int level) {
        return BytesInput.concat(BytesInput.fromUnsignedVarInt(count << 1), BytesInput.from(new byte[] {(byte) level}));
    }

    private static BytesInput nullLevels(BatchColumn column) throws IOException {
        try (RunLengthBitPackingHybridEncoder levels = encoder(1)) {
            for (int row = 0; row < column.getSize(); row++) {
                levels.writeInt(column.isNullAt(row) ? 0 : 1);
            }
            return BytesInput.copy(levels.toBytes());
        }
    }

    private static RunLengthBitPackingHybridEncoder encoder(int bitWidth) {
        return new RunLengthBitPackingHybridEncoder(bitWidth, 256, 1 << 20, HeapByteBufferAllocator.getInstance());
    }

    /** PLAIN values of one page, with their min and max as Parquet compares them. */
    private static final class Values {
        private final PrimitiveType type;
        private byte[] buffer = new byte[4096];
        private int size;
        private byte[] min;
        private byte[] max;

        Values(PrimitiveType type) {
            this.type = type;
        }

        void longs(BatchColumn column) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            reserve(column.getSize() * 8L);
            for (int row = 0; row < column.getSize(); row++) {
                if (!column.isNullAt(row)) {
                    long value = column.getLong(row);
                    LONG.set(buffer, size, value);
                    size += 8;
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
            if (size > 0) {
                min = littleEndian(low);
                max = littleEndian(high);
            }
        }

        void ints(BatchColumn column) {
            int low = Integer.MAX_VALUE;
            int high = Integer.MIN_VALUE;
            reserve(column.getSize() * 4L);
            for (int row = 0; row < column.getSize(); row++) {
                if (!column.isNullAt(row)) {
                    int value = column.getInt(row);
                    INT.set(buffer, size, value);
                    size += 4;
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
            if (size > 0) {
                min = Arrays.copyOf(littleEndian(low), 4);
                max = Arrays.copyOf(littleEndian(high), 4);
            }
        }

        /** Bit-packed, least significant bit first, eight values to a byte. */
        void booleans(BatchColumn column) {
            reserve(column.getSize() / 8 + 1);
            int bits = 0;
            boolean anyTrue = false;
            boolean anyFalse = false;
            for (int row = 0; row < column.getSize(); row++) {
                if (!column.isNullAt(row)) {
                    boolean value = column.getBoolean(row);
                    if (value) {
                        buffer[bits >>> 3] |= (byte) (1 << (bits & 7));
                    }
                    anyTrue |= value;
                    anyFalse |= !value;
                    bits++;
                }
            }
            size = (bits + 7) / 8;
            if (bits > 0) {
                min = new byte[] {(byte) (anyFalse ? 0 : 1)};
                max = new byte[] {(byte) (anyTrue ? 1 : 0)};
            }
        }

        /** Each value as its length (4 bytes, little-endian) and its bytes. */
        void texts(BatchColumn column) {
            byte[] bytes = column.bytes();
            int rows = column.getSize();
            reserve(4L * rows + (rows == 0 ? 0 : column.end(rows - 1)));
            int minAt = -1;
            int minEnd = -1;
            int maxAt = -1;
            int maxEnd = -1;
            for (int row = 0; row < rows; row++) {
                if (column.isNullAt(row)) {
                    continue;
                }
                int from = column.start(row);
                int to = column.end(row);
                INT.set(buffer, size, to - from);
                System.arraycopy(bytes, from, buffer, size + 4, to - from);
                size += 4 + to - from;
                if (minAt < 0 || Arrays.compareUnsigned(bytes, from, to, bytes, minAt, minEnd) < 0) {
                    minAt = from;
                    minEnd = to;
                }
                if (maxAt < 0 || Arrays.compareUnsigned(bytes, from, to, bytes, maxAt, maxEnd) > 0) {
                    maxAt = from;
                    maxEnd = to;
                }
            }
            if (minAt >= 0) {
                min = Arrays.copyOfRange(bytes, minAt, minEnd);
                max = Arrays.copyOfRange(bytes, maxAt, maxEnd);
            }
        }

        private void reserve(long bytes) {
            if (size + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.toIntExact(Math.max(buffer.length * 2L, size + bytes)));
            }
        }

        private static byte[] littleEndian(long value) {
            byte[] bytes = new byte[8];
            LONG.set(bytes, 0, value);
            return bytes;
        }

        BytesInput compressed(BytesInputCompressor compressor) throws IOException {
            // The compressor may answer from a buffer it reuses for the next page: the page keeps a copy.
            return BytesInput.copy(compressor.compress(BytesInput.from(buffer, 0, size)));
        }

        Statistics<?> statistics(long nulls) {
            Statistics.Builder builder = Statistics.getBuilderForReading(type).withNumNulls(nulls);
            if (min != null) {
                builder.withMin(min).withMax(max);
            }
            return builder.build();
        }
    }
}
