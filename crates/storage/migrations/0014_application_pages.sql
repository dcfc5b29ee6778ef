-- Keyset pages of the lists of applications (issue 13): the review queue (page and API) and a
-- sponsor's nominees are read in id order (ids are UUIDv7, so the order they were made), a
-- page at a time. Plain CREATE INDEX: the same statements on SQLite and PostgreSQL.

-- The review queue's "All" tab and the API without a state: a programme's applications by id;
-- state and nominated_by ride along so the draft test needs no row.
CREATE INDEX applications_programme_id ON applications (programme_id, id, state, nominated_by);

-- A tab of the review queue (one state), by id.
CREATE INDEX applications_programme_state_id ON applications (programme_id, state, id);

-- A sponsor's nominees: the applications of each organisation in the tree, by id.
CREATE INDEX applications_organisation_id ON applications (organisation_id, id, state, nominated_by);


-- The failed-emails list (page and API), newest first: the jobs not done, by creation.
CREATE INDEX jobs_undone_created ON jobs (done_at, created_at, id);
