package com.summitlakehouse.schedule;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.jboss.logging.Logger;

/** The command line: exit 0 on success or "unchanged", 2 on bad input, 1 on any other failure. */
@QuarkusMain
public class IngestMain implements QuarkusApplication {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private static final Logger LOG = Logger.getLogger(IngestMain.class);

    @Inject
    IngestConfig config;

    @Inject
    ScheduleIngest ingest;

    @Override
    public int run(String... args) {
        try {
            ScheduleIngest.Outcome outcome = ingest.run(IngestRequest.parse(Arrays.asList(args), config));
            System.out.println(outcome.summary());
            return OK;
        } catch (BadInputException e) {
            System.err.println("schedule-ingest: " + e.getMessage());
            e.problems().forEach(problem -> System.err.println("  " + problem));
            System.err.println("The journey_schedule table was not changed.");
            return BAD_INPUT;
        } catch (RuntimeException e) {
            LOG.debug("Ingestion failed", e);
            System.err.println("schedule-ingest: failed: " + e.getMessage());
            System.err.println("The journey_schedule table was not changed.");
            return FAILED;
        }
    }
}
