-- Public questions on a challenge: asked by applicants, answered by the owning agency or the center, moderated
-- by staff (hidden with a reason, or merged into an earlier question). An answer is never overwritten: each
-- revision is a new row of question_answers, the newest is the answer shown, the older ones its history.
CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    asked_by TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    hidden_at BIGINT,
    hidden_by TEXT REFERENCES users (id),
    hidden_reason TEXT NOT NULL DEFAULT '',
    merged_into TEXT REFERENCES questions (id),
    merged_at BIGINT,
    merged_by TEXT REFERENCES users (id)
);
CREATE INDEX questions_challenge ON questions (challenge_id, created_at);
CREATE INDEX questions_merged_into ON questions (merged_into);

-- side is 'agency' or 'center': applicants see which side answered, not who.
CREATE TABLE question_answers (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    answered_by TEXT NOT NULL REFERENCES users (id),
    side TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX question_answers_question ON question_answers (question_id, created_at);
