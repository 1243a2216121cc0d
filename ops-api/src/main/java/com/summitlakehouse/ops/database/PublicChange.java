package com.summitlakehouse.ops.database;

import io.vertx.core.json.JsonObject;

/**
 * Public rows changed (a notification on channel public_changes, migration V12), or may have changed unseen (while
 * nobody listened): fired as a CDI event for whatever holds public rows in memory.
 *
 * @param view the mirror view whose rows changed ({@code mirror.social_posts}, {@code mirror.qa_published}); null:
 *     any view
 * @param withdrawn whether rows may have left the view (hidden, unpublished, deleted)
 */
public record PublicChange(String view, boolean withdrawn) {

    public static final String POSTS = "mirror.social_posts";
    public static final String QUESTIONS = "mirror.qa_published";

    /** Notifications may have been missed (not listening, or listening anew): anything may have been withdrawn. */
    static PublicChange anything() {
        return new PublicChange(null, true);
    }

    /**
     * The change a payload announces. Anyone who may connect may also NOTIFY on the channel: a payload that does not
     * read as V12's is taken as {@link #anything()}, which costs a cache refill and hides nothing.
     */
    static PublicChange of(String payload) {
        try {
            JsonObject json = new JsonObject(payload);
            Object view = json.getValue("view");
            Object withdrawn = json.getValue("withdrawn");
            if (!(view instanceof String name) || !(withdrawn instanceof Boolean left)) {
                return anything();
            }
            return new PublicChange(name, left);
        } catch (RuntimeException notJsonObject) { // DecodeException, ClassCastException for an array, null
            return anything();
        }
    }

    /** Whether rows of {@code mirrorView} may have left it with this change. */
    public boolean mayHaveWithdrawnFrom(String mirrorView) {
        return withdrawn && (view == null || view.equals(mirrorView));
    }
}
