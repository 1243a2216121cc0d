-- Moderation decisions carry the reason the moderator chose (from the console's configured lists), and an undo
-- names the decision it reverses. The audit trail is filtered by the actor's subject, never by the display name
-- (which its owner may edit), so the subject gets an index of its own.

ALTER TABLE moderation_audit ADD COLUMN reason text CHECK (length(reason) BETWEEN 1 AND 200);
ALTER TABLE moderation_audit ADD COLUMN reverses bigint REFERENCES moderation_audit (id);

ALTER TABLE moderation_audit DROP CONSTRAINT moderation_audit_action_check;
ALTER TABLE moderation_audit ADD CONSTRAINT moderation_audit_action_check CHECK (action IN (
    'post.show', 'post.hide', 'post.auto_approve', 'post.back_to_review', 'post.undo_hide',
    'question.answer', 'question.publish', 'question.unpublish', 'question.reject', 'question.undo_reject'));

-- A reversal is itself audited, and a decision is reversed at most once.
ALTER TABLE moderation_audit ADD CONSTRAINT moderation_audit_reversal_names_what
    CHECK ((reverses IS NOT NULL) = (action IN ('post.undo_hide', 'question.undo_reject')));
CREATE UNIQUE INDEX moderation_audit_reversed_once ON moderation_audit (reverses) WHERE reverses IS NOT NULL;

CREATE INDEX moderation_audit_actor ON moderation_audit (actor_subject, recorded_at DESC, id DESC);
