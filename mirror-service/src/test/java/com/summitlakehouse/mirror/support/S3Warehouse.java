package com.summitlakehouse.mirror.support;

import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.testing.S3TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The object store of a suite that mirrors to S3: the S3Mock server, its endpoint as the mirror's object-store
 * endpoint and its keys as secret files, as a deployment would give them.
 */
public class S3Warehouse implements QuarkusTestResourceLifecycleManager {

    private static S3TestServer server;

    @Override
    public Map<String, String> start() {
        server = S3TestServer.s3Mock();
        try {
            Path secrets = S3TestServer.secretFiles(TempFiles.directory("mirror-s3-secrets"),
                    S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
            return Map.of("mirror.object-store.endpoint", server.endpoint(),
                    "mirror.object-store.secrets-directory", secrets.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** A warehouse of the suite's own in the bucket. */
    public static String newWarehouse() {
        return server.newLocation("mirror-warehouse");
    }
}
