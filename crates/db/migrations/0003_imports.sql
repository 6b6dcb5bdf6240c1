-- Bulk imports: run progress, every row's outcome for the report, and the profile-claim invitations
-- mailed to imported people.

ALTER TABLE import_runs ADD COLUMN rows_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_runs ADD COLUMN heartbeat_at BIGINT;
ALTER TABLE import_runs ADD COLUMN source_format TEXT NOT NULL DEFAULT '';
ALTER TABLE import_runs ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE import_runs ADD COLUMN error_code TEXT NOT NULL DEFAULT '';
ALTER TABLE import_runs ADD COLUMN error_detail TEXT NOT NULL DEFAULT '';
CREATE INDEX import_runs_started ON import_runs (started_at);

-- One line per data row: what happened to it; `cells` (JSON) only for rejected or flagged rows.
CREATE TABLE import_rows (
    run_id TEXT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    row_number BIGINT NOT NULL,
    status TEXT NOT NULL,
    flagged BIGINT NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT '',
    cells TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, row_number)
);
-- The rows a report lists: only these carry an entry, so the index stays small.
CREATE INDEX import_rows_problems ON import_rows (run_id, row_number) WHERE status = 'rejected' OR flagged = 1;

-- An invitation to claim an imported profile; one per person, ever.
CREATE TABLE profile_claims (
    person_id TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    run_id TEXT REFERENCES import_runs (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    claimed_at BIGINT,
    claimed_by TEXT REFERENCES users (id)
);
