package com.summitlakehouse.delta;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * One logical-to-physical transformation for all the groups of a write. Kernel's {@code transformLogicalData} parses
 * the table schema from the transaction state on every call, twice, so it is called once per write, over a feed that
 * each group's batches pass through in turn: the transformation maps batch by batch and asks its source for a batch
 * only when asked for one, so a group's physical batches end where its logical ones do. Should a transformation ever
 * stop asking after a source's first end, the next group would come out empty and the writer's count check fail it.
 */
final class PhysicalBatches implements AutoCloseable {

    private final Feed feed = new Feed();
    private final CloseableIterator<FilteredColumnarBatch> physical;

    PhysicalBatches(UnaryOperator<CloseableIterator<FilteredColumnarBatch>> transformation) {
        this.physical = transformation.apply(feed);
    }

    /** The physical batches of one group; the previous group's must have been read to their end. */
    CloseableIterator<FilteredColumnarBatch> of(CloseableIterator<FilteredColumnarBatch> logical) {
        if (feed.current != null && feed.current.hasNext()) {
            throw new IllegalStateException("The previous group's batches were not read to their end");
        }
        feed.current = logical;
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return feed.current == logical && physical.hasNext();
            }

            @Override
            public FilteredColumnarBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return physical.next();
            }

            @Override
            public void close() throws IOException {
                logical.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            physical.close();
        } catch (IOException e) {
            throw new GoldTableException("Closing the rows being written failed: " + e.getMessage(), e);
        }
    }

    /** The source the transformation reads: the current group's batches. */
    private static final class Feed implements CloseableIterator<FilteredColumnarBatch> {
        private CloseableIterator<FilteredColumnarBatch> current;

        @Override
        public boolean hasNext() {
            return current != null && current.hasNext();
        }

        @Override
        public FilteredColumnarBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
