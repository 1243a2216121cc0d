package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.catalog.CatalogException;
import com.summitlakehouse.delta.objectstore.S3Objects;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
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
            // A volume path resolves, through the catalog, to a local file or to an object in a bucket.
            String source = given.source() != null ? given.source().toString()
                    : ScheduleCatalog.isVolumePath(given.sourceName())
                            ? catalog.orElseThrow(() -> new BadInputException("Volume path " + given.sourceName()
                                    + " needs a catalog: uc_url is not set")).resolve(given.sourceName())
                            : given.sourceName();
            if (S3Objects.isObjectUri(source)) {
                return withDownloaded(given, source, request -> finish(request, catalog, ingest.run(request)));
            }
            IngestRequest request = given.resolvedTo(Path.of(source));
            return finish(request, catalog, ingest.run(request));
        } catch (BadInputException e) {
            return badInput(e);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Reads a workbook from object storage through a private temporary copy (the reader needs a file; a workbook
     * of any size streams to it), removed afterwards. Lineage records the object's URI, version or ETag, checksum.
     */
    private int withDownloaded(IngestRequest given, String object, ToIntFunction<IngestRequest> run) {
        Path copy = null;
        try {
            copy = Files.createTempFile("journey-schedule-", ".xlsx");
            S3Objects.Fetched fetched = S3Objects.download(object, given.store(), copy);
            return run.applyAsInt(given.downloadedTo(copy, object, fetched.version()));
        } catch (FileNotFoundException e) {
            return badInput(new BadInputException("Workbook " + object + " does not exist"));
        } catch (IOException e) {
            return failed(new IllegalStateException(e.getMessage(), e));
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    /** Prints the summary line; registers the table when there is a catalog. */
    private int finish(IngestRequest request, Optional<ScheduleCatalog> catalog, ScheduleIngest.Outcome outcome) {
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
    }

    private int badInput(BadInputException e) {
        err.println("schedule-ingest: " + e.getMessage());
        e.problems().forEach(problem -> err.println("  " + problem));
        err.println("The journey_schedule table was not changed.");
        return BAD_INPUT;
    }

    private int failed(RuntimeException e) {
        LOG.debug("Ingestion failed", e);
        err.println("schedule-ingest: failed: " + e.getMessage());
        err.println("The journey_schedule table was not changed.");
        return FAILED;
    }
}
