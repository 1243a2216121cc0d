package com.summitlakehouse.delta.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * S3 keys from the secret directory, as the database password is read: read again whenever the files change, so
 * that a rotated secret reaches the next request without a restart. The keys are never logged; an incomplete set
 * fails naming the missing file.
 */
final class SecretFileCredentials implements AwsCredentialsProvider {

    static final String ACCESS_KEY_ID = "s3_access_key_id";
    static final String SECRET_ACCESS_KEY = "s3_secret_access_key";
    static final String SESSION_TOKEN = "s3_session_token";

    private final Path directory;
    private volatile Snapshot current;

    private record Snapshot(long stamp, AwsCredentials credentials) {
    }

    SecretFileCredentials(Path directory) {
        this.directory = directory;
    }

    /** Whether the directory holds keys at all; if not, the default credential chain applies. */
    static boolean present(Path directory) {
        return Files.isRegularFile(directory.resolve(ACCESS_KEY_ID));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        long stamp = stamp();
        Snapshot seen = current;
        if (seen != null && seen.stamp() == stamp) {
            return seen.credentials();
        }
        String keyId = read(ACCESS_KEY_ID);
        String secret = read(SECRET_ACCESS_KEY);
        Path token = directory.resolve(SESSION_TOKEN);
        AwsCredentials credentials = Files.isRegularFile(token)
                ? AwsSessionCredentials.create(keyId, secret, read(SESSION_TOKEN))
                : AwsBasicCredentials.create(keyId, secret);
        current = new Snapshot(stamp, credentials);
        return credentials;
    }

    /** Changes when any of the files is replaced (a Kubernetes secret update swaps a symlink: a new inode time). */
    private long stamp() {
        long stamp = 17;
        for (String name : new String[] {ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN}) {
            try {
                Path file = directory.resolve(name);
                stamp = stamp * 31 + (Files.exists(file) ? Files.getLastModifiedTime(file).toMillis()
                        + Files.size(file) : -1);
            } catch (IOException e) {
                stamp = stamp * 31 - 2;
            }
        }
        return stamp;
    }

    private String read(String name) {
        Path file = directory.resolve(name);
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("The secret file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("The secret file " + file + " cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "S3 keys from " + directory;
    }
}
