package com.summitlakehouse.delta.objectstore;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Single objects read whole from a store: a source file a job reads from a governed location. */
public final class S3Objects {

    private S3Objects() {
    }

    /** Which object was read: its version id where the bucket keeps versions, and its ETag. */
    public record Fetched(String uri, Optional<String> versionId, String etag) {

        /** What lineage records of the object's identity: its version id if any, else its ETag. */
        public String version() {
            return versionId.map(v -> "version " + v).orElse("etag " + etag);
        }
    }

    public static boolean isObjectUri(String location) {
        return S3Path.isS3(location);
    }

    /** Streams the object to {@code target} (replacing it); fails with {@link FileNotFoundException} if absent. */
    public static Fetched download(String uri, S3Settings settings, Path target) throws IOException {
        S3Path object = S3Path.parse(uri);
        if (object.key().isEmpty() || object.key().endsWith("/")) {
            throw new FileNotFoundException(uri + " names no object");
        }
        try (S3Client s3 = S3Clients.create(settings);
                ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(object.bucket())
                        .key(object.key()))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            GetObjectResponse response = in.response();
            return new Fetched(uri, Optional.ofNullable(response.versionId()).filter(v -> !v.equals("null")),
                    String.valueOf(response.eTag()).replace("\"", ""));
        } catch (SdkException e) {
            throw S3Errors.io("Reading", object, e);
        }
    }
}
