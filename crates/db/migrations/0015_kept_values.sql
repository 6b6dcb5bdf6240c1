-- Kept values: an import cell that names nothing in the taxonomy or a closed list (a field of work, a
-- province, a degree, an organization kind) is kept as the record's own text instead of being dropped,
-- and so is a cell under a column the importer does not know (column '' and the file's header). Staff
-- map a value to a taxonomy entry once (value_mappings): the records carrying it take the entry, and
-- later imports apply the mapping as they read.

CREATE TABLE kept_values (
    person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    -- 'field', 'province', 'degree', 'kind', or '' for a column the importer does not know
    column_code TEXT NOT NULL,
    -- the file's header for an unknown column, '' for a known one
    header TEXT NOT NULL,
    value TEXT NOT NULL,
    -- the value folded (letter forms, spaces, case), what a mapping is keyed on
    value_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX kept_values_person ON kept_values (person_id, column_code, header);
CREATE UNIQUE INDEX kept_values_organization ON kept_values (organization_id, column_code, header);
CREATE INDEX kept_values_value ON kept_values (column_code, value_key);

CREATE TABLE value_mappings (
    column_code TEXT NOT NULL,
    value_key TEXT NOT NULL,
    -- the value as staff saw it when they mapped it
    value TEXT NOT NULL,
    -- a field id, a province, degree or organization-kind code
    target TEXT NOT NULL,
    mapped_by TEXT REFERENCES users (id),
    mapped_at BIGINT NOT NULL,
    PRIMARY KEY (column_code, value_key)
);
