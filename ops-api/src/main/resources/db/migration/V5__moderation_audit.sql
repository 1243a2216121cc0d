-- The audit trail of moderation: who changed what, on which post or question, from which state to which, when.
-- Rows are written in the same transaction as the change they describe. The API role may only add and read rows
-- (append-only for the service); the lake never sees this table (no view in schema mirror, no grant to the mirror).

CREATE TABLE moderation_audit (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    -- The token's subject, and its display name where it carries one; an automatic rule acts as the ingest client.
    actor_subject text        NOT NULL CHECK (length(actor_subject) BETWEEN 1 AND 255),
    actor_name    text        CHECK (length(actor_name) <= 255),
    action        text        NOT NULL CHECK (action IN (
                                  'post.show', 'post.hide', 'post.auto_approve', 'post.back_to_review',
                                  'question.answer', 'question.publish', 'question.unpublish', 'question.reject')),
    target_kind   text        NOT NULL CHECK (target_kind IN ('post', 'question')),
    -- platform/external_id for a post, the id for a question.
    target_id     text        NOT NULL,
    -- The reviewed rule that decided, for automatic actions (e.g. "allowlist:instagram/@summitjourney").
    rule          text,
    before_state  jsonb,
    after_state   jsonb       NOT NULL
);

-- Newest first, as moderators read it, optionally narrowed to one target.
CREATE INDEX moderation_audit_recent ON moderation_audit (recorded_at DESC, id DESC);
CREATE INDEX moderation_audit_target ON moderation_audit (target_kind, target_id);

GRANT SELECT, INSERT ON TABLE public.moderation_audit TO ${api_role};
GRANT USAGE ON SEQUENCE public.moderation_audit_id_seq TO ${api_role};
