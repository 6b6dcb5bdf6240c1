-- Challenges: problem statements written by an agency's officers from a structured template, reviewed and
-- published by the center; every step of their lifecycle as an event; calls that group them into rounds.

-- A round with dates and rules; staff create and publish it.
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    rules TEXT NOT NULL DEFAULT '',
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX calls_status ON calls (status, opens_at);

-- fields, support and provinces are JSON lists of codes (taxonomy field ids, support kinds, province
-- codes; no province means every province); budgets are in million rials; deadline_at is the instant
-- submissions end (the end of the deadline's day in Tehran); version counts saved edits.
CREATE TABLE challenges (
    id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    call_id TEXT REFERENCES calls (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    problem TEXT NOT NULL,
    affected TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL,
    success_measure TEXT NOT NULL,
    constraints_text TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '[]',
    maturity TEXT NOT NULL,
    budget_min BIGINT,
    budget_max BIGINT,
    support TEXT NOT NULL DEFAULT '[]',
    support_note TEXT NOT NULL DEFAULT '',
    deadline_at BIGINT NOT NULL,
    eligibility TEXT NOT NULL,
    provinces TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX challenges_agency ON challenges (agency_id, updated_at);
CREATE INDEX challenges_status ON challenges (status, published_at);
CREATE INDEX challenges_call ON challenges (call_id);

-- The lifecycle as it happened: kind is a step code, or 'create' / 'edit'; changes lists the edited
-- fields with their former values (JSON), so what changed in a published text can be told.
CREATE TABLE challenge_events (
    id TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '[]',
    at BIGINT NOT NULL
);
CREATE INDEX challenge_events_challenge ON challenge_events (challenge_id, at);

-- Files attached to a challenge, in the file store under storage_key.
CREATE TABLE challenge_attachments (
    id TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX challenge_attachments_challenge ON challenge_attachments (challenge_id, created_at);
