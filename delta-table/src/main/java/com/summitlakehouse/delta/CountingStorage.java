package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table's storage, counting every request made through it (Kernel's own reads and writes included), so that a run
 * can say what it cost the store and a test can hold the cost of the thousandth run against the first's.
 */
final class CountingStorage implements TableStorage {

    private final TableStorage storage;
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    CountingStorage(TableStorage storage) {
        this.storage = storage;
    }

    StoreRequests counted() {
        return new StoreRequests(lists.get(), reads.get(), writes.get(), deletes.get());
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        lists.incrementAndGet();
        return storage.listFrom(filePath);
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
        lists.incrementAndGet();
        return storage.listRecursively(directory);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        reads.incrementAndGet();
        return storage.getFileStatus(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
        reads.incrementAndGet();
        return storage.open(path);
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        InputFile file = storage.newInputFile(path, fileSize);
        return new InputFile() {
            @Override
            public long length() throws IOException {
                return file.length();
            }

            @Override
            public String path() {
                return file.path();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                reads.incrementAndGet();
                return file.newStream();
            }
        };
    }

    @Override
    public OutputFile newOutputFile(String path) {
        OutputFile file = storage.newOutputFile(path);
        return new OutputFile() {
            @Override
            public String path() {
                return file.path();
            }

            @Override
            public PositionOutputStream create(boolean atomic) throws IOException {
                writes.incrementAndGet();
                return file.create(atomic);
            }

            @Override
            public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
                writes.incrementAndGet();
                file.writeAtomically(data, overwrite);
            }
        };
    }

    @Override
    public void moveAtomically(String from, String to) throws IOException {
        writes.incrementAndGet();
        storage.moveAtomically(from, to);
    }

    @Override
    public void copyFileAtomically(String source, String destination, boolean overwrite) throws IOException {
        reads.incrementAndGet();
        writes.incrementAndGet();
        storage.copyFileAtomically(source, destination, overwrite);
    }

    @Override
    public boolean delete(String path) throws IOException {
        deletes.incrementAndGet();
        return storage.delete(path);
    }

    @Override
    public int deleteAll(List<String> paths) throws IOException {
        deletes.addAndGet(paths.size());
        return storage.deleteAll(paths);
    }

    @Override
    public int purgeAll(List<String> paths) throws IOException {
        deletes.addAndGet(paths.size());
        return storage.purgeAll(paths);
    }

    @Override
    public String resolvePath(String path) throws IOException {
        return storage.resolvePath(path);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        return storage.mkdirs(path);
    }

    @Override
    public Optional<String> getConf(String key) {
        return storage.getConf(key);
    }

    @Override
    public void verifyAtomicCommits(String location) {
        storage.verifyAtomicCommits(location);
    }
}
