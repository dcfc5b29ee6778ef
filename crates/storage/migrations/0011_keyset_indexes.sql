-- Keyset pagination: each paged list reads `WHERE (key) > cursor ORDER BY key LIMIT n + 1`,
-- and each key has an index so the read starts at the cursor instead of sorting every row.
-- People by name (the people page), ties broken by id.
CREATE INDEX people_name_id ON people (name, id);
-- The audit log, newest first, ties (entries of the same millisecond) broken by id.
CREATE INDEX audit_log_at_id ON audit_log (at, id);
-- (Not (organisation_id, at, id): the planner then reads a whole organisation tree's log
-- and sorts it, which for a national lead is the whole log. Read in key order instead, the
-- tree's rows are picked out as they come and the read stops after a page.)
