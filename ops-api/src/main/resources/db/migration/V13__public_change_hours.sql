-- Change notifications name UTC hours: the listening mirror now groups a timestamp column by its UTC hour, a bounded
-- slice of rows (about 12,000 posts at 10 million), so a notification names the hours a statement touched. It keeps
-- naming the days, so that a mirror of the previous release, which reads "days" only, works on during a rolling
-- deploy. The triggers of V12 stay as they are; their two functions and the payload builder are replaced.
--
--   {"view": "mirror.social_posts", "column": "posted_at", "days": ["2026-11-30"],
--    "hours": ["2026-11-30T08", "2026-11-30T09"], "withdrawn": true}
--
-- The caps: a payload must stay under 8000 bytes. An hour takes 16 bytes ("2026-11-30T08",), a day 13, and the rest
-- of the payload (view, column, keys, withdrawn) about 110: 240 hours and 200 days come to 3,840 + 2,600 + 110,
-- about 6,550 bytes, with room to spare. 240 hours are ten days' worth, more than any moderation decision or
-- ingestion batch touches. Beyond 240 hours "hours" is null and the mirror looks at the notified days hour by hour;
-- beyond 200 days (or on TRUNCATE) "days" is null too, and it looks at the whole view. Hours and days are written
-- with to_char, so that no session's DateStyle changes them.

DROP FUNCTION public_change_payload(text, text, date[], boolean);

CREATE FUNCTION public_change_payload(view_name text, group_column text, hours timestamp[], withdrawn boolean)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT json_build_object(
               'view', view_name,
               'column', group_column,
               'days', CASE WHEN count(DISTINCT h::date) BETWEEN 1 AND 200
                            THEN to_json(array_agg(DISTINCT to_char(h, 'YYYY-MM-DD'))) END,
               'hours', CASE WHEN count(h) BETWEEN 1 AND 240
                             THEN to_json(array_agg(to_char(h, 'YYYY-MM-DD"T"HH24') ORDER BY h)) END,
               'withdrawn', coalesce(withdrawn, false))::text
      FROM unnest(hours) AS h
$$;

-- social_posts -> mirror.social_posts (visible posts), grouped by the UTC hour of posted_at.
CREATE OR REPLACE FUNCTION social_posts_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    hours timestamp[];
    withdrawn boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT date_trunc('hour', n.posted_at AT TIME ZONE 'UTC')), false
          INTO hours, withdrawn
          FROM new_rows n
         WHERE n.is_visible;
    ELSIF TG_OP = 'UPDATE' THEN
        -- A row counts where it was or is visible and really changed: the hour it leaves and the hour it enters.
        SELECT array_agg(DISTINCT changed.utc_hour), bool_or(changed.withdrawn)
          INTO hours, withdrawn
          FROM old_rows o
          JOIN new_rows n USING (id)
         CROSS JOIN LATERAL (VALUES (date_trunc('hour', o.posted_at AT TIME ZONE 'UTC'), o.is_visible,
                                     NOT n.is_visible),
                                    (date_trunc('hour', n.posted_at AT TIME ZONE 'UTC'), n.is_visible, false))
               AS changed(utc_hour, counts, withdrawn)
         WHERE changed.counts AND ROW(o.*) IS DISTINCT FROM ROW(n.*);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT date_trunc('hour', o.posted_at AT TIME ZONE 'UTC')), bool_or(true)
          INTO hours, withdrawn
          FROM old_rows o
         WHERE o.is_visible;
    ELSE -- TRUNCATE: every hour, and everything withdrawn
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.social_posts', 'posted_at', NULL, true));
        RETURN NULL;
    END IF;
    IF hours IS NOT NULL THEN
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.social_posts', 'posted_at', hours, withdrawn));
    END IF;
    RETURN NULL;
END
$$;

-- qa_questions -> mirror.qa_published (published questions), grouped by the UTC hour of published_at.
CREATE OR REPLACE FUNCTION qa_questions_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    hours timestamp[];
    withdrawn boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT date_trunc('hour', n.published_at AT TIME ZONE 'UTC')), false
          INTO hours, withdrawn
          FROM new_rows n
         WHERE n.status = 'published';
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT changed.utc_hour), bool_or(changed.withdrawn)
          INTO hours, withdrawn
          FROM old_rows o
          JOIN new_rows n USING (id)
         CROSS JOIN LATERAL (VALUES (date_trunc('hour', o.published_at AT TIME ZONE 'UTC'), o.status = 'published',
                                     n.status <> 'published'),
                                    (date_trunc('hour', n.published_at AT TIME ZONE 'UTC'), n.status = 'published',
                                     false))
               AS changed(utc_hour, counts, withdrawn)
         WHERE changed.counts AND ROW(o.*) IS DISTINCT FROM ROW(n.*);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT date_trunc('hour', o.published_at AT TIME ZONE 'UTC')), bool_or(true)
          INTO hours, withdrawn
          FROM old_rows o
         WHERE o.status = 'published';
    ELSE
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.qa_published', 'published_at', NULL, true));
        RETURN NULL;
    END IF;
    IF hours IS NOT NULL THEN
        PERFORM pg_notify('public_changes',
                          public_change_payload('mirror.qa_published', 'published_at', hours, withdrawn));
    END IF;
    RETURN NULL;
END
$$;
