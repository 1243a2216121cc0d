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

    static final String RECORD_DECISION = """
            INSERT INTO moderation_audit (actor_subject, actor_name, action, target_kind, target_id, before_state,
                                          after_state, reason, reverses)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING id""";

    /** A decision and whether it has been reversed since; read inside the undo's transaction. */
    static final String DECISION = "SELECT " + AuditEntry.COLUMNS
            + ", (SELECT r.id FROM moderation_audit r WHERE r.reverses = a.id) AS reversed_by,"
            + " recorded_at > now() - $2::bigint * interval '1 millisecond' AS within_window"
            + " FROM moderation_audit a WHERE id = $1";

    /** Who acted lately, with the name each last showed, for the trail's filter. */
    static final String ACTORS = """
            SELECT actor_subject, (array_agg(actor_name ORDER BY recorded_at DESC))[1] AS actor_name
              FROM moderation_audit
             WHERE recorded_at > now() - interval '90 days' AND rule IS NULL
             GROUP BY actor_subject
             ORDER BY 2, 1""";

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

    /**
     * One decision as the trail records it: a change that changed something (callers write nothing for a repeat).
     * {@code reverses} names the decision an undo reverses.
     */
    public record Change(AuditAction action, String targetKind, String targetId, JsonObject before, JsonObject after,
            String reason, Long reverses) {
    }

    /** Records one decision by a person inside the caller's transaction; its row's id. */
    public Uni<Long> record(SqlConnection transaction, Actor actor, Change change) {
        return transaction.preparedQuery(RECORD_DECISION).execute(Tuple.tuple().addValue(actor.subject())
                .addValue(actor.name()).addValue(change.action().wire()).addValue(change.targetKind())
                .addValue(change.targetId()).addValue(change.before()).addValue(change.after())
                .addValue(change.reason()).addValue(change.reverses()))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** A decision to undo, as it stands inside the undo's transaction; null when there is no such row. */
    public record Decision(AuditEntry entry, Long reversedBy, boolean withinWindow) {
    }

    public Uni<Decision> decision(SqlConnection transaction, long id, java.time.Duration window) {
        return transaction.preparedQuery(DECISION).execute(Tuple.of(id, window.toMillis())).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Decision(AuditEntry.from(row), row.getLong("reversed_by"), row.getBoolean("within_window"));
        });
    }

    /** One person who acted, as the trail's filter offers them. */
    public record ActorName(String subject, String name) {
        public String label() {
            return name == null ? subject : name + " (" + subject + ")";
        }
    }

    Uni<List<ActorName>> actors() {
        return database.execute(ACTORS, Tuple.tuple()).map(rows -> {
            List<ActorName> actors = new ArrayList<>(rows.size());
            for (Row row : rows) {
                actors.add(new ActorName(row.getString("actor_subject"), row.getString("actor_name")));
            }
            return actors;
        });
    }

    /** Filters of a trail page; each is optional. The moderator is a subject: display names can be edited. */
    public record Filter(String moderator, AuditAction action, LocalDate day) {
    }

    /** Newest first, {@code limit + 1} rows so that the caller can tell whether a next page exists. */
    public Uni<List<AuditEntry>> page(Filter filter, Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        StringBuilder sql = new StringBuilder(PAGE);
        List<Object> params = new ArrayList<>(List.of(from.at(), from.id()));
        if (filter.moderator() != null) {
            params.add(filter.moderator());
            sql.append(" AND actor_subject = $").append(params.size());
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
