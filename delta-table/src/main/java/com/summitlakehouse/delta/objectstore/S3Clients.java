package com.summitlakehouse.delta.objectstore;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 client a job uses: its store, region, addressing and credentials. */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(S3Settings settings) {
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .httpClient(UrlConnectionHttpClient.create());
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                // S3-compatible stores differ in which checksum headers they know: send them only when required.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /** Keys from the secret directory when it holds them; else the AWS default chain (environment, web identity...). */
    static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.secretsDirectory().filter(SecretFileCredentials::present)
                .<AwsCredentialsProvider>map(SecretFileCredentials::new)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
