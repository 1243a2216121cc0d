package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.IOException;

/**
 * A file Kernel reads. Callers that know nothing of it pass a size of 0 or less (Kernel does, for _last_checkpoint):
 * the storage is asked then, which also says "not found" at open time, where Kernel expects it, not at the first read.
 */
public final class SizedInputFile implements InputFile {

    /** Opens a stream over the file, of this length. */
    public interface Opener {
        SeekableInputStream open(long length) throws IOException;
    }

    private final String path;
    private final long size;
    private final TableStorage storage;
    private final Opener opener;

    public SizedInputFile(String path, long size, TableStorage storage, Opener opener) {
        this.path = path;
        this.size = size;
        this.storage = storage;
        this.opener = opener;
    }

    @Override
    public long length() throws IOException {
        return size > 0 ? size : storage.getFileStatus(path).getSize();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return opener.open(length());
    }
}
