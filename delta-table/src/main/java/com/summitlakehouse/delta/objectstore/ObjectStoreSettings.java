package com.summitlakehouse.delta.objectstore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A job's object-store settings, each optional over what the AWS environment variables say (see
 * {@link S3Settings#fromEnvironment}); each job's configuration maps its own keys onto it.
 */
public interface ObjectStoreSettings {

    /** An S3-compatible store's URL (MinIO, Ceph, R2); absent: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS. */
    Optional<String> endpoint();

    /** Absent: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
    Optional<String> region();

    /** Absent: path-style exactly when an endpoint is set. */
    Optional<Boolean> pathStyle();

    /** The secret directory that may hold s3_access_key_id, s3_secret_access_key and s3_session_token. */
    Optional<String> secretsDirectory();

    default S3Settings s3() {
        return S3Settings.fromEnvironment(System.getenv(), secretsDirectory().filter(d -> !d.isBlank()).map(Path::of))
                .with(endpoint(), region(), pathStyle());
    }
}
