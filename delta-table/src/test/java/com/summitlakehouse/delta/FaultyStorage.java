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

/**
 * A real table storage (local disk or S3) with faults injected by the test: before each operation on a path,
 * {@link Fault#before} may throw (a failed read, write, delete), halt the process (a crash), or let it pass.
 */
final class FaultyStorage implements TableStorage {

    /** {@code WRITTEN_ATOMICALLY}: after the file landed, where a failure is an answer lost on its way back. */
    enum Operation { LIST, READ, CREATE, WRITE_BYTES, CLOSE, WRITE_ATOMICALLY, WRITTEN_ATOMICALLY, MOVE, DELETE }

    @FunctionalInterface
    interface Fault {
        void before(Operation operation, String path) throws IOException;
    }

    private final TableStorage storage;
    private volatile Fault fault;

    FaultyStorage(TableStorage storage, Fault fault) {
        this.storage = storage;
        this.fault = fault;
    }

    void inject(Fault newFault) {
        this.fault = newFault;
    }

    void heal() {
        this.fault = (operation, path) -> { };
    }

    private void check(Operation operation, String path) throws IOException {
        fault.before(operation, path);
    }

    private void unchecked(Operation operation, String path) {
        try {
            check(operation, path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
        check(Operation.LIST, directory);
        return storage.listRecursively(directory);
    }

    @Override
    public InputStream open(String path) throws IOException {
        check(Operation.READ, path);
        return storage.open(path);
    }

    @Override
    public void moveAtomically(String from, String to) throws IOException {
        check(Operation.MOVE, to);
        storage.moveAtomically(from, to);
    }

    @Override
    public int deleteAll(List<String> paths) throws IOException {
        for (String path : paths) {
            check(Operation.DELETE, path);
        }
        return storage.deleteAll(paths);
    }

    @Override
    public int purgeAll(List<String> paths) throws IOException {
        for (String path : paths) {
            check(Operation.DELETE, path);
        }
        return storage.purgeAll(paths);
    }

    @Override
    public void verifyAtomicCommits(String location) {
        storage.verifyAtomicCommits(location);
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        check(Operation.LIST, filePath);
        return storage.listFrom(filePath);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        return storage.getFileStatus(path);
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
                check(Operation.READ, path);
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
                check(Operation.CREATE, path);
                return new Watched(file.create(atomic), path);
            }

            @Override
            public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
                check(Operation.WRITE_ATOMICALLY, path);
                file.writeAtomically(data, overwrite);
                check(Operation.WRITTEN_ATOMICALLY, path);
            }
        };
    }

    @Override
    public boolean delete(String path) throws IOException {
        check(Operation.DELETE, path);
        return storage.delete(path);
    }

    @Override
    public Optional<String> getConf(String key) {
        return storage.getConf(key);
    }

    @Override
    public void copyFileAtomically(String sourcePath, String destinationPath, boolean overwrite) throws IOException {
        check(Operation.WRITE_ATOMICALLY, destinationPath);
        storage.copyFileAtomically(sourcePath, destinationPath, overwrite);
    }

    /** A stream that asks the fault before each write of bytes, so a crash can come half-way through a file. */
    private final class Watched extends PositionOutputStream {
        private final PositionOutputStream out;
        private final String path;

        Watched(PositionOutputStream out, String path) {
            this.out = out;
            this.path = path;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            check(Operation.WRITE_BYTES, path);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            check(Operation.WRITE_BYTES, path);
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            check(Operation.CLOSE, path);
            out.close();
        }
    }
}
