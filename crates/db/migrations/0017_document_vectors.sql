-- Document vectors: each indexed document's texts embedded once by the embedding job and read by every
-- node (docs/adr/0009-vectors-and-nearest-neighbours.md). One row per text of a document (its summary,
-- each of its publications), keyed by the text's hash, so only changed texts are embedded again.
CREATE TABLE document_vectors (
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    -- SHA-256 (hex) of the embedding mode and the text
    text_hash TEXT NOT NULL,
    -- the model's identity: its name and the SHA-256 of its file
    model TEXT NOT NULL,
    -- int8 with a scale: the scale as a little-endian f32, then one signed byte per dimension
    vector BYTEA NOT NULL,
    embedded_at BIGINT NOT NULL,
    PRIMARY KEY (entity_kind, entity_id, text_hash)
);

-- One row: how far the embedding job has followed the search feed, and with which model.
CREATE TABLE embedding_head (
    id BIGINT PRIMARY KEY,
    model TEXT NOT NULL,
    seq BIGINT NOT NULL
);
INSERT INTO embedding_head (id, model, seq) VALUES (1, '', 0);
