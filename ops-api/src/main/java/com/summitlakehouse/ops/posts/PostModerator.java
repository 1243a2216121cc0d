package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.AuditAction;
import com.summitlakehouse.ops.audit.AuditTrail;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A moderator's decisions on posts (approve or hide, one or a selection) and the undo of their own hides. Each
 * decision locks its post and compares: a decision that changes nothing (a double click, a repeat, a transaction
 * retried after its commit was lost) writes nothing and records no audit row, so every change is audited once.
 * A post's moderated state, as the trail records it, is whether the public sees it and whether a moderator has
 * reviewed it (a hide of a post waiting in the queue changes the latter).
 */
@ApplicationScoped
public class PostModerator {

    static final String POST_STATE = "SELECT id, platform, external_id, is_visible, moderated_at, updated_at FROM social_posts";

    static final String LOCK_BY_KEY = POST_STATE + " WHERE platform = $1 AND external_id = $2 FOR UPDATE";

    /** In id order, so two moderators deciding on overlapping selections cannot deadlock. */
    static final String LOCK_BY_IDS = POST_STATE + " WHERE id = ANY($1) ORDER BY id FOR UPDATE";

    /**
     * A decision on one post in one statement: the post is locked as it stands now, changed only if the decision
     * changes it (approving a visible post, or hiding a post that is hidden and was reviewed, writes nothing), and
     * a change is audited in the same statement. $1 platform, $2 external_id, $3 visible, $4 actor subject, $5 actor
     * name, $6 action, $7 reason. One row: the post as it stands after, and the audit row's id (null when nothing
     * changed); no row when there is no such post. A post's moderated state, as the trail records it: whether the
     * public sees it, and whether a moderator has reviewed it.
     */
    static final String DECIDE = """
            WITH current AS (
                SELECT id, platform, external_id, is_visible, moderated_at, updated_at,
                       jsonb_build_object('is_visible', is_visible, 'reviewed', moderated_at IS NOT NULL) AS state,
                       CASE WHEN $3 THEN is_visible ELSE NOT is_visible AND moderated_at IS NOT NULL END AS unchanged
                  FROM social_posts
                 WHERE platform = $1 AND external_id = $2
                   FOR UPDATE
            ),
            changed AS (
                UPDATE social_posts p SET is_visible = $3, moderated_at = now()
                  FROM current c
                 WHERE p.id = c.id AND NOT c.unchanged
                RETURNING p.is_visible, p.moderated_at, p.updated_at
            ),
            audited AS (
                INSERT INTO moderation_audit (actor_subject, actor_name, action, target_kind, target_id, before_state,
                                              after_state, reason)
                SELECT $4, $5, $6, 'post', c.platform || '/' || c.external_id, c.state,
                       jsonb_build_object('is_visible', $3, 'reviewed', true), $7
                  FROM current c, changed
                RETURNING id
            )
            SELECT c.platform, c.external_id,
                   coalesce(ch.is_visible, c.is_visible) AS is_visible,
                   coalesce(ch.moderated_at, c.moderated_at) AS moderated_at,
                   coalesce(ch.updated_at, c.updated_at) AS updated_at,
                   (SELECT id FROM audited) AS audit_id
              FROM current c LEFT JOIN changed ch ON true""";

    /** An undo puts back what the hide found: a post that had never been reviewed waits in the queue again. */
    static final String RESTORE = """
            UPDATE social_posts SET is_visible = $2, moderated_at = CASE WHEN $3 THEN moderated_at END
             WHERE id = $1
            RETURNING platform, external_id, is_visible, moderated_at, updated_at""";

    /** The outcome for one post; auditId is null when the decision changed nothing. */
    public record Decided(PostModeration post, Long auditId) {
        public boolean changed() {
            return auditId != null;
        }
    }

    private final Database database;
    private final AuditTrail audit;

    PostModerator(Database database, AuditTrail audit) {
        this.database = database;
        this.audit = audit;
    }

    /** One post by its key; null when there is no such post. One statement: safe to send again, as it changes and
     * audits nothing when the post already stands as decided. */
    Uni<Decided> decide(Platform platform, String externalId, boolean visible, String reason, Actor actor) {
        return database.execute(DECIDE, decision(platform.wire(), externalId, visible, reason, actor))
                .map(rows -> rows.size() == 0 ? null : decided(rows.iterator().next()));
    }

