package com.summitlakehouse.delta.objectstore;

import com.summitlakehouse.delta.GoldTableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Purge on a bucket that keeps object versions. There a plain DELETE only adds a delete marker and leaves the bytes
 * readable as a noncurrent version, so each key's versions and delete markers are listed and deleted by version id.
 * A job that may not do so fails with one line instead of leaving withdrawn content behind.
 */
final class S3VersionPurge {

    /** Per store and bucket, whether it keeps versions: asked once per process (jobs are short-lived runs). */
    private static final Map<String, Boolean> KEEPS_VERSIONS = new ConcurrentHashMap<>();

    private final S3Client s3;
    private final int deleteBatch;

    /** {@code deleteBatch}: versions per DeleteObjects request (S3 takes at most 1000). */
    S3VersionPurge(S3Client s3, int deleteBatch) {
        this.s3 = s3;
        this.deleteBatch = deleteBatch;
    }

    /**
     * Whether versioning is Enabled or Suspended: a suspended bucket still holds the versions written before, so
     * only a bucket that never had versioning on is purged with plain deletes.
     */
    boolean keepsVersions(S3Path bucket) throws IOException {
        String store = s3.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse("aws");
        Boolean known = KEEPS_VERSIONS.get(store + " " + bucket.bucket());
        if (known != null) {
            return known;
        }
        try {
            boolean keeps = s3.getBucketVersioning(r -> r.bucket(bucket.bucket())).status() != null;
            KEEPS_VERSIONS.put(store + " " + bucket.bucket(), keeps);
            return keeps;
        } catch (SdkException e) {
            throw failure(e, "s3:GetBucketVersioning", "Reading the versioning of", bucket.withKey(""));
        }
    }

    /** Deletes every version and delete marker of these keys (all of one bucket); answers how many keys had any. */
    int deleteEveryVersion(List<S3Path> objects) throws IOException {
        S3Path bucket = objects.get(0).withKey("");
        List<ObjectIdentifier> pending = new ArrayList<>();
        int purged = 0;
        for (S3Path object : objects) {
            List<ObjectIdentifier> versions = versionsOf(object);
            if (!versions.isEmpty()) {
                purged++;
            }
            pending.addAll(versions);
            while (pending.size() >= deleteBatch) {
                List<ObjectIdentifier> batch = pending.subList(0, deleteBatch);
                delete(bucket, List.copyOf(batch));
                batch.clear();
            }
        }
        if (!pending.isEmpty()) {
            delete(bucket, pending);
        }
        return purged;
    }

    /**
     * The key's versions and delete markers. The prefix also matches longer keys, which are skipped; they sort after
     * the key itself, so the listing stops at the first page that reaches one.
     */
    private List<ObjectIdentifier> versionsOf(S3Path object) throws IOException {
        List<ObjectIdentifier> versions = new ArrayList<>();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(r -> r.bucket(object.bucket())
                    .prefix(object.key()))) {
                boolean passedKey = false;
                for (ObjectVersion version : page.versions()) {
                    if (version.key().equals(object.key())) {
                        versions.add(identifier(object.key(), version.versionId()));
                    } else {
                        passedKey = true;
                    }
                }
                for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                    if (marker.key().equals(object.key())) {
                        versions.add(identifier(object.key(), marker.versionId()));
                    } else {
                        passedKey = true;
                    }
                }
                if (passedKey) {
                    break;
                }
            }
        } catch (SdkException e) {
            throw failure(e, "s3:ListBucketVersions", "Listing the versions of", object);
        }
        return versions;
    }

    private void delete(S3Path bucket, List<ObjectIdentifier> versions) throws IOException {
        try {
            var result = s3.deleteObjects(r -> r.bucket(bucket.bucket())
                    .delete(d -> d.objects(versions).quiet(true)));
            if (!result.errors().isEmpty()) {
                var error = result.errors().get(0);
                if ("AccessDenied".equals(error.code())) {
                    throw refusal(bucket, "s3:DeleteObjectVersion");
                }
                throw new IOException("Deleting " + result.errors().size() + " object versions of " + bucket
                        + " failed, first " + error.key() + " version " + error.versionId() + ": " + error.code());
            }
        } catch (SdkException e) {
            throw failure(e, "s3:DeleteObjectVersion", "Deleting object versions of", bucket);
        }
    }

    private static ObjectIdentifier identifier(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    /**
     * AccessDenied becomes the refusal naming the missing permission (thrown, since it is no I/O failure a later
     * run could outlast); anything else is an I/O failure in the store's words.
     */
    private static IOException failure(SdkException e, String permission, String what, S3Path path) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "AccessDenied".equals(service.awsErrorDetails().errorCode())) {
            throw refusal(path.withKey(""), permission);
        }
        return S3Errors.io(what, path, e);
    }

    private static GoldTableException refusal(S3Path bucket, String permission) {
        return new GoldTableException("Refusing to purge files of " + bucket + ": this job lacks " + permission
                + " on the bucket, and without it withdrawn content would stay readable as noncurrent object "
                + "versions; grant s3:GetBucketVersioning, s3:ListBucketVersions and s3:DeleteObjectVersion, or "
                + "keep the gold tables in a bucket that never had versioning on (deploy/README.md)");
    }
}
