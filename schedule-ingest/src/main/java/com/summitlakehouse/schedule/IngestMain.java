package com.summitlakehouse.schedule;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.Arrays;

/** The command line (see {@link IngestCommand}): exit 0 on success or "unchanged", 2 on bad input, 1 otherwise. */
@QuarkusMain
public class IngestMain implements QuarkusApplication {

    @Inject
    IngestConfig config;

    @Inject
    ScheduleIngest ingest;

    @Override
    public int run(String... args) {
        return new IngestCommand(config, ingest, System.out, System.err).run(Arrays.asList(args));
    }
}
