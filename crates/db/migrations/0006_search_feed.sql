-- The search feed: every change to an indexed entity appends a row in the same transaction.
-- Each node tails it in sequence order to keep its own index current.

-- One row: the last sequence number; updating it first serializes appends, so rows commit in order.
CREATE TABLE search_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO search_head (id, seq) VALUES (1, 0);

CREATE TABLE search_changes (
    seq BIGINT PRIMARY KEY,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
