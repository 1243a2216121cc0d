package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.catalog.CatalogException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One run of the command line, from arguments to exit code: 0 on success or "unchanged", 2 on bad input, 1 on any
 * other failure, including a catalog that was not updated (the data is committed all the same, and the next run
 * registers again even when the workbook is unchanged). One summary line on {@code out}; problems on {@code err}.
 */
final class IngestCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private static final Logger LOG = Logger.getLogger(IngestCommand.class);

    private final IngestConfig config;
    private final ScheduleIngest ingest;
    private final PrintStream out;
    private final PrintStream err;

    IngestCommand(IngestConfig config, ScheduleIngest ingest, PrintStream out, PrintStream err) {
        this.config = config;
        this.ingest = ingest;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        try {
            Optional<ScheduleCatalog> catalog = ScheduleCatalog.of(config.catalog());
            IngestRequest given = IngestRequest.parse(args, config);
            IngestRequest request = given.source() != null ? given
                    : given.resolvedTo(catalog.orElseThrow(() -> new BadInputException("Volume path "
                            + given.sourceName() + " needs a catalog: uc_url is not set"))
                            .resolve(given.sourceName()));
            ScheduleIngest.Outcome outcome = ingest.run(request);
            if (catalog.isEmpty()) {
                out.println(outcome.summary());
                return OK;
            }
            try {
                out.println(outcome.summary() + " catalog="
                        + catalog.get().register(GoldTable.qualifiedLocation(request.table()), request.sourceName()));
                return OK;
            } catch (CatalogException e) {
                out.println(outcome.summary() + " catalog=not-updated (catalog not updated: " + e.getMessage() + ")");
                return FAILED;
            }
        } catch (BadInputException e) {
            err.println("schedule-ingest: " + e.getMessage());
            e.problems().forEach(problem -> err.println("  " + problem));
            err.println("The journey_schedule table was not changed.");
            return BAD_INPUT;
        } catch (RuntimeException e) {
            LOG.debug("Ingestion failed", e);
            err.println("schedule-ingest: failed: " + e.getMessage());
            err.println("The journey_schedule table was not changed.");
            return FAILED;
        }
    }
}
