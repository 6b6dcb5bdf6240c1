-- The job runner: queued work claimed by any node (`halqe serve` or `halqe worker`) under a lease that a
-- heartbeat renews; and the periodic tasks, each due once per period across all nodes.

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    -- queued, running, succeeded, failed or cancelled
    state TEXT NOT NULL,
    -- 1: a job whose worker died is queued again; 0: it is marked failed
    resumable BIGINT NOT NULL DEFAULT 0,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_expires_at BIGINT,
    heartbeat_at BIGINT,
    cancel_requested BIGINT NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    -- what the job ended with, e.g. an import's summary line
    result TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
CREATE INDEX jobs_queue ON jobs (state, created_at);

-- What happened to a job, oldest first: claimed, progress, resumed, ended.
CREATE TABLE job_events (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    state TEXT NOT NULL,
    progress_done BIGINT NOT NULL,
    progress_total BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_events_job ON job_events (job_id, at);

-- One row per periodic task; a node runs it after moving `next_at` forward, so one node runs it per period.
CREATE TABLE job_schedules (
    name TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL,
    last_run_at BIGINT,
    last_error TEXT NOT NULL DEFAULT ''
);

-- Which import run a job drives.
ALTER TABLE import_runs ADD COLUMN job_id TEXT;

-- Feed compaction: the head's position at each retention run, so changes older than the retained
-- window can be deleted by sequence; `compacted_seq` is the newest deleted one, and a node whose index
-- is behind it rebuilds from scratch.
CREATE TABLE search_marks (
    at BIGINT NOT NULL,
    seq BIGINT NOT NULL
);
ALTER TABLE search_head ADD COLUMN compacted_seq BIGINT NOT NULL DEFAULT 0;
