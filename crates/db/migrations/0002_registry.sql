-- The registry of capacities: people, organizations, their track record, claims with evidence,
-- memberships, and bulk imports from institutions.

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    user_id TEXT UNIQUE REFERENCES users (id),
    national_id TEXT UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    email TEXT UNIQUE,
    mobile TEXT,
    province TEXT,
    city TEXT NOT NULL DEFAULT '',
    institution TEXT NOT NULL DEFAULT '',
    degree TEXT,
    education_field TEXT NOT NULL DEFAULT '',
    university TEXT NOT NULL DEFAULT '',
    graduation_year BIGINT,
    primary_field TEXT REFERENCES fields (id),
    skills TEXT NOT NULL DEFAULT '',
    bio_fa TEXT NOT NULL DEFAULT '',
    bio_en TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT 'available',
    orcid TEXT NOT NULL DEFAULT '',
    scholar_url TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'agencies',
    source TEXT NOT NULL DEFAULT 'self',
    content_hash TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    claimed_at BIGINT
);
CREATE INDEX people_institution ON people (institution);
CREATE INDEX people_updated ON people (updated_at);

CREATE TABLE person_fields (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES fields (id),
    PRIMARY KEY (person_id, field_id)
);

CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    year BIGINT,
    abstract TEXT NOT NULL DEFAULT '',
    doi TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX publications_person ON publications (person_id);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    registration_number TEXT UNIQUE,
    certificate_number TEXT NOT NULL DEFAULT '',
    certificate_expires_at BIGINT,
    province TEXT,
    city TEXT NOT NULL DEFAULT '',
    institution TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    description_fa TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    capabilities TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '',
    primary_field TEXT REFERENCES fields (id),
    visibility TEXT NOT NULL DEFAULT 'agencies',
    source TEXT NOT NULL DEFAULT 'self',
    content_hash TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX organizations_name ON organizations (name_fa);

-- Past projects of a person or an organization; government projects are flagged.
CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    year BIGINT,
    government BIGINT NOT NULL DEFAULT 0,
    agency_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX projects_person ON projects (person_id);
CREATE INDEX projects_organization ON projects (organization_id);

CREATE TABLE memberships (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE TABLE membership_invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL DEFAULT 'pending',
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX membership_invitations_email ON membership_invitations (email, status);

-- A self-declared fact (a distinction, a degree, a certificate) that staff verify with evidence.
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX claims_status ON claims (status, created_at);

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX evidence_claim ON evidence (claim_id);

CREATE TABLE import_runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    dry_run BIGINT NOT NULL,
    status TEXT NOT NULL,
    created BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    flagged BIGINT NOT NULL DEFAULT 0,
    started_by TEXT REFERENCES users (id),
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);

-- One line per row that was rejected or flagged, for the downloadable report.
CREATE TABLE import_issues (
    run_id TEXT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    row_number BIGINT NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, row_number, code, column_name)
);
