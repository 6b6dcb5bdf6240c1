-- Introductions: a need saved when officers or staff shortlist candidates for it, one introduction per
-- candidate and need, the timeline of each introduction and the message thread of its parties.

-- A need typed by an officer (for their agency) or by staff (no agency); fields is a JSON list of field ids.
CREATE TABLE needs (
    id TEXT PRIMARY KEY,
    agency_id TEXT REFERENCES agencies (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL
);
CREATE INDEX needs_agency ON needs (agency_id, created_at);
CREATE INDEX needs_created_by ON needs (created_by, created_at);

-- candidate_id is a people or organizations id, as candidate_kind says; why is the match explanation
-- (signals, matched terms) as JSON at the time of the request.
CREATE TABLE introductions (
    id TEXT PRIMARY KEY,
    need_id TEXT NOT NULL REFERENCES needs (id),
    candidate_kind TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    agency_id TEXT REFERENCES agencies (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    outcome_reason TEXT NOT NULL DEFAULT '',
    why TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    answered_at BIGINT,
    closed_at BIGINT,
    UNIQUE (need_id, candidate_kind, candidate_id)
);
CREATE INDEX introductions_agency ON introductions (agency_id, created_at);
CREATE INDEX introductions_candidate ON introductions (candidate_kind, candidate_id);
CREATE INDEX introductions_requested_by ON introductions (requested_by, created_at);

-- The visible timeline: one row per step (requested, accepted, declined, engaged, not_engaged).
CREATE TABLE introduction_events (
    id TEXT PRIMARY KEY,
    introduction_id TEXT NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX introduction_events_introduction ON introduction_events (introduction_id, at);

CREATE TABLE introduction_messages (
    id TEXT PRIMARY KEY,
    introduction_id TEXT NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX introduction_messages_introduction ON introduction_messages (introduction_id, created_at);
