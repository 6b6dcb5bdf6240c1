-- Invitations to apply: a challenge's invitations are introductions for the challenge's own need, one need
-- per challenge, so an invitee is invited once per challenge (introductions are unique per need and candidate).
ALTER TABLE needs ADD COLUMN challenge_id TEXT REFERENCES challenges (id);
CREATE UNIQUE INDEX needs_challenge ON needs (challenge_id);
