package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Hadoop's file access for Kernel, except for how commit files are published on a local disk. The stock log store
 * checks that a commit is absent, then renames over it, and Hadoop's local file system keeps a separate checksum
 * file beside it: two writers racing for one version left a commit whose checksum no longer matched, and the table
 * unreadable. Here a commit goes to a private temporary file first and is published with link(2), which fails
 * atomically when the version already exists (across processes too); no checksum file is made.
 */
final class LocalAtomicFileIO implements TableStorage {

    private final HadoopFileIO hadoop;
    private final Configuration conf;

    LocalAtomicFileIO(Configuration conf) {
        this.hadoop = new HadoopFileIO(conf);
        this.conf = conf;
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(directory);
        FileSystem fs = root.getFileSystem(conf);
        if (!fs.exists(root)) {
            return InMemoryIterators.of(java.util.Collections.emptyIterator());
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        List<FileStatus> all = new ArrayList<>();
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            all.add(FileStatus.of(fs.makeQualified(file.getPath()).toString(), file.getLen(),
                    file.getModificationTime()));
        }
        return InMemoryIterators.of(all.iterator());
    }

    @Override
    public InputStream open(String path) throws IOException {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
        return file.getFileSystem(conf).open(file);
    }

    @Override
    public int deleteAll(List<String> paths) throws IOException {
        int deleted = 0;
        for (String path : paths) {
            if (hadoop.delete(path)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** link(2) is put-if-absent on every local file system; other Hadoop schemes are not written here. */
    @Override
    public void verifyAtomicCommits(String location) {
        if (!"file".equals(URI.create(location).getScheme())) {
            throw new GoldTableException("Tables at " + location + " cannot be committed atomically here: "
                    + "use a local path or an s3:// location");
        }
    }

    @Override
    public OutputFile newOutputFile(String path) {
        OutputFile delegate = hadoop.newOutputFile(path);
        if (!"file".equals(URI.create(path).getScheme())) {
            return delegate;
        }
        return new OutputFile() {
            @Override
            public String path() {
                return delegate.path();
            }

            @Override
            public PositionOutputStream create(boolean overwrite) throws IOException {
                return delegate.create(overwrite);
            }

            @Override
            public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
                try (data) {
                    publish(Paths.get(URI.create(path)), data, overwrite);
                }
            }
        };
    }

    static void publish(Path target, CloseableIterator<String> lines, boolean overwrite) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                while (lines.hasNext()) {
                    out.write((lines.next() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                channel.force(true);
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.createLink(target, temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        return hadoop.listFrom(filePath);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        return hadoop.getFileStatus(path);
    }

    @Override
    public String resolvePath(String path) throws IOException {
        return hadoop.resolvePath(path);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        return hadoop.mkdirs(path);
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        return hadoop.newInputFile(path, fileSize);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return hadoop.delete(path);
    }

    @Override
    public Optional<String> getConf(String confKey) {
        return hadoop.getConf(confKey);
    }

    @Override
    public void copyFileAtomically(String srcPath, String destPath, boolean overwrite) throws IOException {
        hadoop.copyFileAtomically(srcPath, destPath, overwrite);
    }
}
