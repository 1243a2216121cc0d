package com.summitlakehouse.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.delta.kernel.internal.util.Utils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file another engine wrote through Hadoop's local file system (Spark's {@code _last_checkpoint}) and we replace
 * must stay readable through Hadoop: its checksum file goes with the old bytes. Found as Kernel readers retrying
 * for seconds on "Checksum error" after the mirror checkpointed a table Spark had checkpointed before.
 */
class HadoopChecksumTest {

    @TempDir
    Path dir;

    @Test
    void aReplacedFileIsReadByHadoopWithoutAStaleChecksum() throws IOException {
        Path target = dir.resolve("_last_checkpoint");
        LocalFileSystem hadoop = FileSystem.getLocal(new Configuration());
        try (OutputStream out = hadoop.create(new org.apache.hadoop.fs.Path(target.toUri()))) {
            out.write("{\"version\":10,\"size\":24}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("._last_checkpoint.crc", "_last_checkpoint"), names());

        LocalAtomicFileIO.publish(target, Utils.toCloseableIterator(List.of("{\"version\":20,\"size\":24}").iterator()),
                true);

        assertEquals(List.of("_last_checkpoint"), names(), "the checksum of the old bytes is gone");
        try (FSDataInputStream in = hadoop.open(new org.apache.hadoop.fs.Path(target.toUri()))) {
            assertEquals("{\"version\":20,\"size\":24}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(dir.resolve("._last_checkpoint.crc")));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
