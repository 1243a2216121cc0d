package com.summitlakehouse.mirror.health;

import com.summitlakehouse.mirror.job.MirrorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a file can be created and removed under the warehouse root. */
@Readiness
@ApplicationScoped
public class WarehouseWritable implements HealthCheck {

    private final MirrorConfig config;
    private final Configuration hadoop = new Configuration();

    WarehouseWritable(MirrorConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String root = com.summitlakehouse.delta.GoldTable.qualifiedLocation(config.warehouse());
        try {
            Path probe = new Path(root, "_health/probe-" + ProcessHandle.current().pid());
            FileSystem fs = probe.getFileSystem(hadoop);
            fs.create(probe, true).close();
            fs.delete(probe, false);
            return HealthCheckResponse.up("warehouse");
        } catch (IOException | RuntimeException e) {
            return HealthCheckResponse.named("warehouse").down().withData("location", root)
                    .withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
