package com.summitlakehouse.delta.objectstore;

import com.summitlakehouse.delta.GoldTableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Whether a store honours put-if-absent, the one guarantee commits on it rest on. */
final class ConditionalWriteProbe {

    /** Locations whose store passed the probe in this process. */
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private ConditionalWriteProbe() {
    }

    /**
     * Writes a probe object under the table's prefix twice with {@code If-None-Match: *}: the store must accept the
     * first and refuse the second. A store that overwrites (ignores the condition) or rejects the condition would
     * let two writers commit the same version, so no table is written there. Once per location and process.
     */
    static void verify(S3Storage storage, String location) {
        if (VERIFIED.contains(location)) {
            return;
        }
        S3Path probe = S3Path.parse(location + "/_conditional_write_probe/" + UUID.randomUUID());
        byte[] bytes = "probe".getBytes(StandardCharsets.UTF_8);
        try {
            try {
                storage.put(probe, bytes, false);
            } catch (FileAlreadyExistsException e) {
                throw refuse(location, "it refused a conditional write of a new object");
            }
            try {
                storage.put(probe, bytes, false);
                throw refuse(location, "it overwrote an object that If-None-Match: * should have kept");
            } catch (FileAlreadyExistsException expected) {
                VERIFIED.add(location);
            }
        } catch (IOException e) {
            if (e.getCause() instanceof AwsServiceException service
                    && (service.statusCode() == 501 || service.statusCode() == 400)) {
                throw refuse(location, "it does not implement conditional writes (" + e.getMessage() + ")");
            }
            throw new GoldTableException("Checking the store of " + location + " failed: " + e.getMessage(), e);
        } finally {
            try {
                storage.delete(probe.toString());
            } catch (IOException ignored) {
                // A left-over probe is a few bytes under an underscore prefix, which readers and vacuum skip.
            }
        }
    }

    private static GoldTableException refuse(String location, String why) {
        return new GoldTableException("Refusing to write tables at " + location + ": the object store does not "
                + "honour put-if-absent (PutObject with If-None-Match: *), so two writers could both commit the "
                + "same version; " + why + ". Use AWS S3, MinIO, R2 or another store with conditional writes.");
    }
}
