package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A writer for {@link S3KilledWriterTest} to kill: a child process that overwrites a table on S3 with rows that
 * never end, so that it is always in the middle of a multipart upload. Arguments: endpoint, secret directory,
 * table location.
 */
public final class EndlessS3Writer {

    public static void main(String[] args) {
        S3Settings settings = new S3Settings(Optional.of(URI.create(args[0])), S3Settings.DEFAULT_REGION, true,
                Optional.of(Path.of(args[1])));
        GoldTable table = new GoldTable(args[2], GoldTableOptions.defaults(), settings);
        Random random = new Random(7);
        Iterator<Object[]> endless = new Iterator<>() {
            long id;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object[] next() {
                // Random text does not compress: parts fill quickly.
                byte[] text = new byte[300];
                random.nextBytes(text);
                return new Object[] {id++, java.util.HexFormat.of().formatHex(text), 1, true, null, null,
                        List.of("x")};
            }
        };
        table.overwrite(GoldTableTest.SCHEMA, endless, GoldTableTest.lineage("never", Long.MAX_VALUE));
    }
}
