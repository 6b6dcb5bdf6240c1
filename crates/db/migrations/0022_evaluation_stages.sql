-- Evaluation stages of a call (issue 11): staff configure each stage's criteria, blind mode and gate rule
-- before proposals are reviewed in it. position orders the stages of a call and the criteria of a stage.

CREATE TABLE call_stages (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- single | double
    blind TEXT NOT NULL,
    -- threshold (gate_value: percent of the best weighted score) | top_n (gate_value: N) | panel (0)
    gate TEXT NOT NULL,
    gate_value BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (call_id, position)
);

CREATE TABLE stage_criteria (
    id TEXT PRIMARY KEY,
    stage_id TEXT NOT NULL REFERENCES call_stages (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL,
    scale_min BIGINT NOT NULL,
    scale_max BIGINT NOT NULL,
    UNIQUE (stage_id, position)
);