    /** A selection, in one transaction: every post changed or none. Ids of posts that no longer exist are skipped. */
    Uni<List<Decided>> decide(List<Long> ids, boolean visible, String reason, Actor actor) {
        return database.inTransaction(connection -> connection.preparedQuery(LOCK_BY_IDS)
                .execute(Tuple.of(ids.toArray(Long[]::new))).flatMap(rows -> {
                    Uni<List<Decided>> all = Uni.createFrom().item(new ArrayList<>());
                    for (Row row : rows) {
                        all = all.flatMap(done -> decide(connection, row, visible, reason, actor)
                                .map(one -> add(done, one)));
                    }
                    return all;
                }), true);
    }

    /** One post of a selection, inside the selection's transaction (its rows are locked already, in id order). */
    private Uni<Decided> decide(SqlConnection connection, Row current, boolean visible, String reason, Actor actor) {
        return connection.preparedQuery(DECIDE).execute(decision(current.getString("platform"),
                current.getString("external_id"), visible, reason, actor)).map(rows -> decided(rows.iterator().next()));
    }

    private static Tuple decision(String platform, String externalId, boolean visible, String reason, Actor actor) {
        return Tuple.tuple().addValue(platform).addValue(externalId).addValue(visible).addValue(actor.subject())
                .addValue(actor.name()).addValue((visible ? AuditAction.POST_SHOW : AuditAction.POST_HIDE).wire())
                .addValue(reason);
    }

    private static Decided decided(Row row) {
        return new Decided(PostModeration.from(row), row.getLong("audit_id"));
    }

    /**
     * Reverses the actor's own hides (audit entry ids) made within {@code window}, all or none: a hide already
     * undone, made by someone else, too old, or followed by another change of its post is refused (409).
     */
    Uni<List<Decided>> undoHides(List<Long> entries, Actor actor, Duration window) {
        return database.inTransaction(connection -> {
            Uni<List<Decided>> all = Uni.createFrom().item(new ArrayList<>());
            for (long entry : entries) {
                all = all.flatMap(done -> undoHide(connection, entry, actor, window).map(one -> add(done, one)));
            }
            return all;
        }, true);
    }

    private Uni<Decided> undoHide(SqlConnection connection, long entry, Actor actor, Duration window) {
        return audit.decision(connection, entry, window).flatMap(first -> {
            if (first == null || !first.entry().action().equals(AuditAction.POST_HIDE.wire())) {
                throw ApiProblem.conflict("There is no hide " + entry + " to undo");
            }
            String target = first.entry().targetId();
            int slash = target.indexOf('/');
            // The post first, then the decision again: a concurrent undo of the same hide has committed by then.
            return connection.preparedQuery(LOCK_BY_KEY).execute(Tuple.of(target.substring(0, slash),
                    target.substring(slash + 1))).flatMap(posts -> audit.decision(connection, entry, window)
                    .flatMap(decision -> {
                        if (!decision.entry().actorSubject().equals(actor.subject())) {
                            throw ApiProblem.conflict("Only the moderator who hid post " + target + " can undo it");
                        }
                        if (decision.reversedBy() != null) {
                            throw ApiProblem.conflict("The hide of post " + target + " is already undone");
                        }
                        if (!decision.withinWindow()) {
                            throw ApiProblem.conflict("The hide of post " + target + " can no longer be undone (undo"
                                    + " lasts " + window.toMinutes() + " min); show the post instead");
                        }
                        Row current = posts.size() == 0 ? null : posts.iterator().next();
                        JsonObject now = current == null ? null : state(current.getBoolean("is_visible"),
                                current.getValue("moderated_at") != null);
                        if (now == null || !now.equals(new JsonObject(decision.entry().after()))) {
                            throw ApiProblem.conflict("Post " + target + " changed after the hide; decide on it again");
                        }
                        JsonObject restored = new JsonObject(decision.entry().before());
                        return connection.preparedQuery(RESTORE).execute(Tuple.of(current.getLong("id"),
                                restored.getBoolean("is_visible"), restored.getBoolean("reviewed", true)))
                                .map(rows -> PostModeration.from(rows.iterator().next()))
                                .flatMap(after -> audit.record(connection, actor, new AuditTrail.Change(
                                        AuditAction.POST_UNDO_HIDE, "post", target, now,
                                        state(after.isVisible(), after.moderatedAt() != null), null, entry))
                                        .map(id -> new Decided(after, id)));
                    }));
        });
    }

    static JsonObject state(boolean visible, boolean reviewed) {
        return new JsonObject().put("is_visible", visible).put("reviewed", reviewed);
    }

    private static <T> List<T> add(List<T> list, T item) {
        list.add(item);
        return list;
    }
}
