-- Changes to what may be public announce themselves: after every statement that changed rows of a mirror view
-- (mirror.social_posts, mirror.qa_published), one NOTIFY on channel public_changes names the view, its group column
-- and the UTC days of that column the statement touched, so that the listening mirror fingerprints and rewrites
-- only those days, and every ops-api replica drops what it cached when something was withdrawn. Whoever writes the
-- rows (ops-api, an administrator's psql session) is covered. The payload carries no row content: a view, a
-- column name, days, and whether rows left the view.
--
--   {"view": "mirror.social_posts", "column": "posted_at", "days": ["2026-11-30"], "withdrawn": true}
--
-- "days" is null when a statement touched more days than a payload should carry (or emptied the table): the
-- listener then treats the whole view as changed. A statement that changed nothing public (a hidden post
-- ingested, a pending question edited) sends nothing. PostgreSQL delivers notifications at commit, never for a
-- rolled-back transaction, and folds identical ones of one transaction into one.
--
-- LISTEN needs no privilege, so the mirror's and the API's roles gain none here. Anyone who may connect may also
-- NOTIFY on the channel: a forged notification can only make the mirror fingerprint days it would have left alone.

-- The most days one notification names; beyond it, "days" is null (a payload must stay under 8000 bytes).
CREATE FUNCTION public_change_payload(view_name text, group_column text, days date[], withdrawn boolean)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT json_build_object(
               'view', view_name,
               'column', group_column,
               'days', CASE WHEN days IS NULL OR cardinality(days) > 200 THEN NULL
                            ELSE to_json(days::text[]) END,
               'withdrawn', coalesce(withdrawn, false))::text
$$;

-- social_posts -> mirror.social_posts (visible posts), grouped by the UTC day of posted_at.
CREATE FUNCTION social_posts_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    days date[];
    withdrawn boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT (n.posted_at AT TIME ZONE 'UTC')::date), false
          INTO days, withdrawn
          FROM new_rows n
         WHERE n.is_visible;
    ELSIF TG_OP = 'UPDATE' THEN
        -- A row counts where it was or is visible and really changed: the day it leaves and the day it enters.
        SELECT array_agg(DISTINCT changed.day), bool_or(changed.withdrawn)
          INTO days, withdrawn
          FROM old_rows o
          JOIN new_rows n USING (id)
         CROSS JOIN LATERAL (VALUES ((o.posted_at AT TIME ZONE 'UTC')::date, o.is_visible, NOT n.is_visible),
                                    ((n.posted_at AT TIME ZONE 'UTC')::date, n.is_visible, false))
               AS changed(day, counts, withdrawn)
         WHERE changed.counts AND ROW(o.*) IS DISTINCT FROM ROW(n.*);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT (o.posted_at AT TIME ZONE 'UTC')::date), bool_or(true)
          INTO days, withdrawn
          FROM old_rows o
         WHERE o.is_visible;
    ELSE -- TRUNCATE: every day, and everything withdrawn
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.social_posts', 'posted_at', NULL, true));
        RETURN NULL;
    END IF;
    IF days IS NOT NULL THEN
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.social_posts', 'posted_at', days, withdrawn));
    END IF;
    RETURN NULL;
END
$$;

-- PostgreSQL allows transition tables on triggers of one event only: one trigger per event.
CREATE TRIGGER social_posts_announce_insert
    AFTER INSERT ON social_posts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION social_posts_announce_change();
CREATE TRIGGER social_posts_announce_update
    AFTER UPDATE ON social_posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION social_posts_announce_change();
CREATE TRIGGER social_posts_announce_delete
    AFTER DELETE ON social_posts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION social_posts_announce_change();
CREATE TRIGGER social_posts_announce_truncate
    AFTER TRUNCATE ON social_posts
    FOR EACH STATEMENT EXECUTE FUNCTION social_posts_announce_change();

-- qa_questions -> mirror.qa_published (published questions), grouped by the UTC day of published_at.
CREATE FUNCTION qa_questions_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    days date[];
    withdrawn boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT (n.published_at AT TIME ZONE 'UTC')::date), false
          INTO days, withdrawn
          FROM new_rows n
         WHERE n.status = 'published';
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT changed.day), bool_or(changed.withdrawn)
          INTO days, withdrawn
          FROM old_rows o
          JOIN new_rows n USING (id)
         CROSS JOIN LATERAL (VALUES ((o.published_at AT TIME ZONE 'UTC')::date, o.status = 'published',
                                     n.status <> 'published'),
                                    ((n.published_at AT TIME ZONE 'UTC')::date, n.status = 'published', false))
               AS changed(day, counts, withdrawn)
         WHERE changed.counts AND ROW(o.*) IS DISTINCT FROM ROW(n.*);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT (o.published_at AT TIME ZONE 'UTC')::date), bool_or(true)
          INTO days, withdrawn
          FROM old_rows o
         WHERE o.status = 'published';
    ELSE
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.qa_published', 'published_at', NULL, true));
        RETURN NULL;
    END IF;
    IF days IS NOT NULL THEN
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.qa_published', 'published_at', days, withdrawn));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER qa_questions_announce_insert
    AFTER INSERT ON qa_questions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_announce_change();
CREATE TRIGGER qa_questions_announce_update
    AFTER UPDATE ON qa_questions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_announce_change();
CREATE TRIGGER qa_questions_announce_delete
    AFTER DELETE ON qa_questions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_announce_change();
CREATE TRIGGER qa_questions_announce_truncate
    AFTER TRUNCATE ON qa_questions
    FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_announce_change();
