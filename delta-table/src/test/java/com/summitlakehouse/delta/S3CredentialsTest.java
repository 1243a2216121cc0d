package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keys as every other secret: files in the secret directory, read again when they change; else the AWS default
 * chain. Checked against S3Proxy, which verifies every request's signature. (Tables are not written there: it does
 * not honour conditional writes; a plain PUT and a listing show which keys it accepts.)
 */
class S3CredentialsTest {

    static final S3TestServer S3 = S3TestServer.s3Proxy();

    @TempDir
    Path secrets;

    @Test
    void keysFromTheSecretFilesAreUsedAndARotationIsPickedUpWithoutANewClient() throws Exception {
        S3TestServer.secretFiles(secrets, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
        try (S3Client s3 = S3Clients.create(S3.settings(Optional.of(secrets)))) {
            put(s3, "rotation/one");

            S3TestServer.secretFiles(secrets, S3TestServer.ACCESS_KEY, "a-revoked-secret");
            bumpModificationTime();
            Exception refused = assertThrows(Exception.class, () -> put(s3, "rotation/two"));
            assertTrue(refused.getMessage().contains("403"), refused.getMessage());

            S3TestServer.secretFiles(secrets, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
            bumpModificationTime();
            put(s3, "rotation/three");
        }
    }

    @Test
    void withoutSecretFilesTheDefaultChainAnswers() {
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        try (S3Client s3 = S3Clients.create(S3.settings(Optional.of(secrets)))) {
            put(s3, "default-chain/one");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void theAwsEnvironmentVariablesAloneConfigureTheStoreAndTheKeys() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), S3PutFromEnvironment.class.getName(),
                S3TestServer.BUCKET, "environment/one").redirectErrorStream(true);
        child.environment().put("AWS_ENDPOINT_URL", S3.endpoint());
        child.environment().put("AWS_REGION", "eu-central-1");
        child.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        child.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        try (S3Client s3 = S3Clients.create(S3.settings())) {
            assertEquals(1, s3.listObjectsV2(r -> r.bucket(S3TestServer.BUCKET).prefix("environment/one")).keyCount());
        }

        child.environment().put("AWS_SECRET_ACCESS_KEY", "Zq8-not-the-secret");
        Process refused = child.start();
        String refusal = new String(refused.getInputStream().readAllBytes());
        assertEquals(1, refused.waitFor(), refusal);
        assertTrue(refusal.contains("403"), refusal);
    }

    @Test
    void wrongKeysGiveOneClearErrorAndWriteNothing() {
        S3TestServer.secretFiles(secrets, "nobody", "Zq8-not-the-secret");
        GoldTable table = new GoldTable(S3.newLocation("wrong-keys"), GoldTableOptions.defaults(),
                S3.settings(Optional.of(secrets)));
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> table.overwrite(SCHEMA, rows(0, 3).iterator(), lineage("fp", 3)));
        String message = refused.getMessage();
        assertTrue(message.contains("HTTP 403") && message.contains("the store refused the credentials"), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.contains("Zq8-not-the-secret"), "the secret never appears: " + message);
    }

    private static void put(S3Client s3, String key) {
        s3.putObject(r -> r.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString("x"));
        assertEquals(1, s3.listObjectsV2(r -> r.bucket(S3TestServer.BUCKET).prefix(key)).keyCount());
    }

    /** Files rewritten within the same millisecond keep their time on some file systems: move it on. */
    private void bumpModificationTime() throws Exception {
        for (String name : new String[] {"s3_access_key_id", "s3_secret_access_key"}) {
            Path file = secrets.resolve(name);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(file).toMillis() + 2000));
        }
    }
}
