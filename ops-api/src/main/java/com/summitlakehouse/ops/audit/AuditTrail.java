package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.paging.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL of the audit trail. A row is always written on the connection, and so in the transaction, of the change
 * it records: both commit or neither does.
 */
@ApplicationScoped
public class AuditTrail {

    static final String RECORD = """
            INSERT INTO moderation_audit (actor_subject, actor_name, action, target_kind, target_id, rule,
                                          before_state, after_state)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

    static final String PAGE = "SELECT " + AuditEntry.COLUMNS + " FROM moderation_audit WHERE (recorded_at, id) < ($1, $2)";

    private final Database database;

    AuditTrail(Database database) {
        this.database = database;
    }

    /** Records one change by a person inside the caller's transaction. */
    public Uni<Void> record(SqlConnection transaction, Actor actor, AuditAction action, String targetKind,
            String targetId, JsonObject before, JsonObject after) {
        return transaction.preparedQuery(RECORD).execute(Tuple.tuple().addValue(actor.subject())
                .addValue(actor.name()).addValue(action.wire()).addValue(targetKind).addValue(targetId)
                .addValue(null).addValue(before).addValue(after)).replaceWithVoid();
    }

    /** Filters of a trail page; each is optional. */
    public record Filter(String moderator, AuditAction action, LocalDate day) {
    }

    /** Newest first, {@code limit + 1} rows so that the caller can tell whether a next page exists. */
    public Uni<List<AuditEntry>> page(Filter filter, Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        StringBuilder sql = new StringBuilder(PAGE);
        List<Object> params = new ArrayList<>(List.of(from.at(), from.id()));
        if (filter.moderator() != null) {
            params.add(filter.moderator());
            sql.append(" AND (actor_subject = $").append(params.size())
                    .append(" OR actor_name = $").append(params.size()).append(')');
        }
        if (filter.action() != null) {
            params.add(filter.action().wire());
            sql.append(" AND action = $").append(params.size());
        }
        if (filter.day() != null) {
            // A UTC day, as the console shows times.
            params.add(filter.day().atStartOfDay().atOffset(ZoneOffset.UTC));
            sql.append(" AND recorded_at >= $").append(params.size())
                    .append(" AND recorded_at < $").append(params.size()).append(" + interval '1 day'");
        }
        params.add(limit + 1);
        sql.append(" ORDER BY recorded_at DESC, id DESC LIMIT $").append(params.size());
        return database.execute(sql.toString(), Tuple.from(params)).map(rows -> {
            List<AuditEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(AuditEntry.from(row));
            }
            return entries;
        });
    }
}
