package com.summitlakehouse.delta.objectstore;

import com.summitlakehouse.delta.SizedInputFile;
import com.summitlakehouse.delta.TableStorage;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Tables on an S3-compatible store. A commit file is published with a conditional PUT ({@code If-None-Match: *}):
 * the store itself refuses a second writer of the same version (412), which surfaces as the lost race a local
 * link(2) gives, so two writers can never both commit a version, with no lock service. Data files stream up as
 * multipart uploads ({@link S3UploadStream}); reads are ranged GETs ({@link S3ReadStream}); listings page through
 * ListObjectsV2; deletes go 1000 to a request. A purge also deletes the noncurrent versions a versioned bucket keeps.
 */
public final class S3Storage implements TableStorage {

    private static final int PART_SIZE = 8 * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final Function<String, Optional<String>> conf;
    private final S3VersionPurge versions;

    /** {@code conf}: the settings Kernel's Parquet writer and reader ask for (compression, file size...). */
    public S3Storage(S3Client s3, Function<String, Optional<String>> conf) {
        this.s3 = s3;
        this.conf = conf;
        this.versions = new S3VersionPurge(s3, DELETE_BATCH);
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        S3Path from = S3Path.parse(filePath);
        int slash = from.key().lastIndexOf('/');
        String directory = from.key().substring(0, slash + 1);
        String name = from.key().substring(slash + 1);
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(from.bucket()).prefix(directory)
                .delimiter("/");
        if (!name.isEmpty()) {
            // Everything at or after the name sorts after the name less its last character; the few keys in
            // between are dropped below.
            request.startAfter(directory + name.substring(0, name.length() - 1));
        }
        return S3Listing.list(s3, request.build(), from, object -> object.key().compareTo(from.key()) >= 0);
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
        S3Path root = S3Path.parse(directory);
        return S3Listing.list(s3, ListObjectsV2Request.builder().bucket(root.bucket()).prefix(root.directoryPrefix()).build(), root,
                object -> true);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        S3Path object = S3Path.parse(path);
        try {
            var head = s3.headObject(r -> r.bucket(object.bucket()).key(object.key()));
            return FileStatus.of(path, head.contentLength(), head.lastModified().toEpochMilli());
        } catch (SdkException e) {
            throw S3Errors.io("Reading", object, e);
        }
    }

    @Override
    public String resolvePath(String path) {
        return path;
    }

    /** Object stores have no directories. */
    @Override
    public boolean mkdirs(String path) {
        return true;
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        S3Path object = S3Path.parse(path);
        return new SizedInputFile(path, fileSize, this, length -> new S3ReadStream(s3, object, length));
    }

    @Override
    public OutputFile newOutputFile(String path) {
        S3Path object = S3Path.parse(path);
        return new OutputFile() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public PositionOutputStream create(boolean overwrite) {
                return new S3UploadStream(s3, object, PART_SIZE);
            }

            @Override
            public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (data) {
                    while (data.hasNext()) {
                        bytes.write((data.next() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                put(object, bytes.toByteArray(), overwrite);
            }
        };
    }

    /** A PUT that, unless {@code overwrite}, only the first writer of the key wins. */
    void put(S3Path object, byte[] bytes, boolean overwrite) throws IOException {
        try {
            s3.putObject(r -> {
                r.bucket(object.bucket()).key(object.key()).contentLength((long) bytes.length);
                if (!overwrite) {
                    r.ifNoneMatch("*");
                }
            }, RequestBody.fromBytes(bytes));
        } catch (AwsServiceException e) {
            // 412: the key exists. 409: another conditional write of the same key is in flight; it may win.
            if (!overwrite && (e.statusCode() == 412 || e.statusCode() == 409)) {
                throw new FileAlreadyExistsException(object.toString());
            }
            throw S3Errors.io("Writing", object, e);
        } catch (SdkException e) {
            throw S3Errors.io("Writing", object, e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        S3Path object = S3Path.parse(path);
        try {
            return s3.getObject(r -> r.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Errors.io("Reading", object, e);
        }
    }

    @Override
    public boolean delete(String path) throws IOException {
        S3Path object = S3Path.parse(path);
        try {
            s3.deleteObject(r -> r.bucket(object.bucket()).key(object.key()));
            return true;
        } catch (SdkException e) {
            throw S3Errors.io("Deleting", object, e);
        }
    }

    @Override
    public int deleteAll(List<String> paths) throws IOException {
        int deleted = 0;
        for (int from = 0; from < paths.size(); from += DELETE_BATCH) {
            List<S3Path> batch = paths.subList(from, Math.min(paths.size(), from + DELETE_BATCH)).stream()
                    .map(S3Path::parse).toList();
            String bucket = batch.get(0).bucket();
            List<ObjectIdentifier> keys = new ArrayList<>();
            batch.forEach(object -> keys.add(ObjectIdentifier.builder().key(object.key()).build()));
            try {
                var result = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                if (!result.errors().isEmpty()) {
                    var error = result.errors().get(0);
                    throw new IOException("Deleting " + result.errors().size() + " objects of s3://" + bucket
                            + " failed, first " + error.key() + ": " + error.code());
                }
                deleted += batch.size();
            } catch (SdkException e) {
                throw S3Errors.io("Deleting objects of", batch.get(0).withKey(""), e);
            }
        }
        return deleted;
    }

    /**
     * Per bucket: plain deletes where versioning was never on; else every version and delete marker of each key by
     * version id ({@link S3VersionPurge}), since a plain delete there only hides the bytes behind a marker.
     */
    @Override
    public int purgeAll(List<String> paths) throws IOException {
        Map<String, List<S3Path>> byBucket = new LinkedHashMap<>();
        paths.stream().map(S3Path::parse).forEach(object -> byBucket.computeIfAbsent(object.bucket(),
                bucket -> new ArrayList<>()).add(object));
        int purged = 0;
        for (List<S3Path> objects : byBucket.values()) {
            purged += versions.keepsVersions(objects.get(0))
                    ? versions.deleteEveryVersion(objects)
                    : deleteAll(objects.stream().map(S3Path::toString).toList());
        }
        return purged;
    }

    /** A server-side copy publishes the whole object at once; the source goes afterwards. */
    @Override
    public void moveAtomically(String from, String to) throws IOException {
        S3Path source = S3Path.parse(from);
        S3Path target = S3Path.parse(to);
        try {
            s3.copyObject(r -> r.sourceBucket(source.bucket()).sourceKey(source.key())
                    .destinationBucket(target.bucket()).destinationKey(target.key()));
        } catch (SdkException e) {
            throw S3Errors.io("Copying to", target, e);
        }
        delete(from);
    }

    @Override
    public Optional<String> getConf(String key) {
        return conf.apply(key);
    }

    @Override
    public void copyFileAtomically(String sourcePath, String destinationPath, boolean overwrite) throws IOException {
        byte[] bytes;
        try (InputStream in = open(sourcePath)) {
            bytes = in.readAllBytes();
        }
        put(S3Path.parse(destinationPath), bytes, overwrite);
    }

    /** See {@link ConditionalWriteProbe}: once per location and process. */
    @Override
    public void verifyAtomicCommits(String location) {
        ConditionalWriteProbe.verify(this, location);
    }
}
