package bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A log on S3, through the AWS SDK: one ListObjectsV2 from a start key; GetObject per commit read. The endpoint is
 * {@code AWS_ENDPOINT_URL_S3} and the keys are the files {@code s3_access_key_id} and {@code s3_secret_access_key} in
 * {@code SECRETS_DIR}, as the library itself reads them.
 */
final class S3DeltaLog implements DeltaLog {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3DeltaLog(String location) {
        String path = location.substring(location.indexOf("://") + 3);
        int slash = path.indexOf('/');
        this.bucket = path.substring(0, slash);
        this.prefix = path.substring(slash + 1).replaceAll("/+$", "") + "/_delta_log/";
        String secrets = System.getenv().getOrDefault("SECRETS_DIR", ".");
        this.s3 = S3Client.builder().endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_S3")))
                .forcePathStyle(true).region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        secret(secrets, "s3_access_key_id"), secret(secrets, "s3_secret_access_key"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static String secret(String directory, String name) {
        try {
            return Files.readString(Path.of(directory, name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> namesFrom(String from) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (!from.isEmpty()) {
            // start-after is exclusive: just before the first name wanted ("...11~" before "...12"; '~' sorts
            // after every character a log file name has past its version).
            request.startAfter(prefix + from.substring(0, from.length() - 1)
                    + (char) (from.charAt(from.length() - 1) - 1) + "~");
        }
        List<String> names = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
            String name = object.key().substring(prefix.length());
            if (!name.startsWith(".") && !name.contains("/") && name.compareTo(from) >= 0) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public String read(String name) {
        return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(prefix + name).build())
                .asString(StandardCharsets.UTF_8);
    }
}
