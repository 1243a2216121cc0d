package com.summitlakehouse.delta.objectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.testing.S3TestServer;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** A multipart upload whose part fails publishes nothing, even when its writer closes the stream afterwards. */
class S3UploadStreamTest {

    static final S3TestServer S3 = S3TestServer.s3Mock();
    static final int PART = 5 * 1024 * 1024;

    /** A client of the real server on which every UploadPart fails, as a dropped connection would. */
    private static S3Client failingParts() {
        S3Settings settings = S3.settings();
        return S3Client.builder().region(Region.of(settings.region())).forcePathStyle(true)
                .credentialsProvider(S3Clients.credentials(settings)).httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(settings.endpoint().orElseThrow())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof UploadPartRequest) {
                            throw SdkClientException.create("injected: the connection dropped during a part");
                        }
                    }
                })).build();
    }

    @Test
    void aFailedPartLeavesNoObjectAndNoUploadBehind() throws IOException {
        S3Path object = S3Path.parse(S3.newLocation("failed-part") + "/_delta_log/00000000000000000009.checkpoint.parquet");
        byte[] bytes = new byte[PART + 1024];
        new Random(1).nextBytes(bytes);
        try (S3Client s3 = failingParts()) {
            S3UploadStream stream = new S3UploadStream(s3, object, PART);
            assertThrows(IOException.class, () -> stream.write(bytes, 0, bytes.length));
            // Parquet closes its stream whatever happened, to write its footer: that must not publish a fragment.
            assertThrows(IOException.class, () -> stream.write(new byte[] {1, 2, 3}, 0, 3));
            IOException closing = assertThrows(IOException.class, stream::close);
            assertTrue(closing.getMessage().contains("given up"), closing.getMessage());

            assertThrows(NoSuchKeyException.class, () -> s3.headObject(r -> r.bucket(object.bucket())
                    .key(object.key())), "no object under the key");
            assertEquals(0, s3.listMultipartUploads(r -> r.bucket(object.bucket()).prefix(object.key())).uploads()
                    .size(), "the upload was aborted");
        }
    }
}
