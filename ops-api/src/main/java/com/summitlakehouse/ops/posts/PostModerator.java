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

    static final String DECIDE = """
            UPDATE social_posts SET is_visible = $2, moderated_at = now()
             WHERE id = $1
            RETURNING platform, external_id, is_visible, moderated_at, updated_at""";

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

    /** One post by its key; null when there is no such post. */
    Uni<Decided> decide(Platform platform, String externalId, boolean visible, String reason, Actor actor) {
        return database.inTransaction(connection -> connection.preparedQuery(LOCK_BY_KEY)
                .execute(Tuple.of(platform.wire(), externalId))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : decide(connection, rows.iterator().next(), visible, reason, actor)), true);
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

    private Uni<Decided> decide(SqlConnection connection, Row current, boolean visible, String reason, Actor actor) {
        JsonObject before = state(current.getBoolean("is_visible"), current.getValue("moderated_at") != null);
        boolean unchanged = visible ? before.getBoolean("is_visible")
                : !before.getBoolean("is_visible") && before.getBoolean("reviewed");
        if (unchanged) {
            return Uni.createFrom().item(new Decided(PostModeration.from(current), null));
        }
        return connection.preparedQuery(DECIDE).execute(Tuple.of(current.getLong("id"), visible))
                .map(rows -> PostModeration.from(rows.iterator().next()))
                .flatMap(after -> audit.record(connection, actor, new AuditTrail.Change(
                        visible ? AuditAction.POST_SHOW : AuditAction.POST_HIDE, "post", key(after), before,
                        state(after.isVisible(), true), reason, null)).map(id -> new Decided(after, id)));
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

    private static String key(PostModeration post) {
        return post.platform().wire() + "/" + post.externalId();
    }

    private static <T> List<T> add(List<T> list, T item) {
        list.add(item);
        return list;
    }
}
