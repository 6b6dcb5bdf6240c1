-- Signed checkpoints of the audit chain: the head's sequence and hash at a time, signed with an Ed25519 key
-- kept outside the database (see docs/adr on signed audit checkpoints). Hex text throughout.
CREATE TABLE audit_checkpoints (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    at BIGINT NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_at ON audit_checkpoints (at);
