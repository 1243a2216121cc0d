package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For {@link S3CredentialsTest}: a process configured only by the AWS environment variables (endpoint, region, keys),
 * as every AWS tool is, puts one object. Arguments: bucket, key. Exit 0 when the store accepted it.
 */
public final class S3PutFromEnvironment {

    public static void main(String[] args) {
        S3Settings settings = S3Settings.fromEnvironment(System.getenv(), Optional.empty());
        try (S3Client s3 = S3Clients.create(settings)) {
            s3.putObject(r -> r.bucket(args[0]).key(args[1]), RequestBody.fromString("from the environment"));
        }
    }
}
