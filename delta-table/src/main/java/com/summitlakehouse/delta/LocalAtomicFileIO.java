package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Tables on a local (or mounted) file system, through java.nio alone. A commit goes to a private temporary file first
 * and is published with link(2), which fails atomically when the version already exists (across processes too): the
 * stock log store checked, then renamed, and Hadoop's local file system kept a checksum file beside it, so two
 * writers racing for one version once left a table unreadable. Without Hadoop's FileSystem the jobs also run on
 * JDKs where Hadoop's security layer no longer starts (23 and later). Paths are {@code file:} URIs in Hadoop's form
 * ({@code file:/abs/path}), the form table locations have.
 */
final class LocalAtomicFileIO implements TableStorage {

    private final Function<String, Optional<String>> conf;

    /** {@code conf}: the settings Kernel's Parquet writer and reader ask for (compression, file size...). */
    LocalAtomicFileIO(Function<String, Optional<String>> conf) {
        this.conf = conf;
    }

    /** The file a canonical location names ({@link TableLocation}: decoded, so nothing is decoded here). */
    static Path path(String location) {
        return Paths.get(location.startsWith("file:") ? TableLocation.withoutAuthority(location) : location);
    }

    private static String location(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    private static FileStatus status(Path file) throws IOException {
        return FileStatus.of(location(file), Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        Path from = path(filePath);
        Path directory = from.getParent();
        String name = from.getFileName().toString();
        if (!Files.isDirectory(directory)) {
            throw new FileNotFoundException(location(directory) + " does not exist");
        }
        // Only names at or after the start are kept, sorted and asked for their status: a log of thousands of
        // versions costs one pass over the directory's names, not a status call per file.
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().compareTo(name) >= 0)) {
            names.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(entry -> entry.getFileName().toString()));
        List<FileStatus> found = new ArrayList<>();
        for (Path entry : entries) {
            try {
                if (Files.isRegularFile(entry)) {
                    found.add(status(entry));
                }
            } catch (NoSuchFileException gone) {
                // Deleted since it was named (log cleanup of another writer): not there.
            }
        }
        return InMemoryIterators.of(found.iterator());
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
        Path root = path(directory);
        if (!Files.isDirectory(root)) {
            return InMemoryIterators.of(java.util.Collections.emptyIterator());
        }
        List<FileStatus> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                found.add(status(file));
            }
        }
        return InMemoryIterators.of(found.iterator());
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        try {
            return status(path(path));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path + " does not exist");
        }
    }

    @Override
    public String resolvePath(String path) {
        return location(path(path));
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        Files.createDirectories(path(path));
        return true;
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        Path file = path(path);
        return new SizedInputFile(path, fileSize, this, length -> {
            try {
                return new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(path + " does not exist");
            }
        });
    }

    @Override
    public OutputFile newOutputFile(String path) {
        Path file = path(path);
        return new OutputFile() {
            @Override
            public String path() {
                return path;
            }

            /**
             * Kernel's flag asks for an atomic write (checkpoints): the bytes go to a private temporary file,
             * which replaces the target by rename only when the stream is closed, so a reader never sees a partial
             * file and a writer killed meanwhile leaves only the hidden temporary one. Data files (not atomic) have
             * names of their own and are created new.
             */
            @Override
            public PositionOutputStream create(boolean atomic) throws IOException {
                Files.createDirectories(file.getParent());
                if (!atomic) {
                    return new ChannelOutputStream(FileChannel.open(file, StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE_NEW), () -> { });
                }
                Path temp = temporarySibling(file);
                return new ChannelOutputStream(FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE_NEW), () -> {
                            dropHadoopChecksum(file);
                            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        });
            }

            @Override
            public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
                try (data) {
                    publish(file, data, overwrite);
                }
            }
        };
    }

    static void publish(Path target, CloseableIterator<String> lines, boolean overwrite) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = temporarySibling(target);
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
                dropHadoopChecksum(target);
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

    /**
     * Hadoop's local file system (Spark's, Kernel's default engine's) keeps a checksum beside each file it writes,
     * {@code .<name>.crc}, and refuses the file when its bytes no longer match. A file we replace, such as the
     * {@code _last_checkpoint} Spark wrote first, takes that checksum away; else every such reader would fail on it
     * and retry for seconds before reading the log without it.
     */
    static void dropHadoopChecksum(Path target) throws IOException {
        Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
    }

    /** Hidden (a leading dot), so that neither Delta readers nor vacuum take it for a table file. */
    static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    @Override
    public void moveAtomically(String from, String to) throws IOException {
        Files.move(path(from), path(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(path(path));
    }

    @Override
    public boolean delete(String path) throws IOException {
        return Files.deleteIfExists(path(path));
    }

    @Override
    public int deleteAll(List<String> paths) throws IOException {
        int deleted = 0;
        for (String path : paths) {
            if (delete(path)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public Optional<String> getConf(String key) {
        return conf.apply(key);
    }

    @Override
    public void copyFileAtomically(String sourcePath, String destinationPath, boolean overwrite) throws IOException {
        try (var lines = Files.lines(path(sourcePath), StandardCharsets.UTF_8)) {
            publish(path(destinationPath), InMemoryIterators.of(lines.iterator()), overwrite);
        }
    }

    /** link(2) is put-if-absent on every local file system; other schemes are not written here. */
    @Override
    public void verifyAtomicCommits(String location) {
        if (!location.startsWith("file:")) {
            throw new GoldTableException("Tables at " + location + " cannot be committed atomically here: "
                    + "use a local path or an s3:// location");
        }
    }
}
