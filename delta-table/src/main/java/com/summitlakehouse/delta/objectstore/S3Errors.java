package com.summitlakehouse.delta.objectstore;

import java.io.FileNotFoundException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** One line for what went wrong with the store: the operation, the object, the store's status and error code. */
final class S3Errors {

    private S3Errors() {
    }

    static IOException io(String what, S3Path path, SdkException e) {
        if (e instanceof AwsServiceException service && service.statusCode() == 404) {
            return new FileNotFoundException(path + " does not exist");
        }
        return new IOException(describe(what, path, e), e);
    }

    static String describe(String what, S3Path path, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String hint = switch (code == null ? "" : code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken" ->
                        ": the store refused the credentials (s3_access_key_id / s3_secret_access_key, or the "
                                + "default credential chain)";
                case "AccessDenied" -> ": the credentials may not do this (see the bucket policy)";
                case "" -> service.statusCode() == 403
                        ? ": the store refused the request (wrong credentials, or not allowed by the bucket policy)"
                        : "";
                case "NoSuchBucket" -> ": the bucket does not exist";
                default -> "";
            };
            return what + " " + path + " failed: HTTP " + service.statusCode() + (code == null ? "" : " " + code)
                    + hint;
        }
        if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return what + " " + path + " failed: no S3 credentials (no s3_access_key_id in the secret directory, "
                    + "none in the default chain: environment, web identity, profile, instance role)";
        }
        return what + " " + path + " failed: " + e.getMessage();
    }
}
