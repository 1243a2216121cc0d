-- Idempotency keys of POST /api/v1/questions: a client that retries a submission with the same Idempotency-Key
-- (after a 503, a timeout, a lost answer) gets the first answer back and nothing new is stored. A key is honoured
-- for 24 hours; after that it may be used again, and ops-api deletes expired keys.
CREATE TABLE qa_submission_keys (
    idempotency_key text        PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- sha256 of the submitted question, so that a key reused for a different question is refused, not replayed.
    request_sha256  bytea       NOT NULL,
    question_id     bigint      NOT NULL REFERENCES qa_questions (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX qa_submission_keys_created_at ON qa_submission_keys (created_at);

-- ops-api keeps the keys, and is the one that deletes expired ones.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.qa_submission_keys TO ${api_role};
