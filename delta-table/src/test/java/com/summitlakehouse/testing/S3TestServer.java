package com.summitlakehouse.testing;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real S3-protocol server on loopback, started by the suite as a child process from Maven Central artifacts
 * (no container engine needed): Adobe S3Mock, which honours conditional writes ({@code If-None-Match: *}) and
 * accepts any credentials; or S3Proxy on its file-system back end, which verifies request signatures against one
 * key pair (and answers 501 to conditional writes). Each kind starts once per JVM and stops when it exits; each
 * suite uses a prefix of its own in the one bucket, {@value #BUCKET}.
 */
public final class S3TestServer {

    public static final String BUCKET = "warehouse";
    /** The only key pair S3Proxy accepts. */
    public static final String ACCESS_KEY = "summit-test-key";
    public static final String SECRET_KEY = "summit-test-secret";

    private static S3TestServer s3Mock;
    private static S3TestServer s3Proxy;

    private final String endpoint;

    private S3TestServer(String endpoint) {
        this.endpoint = endpoint;
    }

    /** S3Mock: conditional writes honoured, credentials not checked. */
    public static synchronized S3TestServer s3Mock() {
        if (s3Mock == null) {
            int port = freePort();
            Path root = temporaryDirectory("s3mock");
            s3Mock = start("s3mock", port, List.of("com.adobe.testing.s3mock.S3MockApplication", "--server.port=0",
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET));
        }
        return s3Mock;
    }

    /** S3Proxy: signatures checked against {@link #ACCESS_KEY} / {@link #SECRET_KEY}. */
    public static synchronized S3TestServer s3Proxy() {
        if (s3Proxy == null) {
            int port = freePort();
            Path root = temporaryDirectory("s3proxy");
            try {
                Files.createDirectories(root.resolve("data").resolve(BUCKET));
                Files.writeString(root.resolve("s3proxy.conf"), String.join("\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + root.resolve("data")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s3Proxy = start("s3proxy", port, List.of("org.gaul.s3proxy.Main", "--properties",
                    root.resolve("s3proxy.conf").toString()));
        }
        return s3Proxy;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A fresh location of its own: s3://warehouse/&lt;name&gt;-&lt;random&gt;. */
    public String newLocation(String name) {
        return "s3://" + BUCKET + "/" + name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A new bucket of its own with object versioning enabled, for tests of what a versioned bucket keeps ({@value
     * #BUCKET} stays unversioned for the others). S3Mock only: S3Proxy's file-system back end keeps no versions.
     */
    public String newVersionedBucket(String name) {
        String bucket = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Clients.create(settings())) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putBucketVersioning(r -> r.bucket(bucket)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        return bucket;
    }

    /** Settings for this server: its endpoint, path-style, and the one key pair S3Proxy accepts as secret files. */
    public S3Settings settings() {
        return settings(Optional.of(secretFiles(temporaryDirectory("s3-secrets"), ACCESS_KEY, SECRET_KEY)));
    }

    /** Settings for this server: its endpoint, path-style, keys from {@code secrets} (else the default chain). */
    public S3Settings settings(Optional<Path> secrets) {
        return new S3Settings(Optional.of(URI.create(endpoint)), S3Settings.DEFAULT_REGION, true, secrets);
    }

    /** Writes the key pair as the secret files a job reads. */
    public static Path secretFiles(Path directory, String accessKey, String secretKey) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("s3_access_key_id"), accessKey);
            Files.writeString(directory.resolve("s3_secret_access_key"), secretKey);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static S3TestServer start(String kind, int port, List<String> mainAndArguments) {
        String classPath = classPath(kind);
        List<String> command = TestJvm.command("-Xmx256m", "-cp", classPath);
        try {
            // The server's own temp files (S3Mock stages each upload there) go where the run's cleanup finds them.
            command.add("-Djava.io.tmpdir=" + TempFiles.directory(kind + "-tmp"));
            command.addAll(mainAndArguments);
            Path log = TempFiles.file(kind, ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            String endpoint = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(kind + " exited at start: " + Files.readString(log));
                }
                if (answers(endpoint)) {
                    return new S3TestServer(endpoint);
                }
                Thread.sleep(200);
            }
            process.destroyForcibly();
            throw new IllegalStateException(kind + " did not answer on " + endpoint + " within 90 s: see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's class path, as src/test/s3-server/classpath.sh resolves and caches it. */
    private static String classPath(String kind) {
        Path script = repositoryRoot().resolve("delta-table/src/test/s3-server/classpath.sh");
        try {
            Process resolve = new ProcessBuilder("bash", script.toString(), kind)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String classPath = new String(resolve.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!resolve.waitFor(10, TimeUnit.MINUTES) || resolve.exitValue() != 0 || classPath.isEmpty()) {
                throw new IllegalStateException("Resolving the " + kind + " class path failed (" + script + ")");
            }
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("delta-table"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return TempFiles.directory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
