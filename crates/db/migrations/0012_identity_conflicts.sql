-- Identity conflicts: a self-declared national ID or registration number that another record already
-- holds. Neither side is refused or dropped: the declaring record is saved without it, both sides are
-- kept here, and staff decide which record keeps the identifier.

CREATE TABLE identity_conflicts (
    id TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    value TEXT NOT NULL,
    -- the record whose owner declared the value
    claimant_id TEXT NOT NULL,
    claimed_by TEXT NOT NULL REFERENCES users (id),
    -- the record that held the value when it was declared
    holder_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX identity_conflicts_status ON identity_conflicts (status, created_at);
CREATE INDEX identity_conflicts_claimant ON identity_conflicts (claimant_id, status);
