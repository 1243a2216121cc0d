package com.summitlakehouse.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.S3TestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The purge on a bucket with object versioning on: the files that held a withdrawn row leave no object and no
 * noncurrent version behind, and time travel to the version before fails; the latest version reads whole.
 */
class PurgeOnS3Test {

    static final S3TestServer S3 = S3TestServer.s3Mock();

    @Test
    void aPurgeOnAVersionedBucketLeavesNoVersionOfTheWithdrawnFiles() {
        S3Settings settings = S3.settings();
        String bucket = S3.newVersionedBucket("purge");
        String location = "s3://" + bucket + "/gold/posts";
        GoldTable table = new GoldTable(location, GoldTableOptions.defaults().withPurgeWithin(Duration.ZERO), settings);
        PurgeTest.writeWithWithdrawn(table);
        List<String> before = dataKeys(settings, bucket);

        OverwriteResult result = PurgeTest.withdraw(table);
        assertEquals(1, result.sweep().purged(), result.toString());
        assertEquals(List.of(), result.upkeepFailures());
        List<String> purged = before.stream().filter(key -> !dataKeys(settings, bucket).contains(key)).toList();
        assertEquals(1, purged.size(), "the old file of group b is gone: " + purged);
        try (S3Client s3 = S3Clients.create(settings)) {
            var versions = s3.listObjectVersions(r -> r.bucket(bucket).prefix(purged.get(0)));
            assertTrue(versions.versions().isEmpty() && versions.deleteMarkers().isEmpty(),
                    "no version and no delete marker of " + purged.get(0) + " is left");
        }
        assertEquals(19, new GoldTableReader(table).readLatest().size());
        assertThrows(RuntimeException.class, () -> new GoldTableReader(table).readVersion(0),
                "time travel to the version before answers an error, not rows");
    }

    /** The data files' keys (group directories), current objects only. */
    private static List<String> dataKeys(S3Settings settings, String bucket) {
        try (S3Client s3 = S3Clients.create(settings)) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("gold/posts/group-")).contents().stream()
                    .map(o -> o.key()).flatMap(key -> key.endsWith(".parquet") ? Stream.of(key) : Stream.empty())
                    .sorted().toList();
        }
    }

}
