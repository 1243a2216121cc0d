-- The question-submission limit (ops.questions.rate-limit.per-minute per client address), kept here because the
-- database is the one thing every replica of ops-api shares: the limit holds however many replicas answer.
-- One row per address that submitted recently. full_at is when its allowance is whole again: each accepted
-- submission moves it one interval (60 s / per-minute) later, and a submission is refused while full_at is more than
-- (per-minute - 1) intervals ahead. This is a token bucket kept as one timestamp (GCRA): a burst of per-minute, then
-- one more every interval. Rows whose full_at has passed say nothing and are deleted now and then.
-- UNLOGGED: no WAL per submission, and no standby copy; after a crash (or a failover) the table starts empty, which
-- only forgets who submitted in the last minute.
CREATE UNLOGGED TABLE qa_submission_limits (
    client_address text        PRIMARY KEY,
    full_at        timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.qa_submission_limits TO ${api_role};
