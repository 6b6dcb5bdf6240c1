-- Reminders to reviewers before their reviews are due (issue 11). One row per assignment, kind of reminder
-- (before: some days ahead; last_day) and due date it reminded of: the periodic task inserts the row in the
-- transaction that tells the reviewer, so however many nodes run it, and across restarts, each reminder goes
-- out once; a due date staff extend makes a new due date, with reminders of its own.
CREATE TABLE review_reminders (
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    kind TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (assignment_id, kind, due_at)
);
