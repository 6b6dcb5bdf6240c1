-- The communication loop: one conversation per object (an introduction now; challenges and proposals later),
-- named by the object's kind and id, so a new kind of object needs no new table. The messages of
-- introductions move here from introduction_messages, ids and times kept.
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_subject ON messages (subject_kind, subject_id, created_at);

INSERT INTO messages (id, subject_kind, subject_id, author_id, body, created_at)
SELECT id, 'introduction', introduction_id, author_id, body, created_at FROM introduction_messages;

DROP TABLE introduction_messages;

-- What a user should hear of. actor_name, title and agency_name are kept as they were when it happened
-- (the notification says what the user was told then); delivery is the user's setting for its kind at that
-- moment: 'immediately' (mailed at once), 'digest' (waits for the daily digest, digest_id once sent), 'off'.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    agency_name TEXT,
    delivery TEXT NOT NULL,
    digest_id TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_subject ON notifications (user_id, subject_kind, subject_id);
CREATE INDEX notifications_digest ON notifications (delivery, digest_id, created_at);

-- A user's choice per kind of notification; no row means the default ('immediately').
CREATE TABLE notification_settings (
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- One row per digest mailed: at most one per user per day.
CREATE TABLE notification_digests (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    sent_at BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE INDEX notification_digests_user ON notification_digests (user_id, sent_at);
