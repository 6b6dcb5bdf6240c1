-- Outbox delivery with retries: a message is due when `next_attempt_at` has passed; claiming it moves
-- `next_attempt_at` to the end of a lease, so a worker that dies leaves it due again once the lease ends.
-- `attempts` counts claims and fences the claimant's later update; after the last attempt a message is
-- dead (`dead_at`, with `last_error`) until an admin retries it.
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN last_error TEXT;
ALTER TABLE mail_outbox ADD COLUMN dead_at BIGINT;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
CREATE INDEX mail_outbox_sent ON mail_outbox (sent_at) WHERE sent_at IS NOT NULL;
-- Mail "delivered" before this migration went to the log; its one-time links need not stay in the table.
UPDATE mail_outbox SET body_text = '' WHERE sent_at IS NOT NULL;
