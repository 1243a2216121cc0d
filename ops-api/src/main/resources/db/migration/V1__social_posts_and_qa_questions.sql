-- Operational schema of the site: the moderated social feed and the public Q&A.

-- Keeps updated_at honest for every writer: it moves only when some other column really changed.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$$;

CREATE TABLE social_posts (
    -- Surrogate key: a stable tie-breaker for keyset pagination; the natural key is (platform, external_id).
    id            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    platform      text        NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'x', 'facebook', 'youtube', 'threads')),
    external_id   text        NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
    author_handle text        NOT NULL CHECK (length(author_handle) BETWEEN 1 AND 100),
    caption       text        CHECK (length(caption) <= 5000),
    permalink     text        CHECK (length(permalink) <= 2048),
    media_url     text        CHECK (length(media_url) <= 2048),
    hashtags      text[]      NOT NULL DEFAULT '{}',
    posted_at     timestamptz NOT NULL,
    like_count    integer     NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    comment_count integer     NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    share_count   integer     NOT NULL DEFAULT 0 CHECK (share_count >= 0),
    is_visible    boolean     NOT NULL DEFAULT false,
    moderated_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, external_id)
);

-- The public feed, newest first, and the top-posts window: only visible posts are ever read publicly.
CREATE INDEX social_posts_visible_feed ON social_posts (posted_at DESC, id DESC) WHERE is_visible;
CREATE INDEX social_posts_visible_platform_feed ON social_posts (platform, posted_at DESC, id DESC) WHERE is_visible;
CREATE INDEX social_posts_visible_hashtags ON social_posts USING gin (hashtags) WHERE is_visible;

CREATE TRIGGER social_posts_touch_updated_at
    BEFORE UPDATE ON social_posts
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE qa_questions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asker_name    text        CHECK (length(asker_name) <= 80),
    question_text text        NOT NULL CHECK (length(question_text) BETWEEN 1 AND 1000),
    status        text        NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'answered', 'published', 'rejected')),
    answer_text   text        CHECK (length(answer_text) <= 5000),
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    answered_at   timestamptz,
    published_at  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Nothing is public without an answer.
    CONSTRAINT qa_questions_published_has_answer
        CHECK (status <> 'published' OR (answer_text IS NOT NULL AND published_at IS NOT NULL)),
    CONSTRAINT qa_questions_answered_has_answer
        CHECK (status <> 'answered' OR answer_text IS NOT NULL)
);

CREATE INDEX qa_questions_published_feed ON qa_questions (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX qa_questions_moderation_queue ON qa_questions (status, submitted_at DESC, id DESC);

CREATE TRIGGER qa_questions_touch_updated_at
    BEFORE UPDATE ON qa_questions
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
