package com.summitlakehouse.mirror.health;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.mirror.job.MirrorJob;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a file can be written and removed where every gold table lives (on a disk or on S3, under the
 * table's own prefix: the mirror's bucket policy allows nothing else).
 */
@Readiness
@ApplicationScoped
public class WarehouseWritable implements HealthCheck {

    private final MirrorJob job;

    WarehouseWritable(MirrorJob job) {
        this.job = job;
    }

    @Override
    public HealthCheckResponse call() {
        for (GoldTable table : job.tables()) {
            try {
                table.probeWritable();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("warehouse").down().withData("location", table.location())
                        .withData("reason", String.valueOf(e.getMessage())).build();
            }
        }
        return HealthCheckResponse.up("warehouse");
    }
}
