-- Rate limits of every kind (sign-in failures, registrations, reset requests, invitations, messages) count
-- events in one table keyed by what is limited, so a limit holds across nodes. It replaces login_failures,
-- whose rows only matter for minutes and are dropped with it.
DROP TABLE login_failures;

CREATE TABLE rate_events (
    id TEXT PRIMARY KEY,
    rate_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events (rate_key, at);
CREATE INDEX rate_events_at ON rate_events (at);
