-- Keyset pagination: each paged list reads `WHERE (key) > cursor ORDER BY key LIMIT n + 1`,
-- and each key has an index so the read starts at the cursor instead of sorting every row.
-- People by name (the people page), ties broken by id.
CREATE INDEX people_name_id ON people (name, id);
-- The audit log, newest first, ties (entries of the same millisecond) broken by id.
CREATE INDEX audit_log_at_id ON audit_log (at, id);
-- The same, within one organisation: a small tenant's log without walking the nation's.
CREATE INDEX audit_log_organisation_at_id ON audit_log (organisation_id, at, id);
