package com.summitlakehouse.delta;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Finishes written data files on threads of their own: closing a local file waits for the disk (it is forced before
 * it counts as written), closing an object store's waits for its upload. One write of a grouped table closes a file
 * per group (279 at 1M rows), and one after another those waits were a third of the writer's time; here the writer
 * goes on with the next file while earlier ones close, at most {@value #AT_ONCE} at a time, and {@link #awaitAll}
 * (before anything names the files in a commit) waits for every close and fails with the first failure.
 */
final class DataFileClosings implements AutoCloseable {

    static final int AT_ONCE = 16;
    private static final int THREADS = 4;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "gold-table-file-close");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slots = new Semaphore(AT_ONCE);
    private final List<Future<?>> pending = new ArrayList<>();

    /** Closes {@code file} in the background; waits first while {@value #AT_ONCE} closes are under way. */
    void close(Closeable file) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            file.close();
            return;
        }
        pending.add(threads.submit(() -> {
            try {
                file.close();
                return null;
            } finally {
                slots.release();
            }
        }));
    }

    /** Waits until every file handed over is closed; the first failure, if any. */
    void awaitAll() {
        IOException failure = null;
        for (Future<?> close : pending) {
            try {
                close.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io
                            : new IOException(e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GoldTableException("Interrupted while data files were being closed");
            }
        }
        pending.clear();
        if (failure != null) {
            throw new UncheckedIOException("Closing a data file failed: " + failure.getMessage(), failure);
        }
    }

    /** Waits for closes under way (no file is left open behind a failure), then ends the threads. */
    @Override
    public void close() {
        try {
            for (Future<?> close : pending) {
                try {
                    close.get();
                } catch (ExecutionException ignored) {
                    // the failure that ended the write is the one to report
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown();
        }
    }
}
