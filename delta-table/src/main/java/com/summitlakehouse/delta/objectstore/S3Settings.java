package com.summitlakehouse.delta.objectstore;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach an S3-compatible store: AWS S3 itself (no endpoint) or MinIO, Ceph, R2... (an endpoint), its region,
 * whether buckets are addressed in the path (what S3-compatible stores expect, so the default with an endpoint),
 * and the secret directory whose {@code s3_access_key_id}, {@code s3_secret_access_key} and optional
 * {@code s3_session_token} files hold the keys (absent files: the AWS default credential chain).
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<Path> secretsDirectory) {

    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * As every AWS tool reads them: {@code AWS_ENDPOINT_URL_S3} (else {@code AWS_ENDPOINT_URL}), {@code AWS_REGION}
     * (else {@code AWS_DEFAULT_REGION}, else us-east-1); path-style addressing exactly when an endpoint is set.
     */
    public static S3Settings fromEnvironment(Map<String, String> environment, Optional<Path> secretsDirectory) {
        Optional<URI> endpoint = first(environment, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL").map(URI::create);
        String region = first(environment, "AWS_REGION", "AWS_DEFAULT_REGION").orElse(DEFAULT_REGION);
        return new S3Settings(endpoint, region, endpoint.isPresent(), secretsDirectory);
    }

    /** The same, with each setting the caller has replacing the environment's. */
    public S3Settings with(Optional<String> endpointOverride, Optional<String> regionOverride,
            Optional<Boolean> pathStyleOverride) {
        Optional<URI> newEndpoint = endpointOverride.filter(e -> !e.isBlank()).map(URI::create).or(() -> endpoint);
        return new S3Settings(newEndpoint, regionOverride.filter(r -> !r.isBlank()).orElse(region),
                pathStyleOverride.orElse(newEndpoint.isPresent()), secretsDirectory);
    }

    private static Optional<String> first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
