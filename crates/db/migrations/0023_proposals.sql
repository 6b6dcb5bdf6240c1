-- Proposals: answers to a published challenge by a person or an organization, their team (each member
-- asked and answering), their files, and every submitted version, immutable, with its tracking code.

-- The working copy the applicant edits until the deadline. applicant_id is a person's or an organization's
-- id (applicant_kind says which); applicant_name is the name when it was written. versions counts the
-- submitted versions: a submission names the count it saw, so two tabs submitting at once make one version.
-- budget is in million rials; originality and conflicts are the two declarations (0/1).
CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges (id),
    applicant_kind TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    approach TEXT NOT NULL DEFAULT '',
    budget BIGINT,
    timeline TEXT NOT NULL DEFAULT '',
    expected_results TEXT NOT NULL DEFAULT '',
    originality BIGINT NOT NULL DEFAULT 0,
    conflicts BIGINT NOT NULL DEFAULT 0,
    conflicts_note TEXT NOT NULL DEFAULT '',
    versions BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    withdrawn_at BIGINT
);
CREATE INDEX proposals_challenge ON proposals (challenge_id, status);
CREATE INDEX proposals_applicant ON proposals (applicant_kind, applicant_id);
-- One proposal in play per applicant and challenge (a withdrawn one leaves room for a new one).
CREATE UNIQUE INDEX proposals_one_per_applicant ON proposals (challenge_id, applicant_kind, applicant_id)
    WHERE status <> 'withdrawn';

-- The team: people of the registry with an account, each asked to accept or decline.
CREATE TABLE proposal_members (
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    invited_at BIGINT NOT NULL,
    answered_at BIGINT,
    PRIMARY KEY (proposal_id, person_id)
);
CREATE INDEX proposal_members_user ON proposal_members (user_id);

-- Every submission as it was (content is JSON: the text, team and files), never updated.
CREATE TABLE proposal_versions (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    version BIGINT NOT NULL,
    tracking_code TEXT NOT NULL,
    content TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users (id),
    submitted_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX proposal_versions_number ON proposal_versions (proposal_id, version);
CREATE UNIQUE INDEX proposal_versions_tracking_code ON proposal_versions (tracking_code);

-- Files in the file store under storage_key; first_version is the first version that carried the file
-- (the agency's side sees only files of submitted versions).
CREATE TABLE proposal_attachments (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    first_version BIGINT
);
CREATE INDEX proposal_attachments_proposal ON proposal_attachments (proposal_id, created_at);
