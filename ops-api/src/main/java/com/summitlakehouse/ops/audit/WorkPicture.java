package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.database.Database;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The console's small picture of the work: per hour of the last two days, questions still pending and hides. */
@ApplicationScoped
public class WorkPicture {

    static final String PER_HOUR = """
            WITH hours AS (
                SELECT generate_series(date_trunc('hour', now()) - interval '47 hours', date_trunc('hour', now()),
                                       interval '1 hour') AS hour
            )
            SELECT h.hour,
                   (SELECT count(*) FROM qa_questions q
                     WHERE q.status = 'pending'
                       AND q.submitted_at >= h.hour AND q.submitted_at < h.hour + interval '1 hour') AS pending,
                   (SELECT count(*) FROM moderation_audit a
                     WHERE a.action = 'post.hide'
                       AND a.recorded_at >= h.hour AND a.recorded_at < h.hour + interval '1 hour') AS hides
              FROM hours h
             ORDER BY h.hour DESC""";

    /** One hour of the picture. */
    public record Hour(OffsetDateTime hour, long pending, long hides) {
    }

    private final Database database;

    WorkPicture(Database database) {
        this.database = database;
    }

    Uni<List<Hour>> lastTwoDays() {
        return database.execute(PER_HOUR, Tuple.tuple()).map(rows -> {
            List<Hour> hours = new ArrayList<>(48);
            for (Row row : rows) {
                hours.add(new Hour(row.getOffsetDateTime("hour"), row.getLong("pending"), row.getLong("hides")));
            }
            return hours;
        });
    }
}
