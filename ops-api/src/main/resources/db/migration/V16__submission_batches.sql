-- Submissions without an Idempotency-Key reach the database in batches (SubmissionBatches): one statement takes
-- several submissions of one address's allowance at once, and must tell which of them got in. last_taken is how
-- many the last take of the address admitted; the statement reads it back from its own upsert (PostgreSQL 15's
-- RETURNING sees only the new row, not what full_at was before).
ALTER TABLE qa_submission_limits ADD COLUMN last_taken integer NOT NULL DEFAULT 1 CHECK (last_taken >= 0);
