-- Evaluation of proposals (issue 11): who may review in a call, what they declared, where each proposal
-- stands, how reviewers were assigned (proposed by the solver, reviewed by staff, then in force), the
-- reviews with a score per criterion, the decisions with their reasons, and appeals.

-- How a stage runs, beside its criteria and gate (0022): reviewers per proposal, when reviews are due,
-- and how many days a rejected applicant has to appeal.
ALTER TABLE call_stages ADD COLUMN reviewers_per_proposal BIGINT NOT NULL DEFAULT 3;
ALTER TABLE call_stages ADD COLUMN reviews_due_at BIGINT;
ALTER TABLE call_stages ADD COLUMN appeal_days BIGINT NOT NULL DEFAULT 14;

-- Past memberships: removing a member deletes the row of `memberships`, but "same organization within N
-- years" must still see it. Written when a membership ends; imports may add periods they know of.
CREATE TABLE membership_history (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    left_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id, joined_at)
);
CREATE INDEX membership_history_user ON membership_history (user_id);

-- The reviewer pool of a call: accounts with the reviewer role, their registry profile (expertise and
-- conflicts come from it), a maximum load, availability. A removed reviewer keeps the row for the record.
CREATE TABLE call_reviewers (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    person_id TEXT REFERENCES people (id),
    max_load BIGINT NOT NULL,
    -- 1 while they can take reviews
    available BIGINT NOT NULL DEFAULT 1,
    added_by TEXT NOT NULL REFERENCES users (id),
    added_at BIGINT NOT NULL,
    removed_at BIGINT,
    removed_by TEXT REFERENCES users (id),
    PRIMARY KEY (call_id, user_id)
);
CREATE INDEX call_reviewers_user ON call_reviewers (user_id);

-- Conflicts a reviewer declared, in their own words: about_kind is proposal, organization or person.
CREATE TABLE declared_conflicts (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    about_kind TEXT NOT NULL,
    about_id TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX declared_conflicts_user ON declared_conflicts (user_id);
CREATE INDEX declared_conflicts_about ON declared_conflicts (about_kind, about_id);

-- Where a submitted proposal stands in its call's evaluation: its current stage and state there
-- (in_review, advanced, rejected, appealed, awarded, not_awarded). revision counts decisions: a decision
-- names the revision it saw, so of two concurrent decisions one wins and the other is told.
CREATE TABLE proposal_evaluations (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    call_id TEXT NOT NULL REFERENCES calls (id),
    stage_id TEXT NOT NULL REFERENCES call_stages (id),
    -- the submitted version under evaluation
    version BIGINT NOT NULL,
    state TEXT NOT NULL,
    revision BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
CREATE INDEX proposal_evaluations_stage ON proposal_evaluations (stage_id, state);

-- Staff's pins (always assign) and forbids (never) for a stage's assignment.
CREATE TABLE assignment_rules (
    stage_id TEXT NOT NULL REFERENCES call_stages (id) ON DELETE CASCADE,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    -- pin | forbid
    rule TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (stage_id, proposal_id, user_id)
);

-- One solve of a stage's assignment, run as a job: proposed until staff apply or discard it.
-- state: running, proposed, infeasible, failed, cancelled, applied, discarded. mode: total | fair.
-- report is JSON: the infeasibility (proposals that cannot be covered and why) or the solver's notes.
CREATE TABLE assignment_runs (
    id TEXT PRIMARY KEY,
    stage_id TEXT NOT NULL REFERENCES call_stages (id) ON DELETE CASCADE,
    job_id TEXT REFERENCES jobs (id),
    mode TEXT NOT NULL,
    state TEXT NOT NULL,
    total_affinity BIGINT,
    worst_affinity BIGINT,
    -- 1 when the solution is proven optimal for the mode
    proven BIGINT NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT
);
CREATE INDEX assignment_runs_stage ON assignment_runs (stage_id, created_at);

-- The pairs a run proposes, with the affinity (0..10^6) and the matcher's explanation (JSON).
CREATE TABLE assignment_run_pairs (
    run_id TEXT NOT NULL REFERENCES assignment_runs (id) ON DELETE CASCADE,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    affinity BIGINT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '{}',
    pinned BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, proposal_id, user_id)
);

-- Assignments in force: this reviewer reviews this proposal in this stage. state: active | removed
-- (a removed reviewer's or a re-solved pair's row stays, with why).
CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    stage_id TEXT NOT NULL REFERENCES call_stages (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    run_id TEXT REFERENCES assignment_runs (id),
    affinity BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    due_at BIGINT,
    created_at BIGINT NOT NULL,
    removed_at BIGINT,
    removed_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX assignments_active ON assignments (stage_id, proposal_id, user_id) WHERE state = 'active';
CREATE INDEX assignments_reviewer ON assignments (user_id, state);
CREATE INDEX assignments_proposal ON assignments (proposal_id, stage_id);

-- A reviewer's review of one assignment: a draft until submitted, then immutable. confidence is 1..5.
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    assignment_id TEXT NOT NULL UNIQUE REFERENCES assignments (id),
    state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    confidence BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);

-- A score per criterion of the stage, within the criterion's scale, with an optional comment.
CREATE TABLE review_scores (
    review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES stage_criteria (id),
    score BIGINT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion_id)
);

-- Every move of a proposal is a decision with a written reason. outcome: advance, reject, award,
-- no_award; to_stage_id is the stage it advanced to. appeal_id is set when the decision answers an appeal.
-- audit_seq is the audit entry that records it (the decision's page links to it).
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    stage_id TEXT NOT NULL REFERENCES call_stages (id),
    outcome TEXT NOT NULL,
    to_stage_id TEXT REFERENCES call_stages (id),
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at BIGINT NOT NULL,
    appeal_id TEXT,
    audit_seq BIGINT
);
CREATE INDEX decisions_proposal ON decisions (proposal_id, decided_at);

-- An appeal against a rejection, at most one per decision, within the stage's appeal_days; decided by
-- someone other than the first decider. state: pending, upheld (the rejection stands), overturned.
CREATE TABLE appeals (
    id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL UNIQUE REFERENCES decisions (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    filed_by TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    filed_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT,
    answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeals_state ON appeals (state, filed_at);
