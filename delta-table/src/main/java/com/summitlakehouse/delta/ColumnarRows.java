package com.summitlakehouse.delta;

import java.util.Iterator;

/**
 * Rows that append themselves to column batches, with no object per row or per value (a database's binary COPY
 * decoded straight into {@link ColumnBatchBuilder}); still an iterator, for whoever wants rows one by one. A group
 * whose rows are columnar is written through {@link #appendTo}.
 */
public interface ColumnarRows extends Iterator<Object[]> {

    /** Appends rows, each ended, until the batch is full or the rows end. */
    void appendTo(ColumnBatchBuilder batch);
}
