-- Idempotency keys belong to the client that sent them (its address, as the submission limit sees it): another
-- client can neither learn that a key is in use (it was answered 422) nor claim a guessable key in advance. Keys
-- stored before this belong to no client (''), and expire within 24 hours like any other.
ALTER TABLE qa_submission_keys ADD COLUMN client_address text NOT NULL DEFAULT '';
ALTER TABLE qa_submission_keys ALTER COLUMN client_address DROP DEFAULT;
ALTER TABLE qa_submission_keys DROP CONSTRAINT qa_submission_keys_pkey;
ALTER TABLE qa_submission_keys ADD PRIMARY KEY (client_address, idempotency_key);
