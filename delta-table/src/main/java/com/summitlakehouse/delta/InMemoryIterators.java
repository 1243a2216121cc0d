package com.summitlakehouse.delta;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;

/**
 * Kernel's calls take {@link CloseableIterator}s; its public API has no way to make one from values already in
 * memory (only an internal utility does), so this is that way.
 */
public final class InMemoryIterators {

    private InMemoryIterators() {
    }

    /** The values of {@code iterator}; closing it releases nothing, there is nothing to release. */
    public static <T> CloseableIterator<T> of(Iterator<T> iterator) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public T next() {
                return iterator.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
