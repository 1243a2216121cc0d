package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.TableVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads, cleans and validates the whole workbook first; only a workbook without a single problem replaces the
 * journey_schedule table, as one new version. The same workbook (by checksum) and sheet again writes nothing.
 */
@ApplicationScoped
public class ScheduleIngest {

    private static final Logger LOG = Logger.getLogger(ScheduleIngest.class);

    /** What a run did, as its one summary line says. */
    public record Outcome(boolean written, long rows, long version, String checksum) {
        public String summary() {
            return String.format("journey_schedule: %s rows=%d version=%d checksum=%s",
                    written ? "written" : "unchanged", rows, version, checksum);
        }
    }

    /** Recorded as the sheet option when --sheet is absent. */
    private static final String FIRST_SHEET = "(first sheet)";

    private final String jobVersion;

    ScheduleIngest(@ConfigProperty(name = "quarkus.application.version") String jobVersion) {
        this.jobVersion = jobVersion;
    }

    public Outcome run(IngestRequest request) {
        if (!Files.isRegularFile(request.source())) {
            throw new BadInputException("Workbook " + request.source() + " does not exist or is not a file");
        }
        String checksum = checksum(request);
        String sheetOption = request.sheet() == null ? FIRST_SHEET : request.sheet();
        GoldTable table = new GoldTable(request.table(), GoldTableOptions.defaults(), request.store());
        // The same bytes, read the same way by the same job version, were valid and are what the table holds.
        Optional<TableVersion> current = table.current();
        if (!request.force() && current.isPresent()
                && current.get().madeFrom(checksum)
                && current.get().lineage("sheet_option").filter(sheetOption::equals).isPresent()
                && current.get().lineage("job_version").filter(jobVersion::equals).isPresent()) {
            return new Outcome(false, Long.parseLong(current.get().lineage("rows").orElse("0")),
                    current.get().version(), checksum);
        }
        SheetRows sheet = WorkbookReader.read(request.source(), request.sheet());
        sheet.ignoredHeaders().forEach(header -> LOG.warnf("Sheet '%s': ignoring unknown column '%s'", sheet.sheet(),
                header));
        List<ScheduleRow> rows = ScheduleValidator.validate(sheet);

        Map<String, String> details = new java.util.LinkedHashMap<>(Map.of("sheet", sheet.sheet(), "sheet_option",
                sheetOption, "header_row", Integer.toString(sheet.headerRow())));
        if (request.sourceObject() != null) {
            details.put("source_object", request.sourceObject());
            details.put("source_version", request.sourceVersion());
        }
        Lineage lineage = new Lineage(request.sourceName(), checksum, "schedule-ingest", jobVersion, rows.size(),
                details);
        OverwriteResult result = table.overwrite(JourneyScheduleTable.SCHEMA,
                rows.stream().map(ScheduleRow::values).iterator(), lineage);
        return new Outcome(true, result.rows(), result.version(), checksum);
    }

    private static String checksum(IngestRequest request) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(request.source()),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + request.source() + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
