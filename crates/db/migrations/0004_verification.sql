-- Verification: find a profile's claims (for its badges) without scanning the queue.

CREATE INDEX claims_person ON claims (person_id, status);
CREATE INDEX claims_organization ON claims (organization_id, status);
