-- Indexes for the hot queries the web benchmark (bench/web.sh, issue 13) found scanning on a
-- generated nation. Plain CREATE INDEX / DROP INDEX: the same statements on SQLite and PostgreSQL.

-- A sponsor's applications are those of the organisations in their tree (the sponsor's
-- nominees page and home page): without it both backends read every application.
CREATE INDEX applications_organisation ON applications (organisation_id, state);

-- The lead's home counts a programme's submitted applications; the review queue and the API
-- filter a programme's applications by state. The unique (programme_id, person_id) index found
-- the programme's rows but read every one of them to check the state; with the sponsor's
-- approval in the index the lead's count is read from the index alone.
CREATE INDEX applications_programme_state ON applications (programme_id, state, sponsor_approved_at);

-- A waiting list's ranks count the waitlisted applications of a cohort up to a position: with
-- the position in the index the count is a range of it, not a read of every waiting row. It
-- serves everything the (cohort_id, state) index served, which it replaces.
CREATE INDEX applications_cohort_waitlist ON applications (cohort_id, state, waitlist_position);
DROP INDEX applications_cohort;

-- A person's own applications by state: the offers on every home page and the cohorts whose
-- sets a participant is choosing (the API's sets). Without it every application was read.
CREATE INDEX applications_person_state ON applications (person_id, state);

-- Sets by status (the cohorts choosing their sets) and programmes by status (the catalogue and
-- the API's programmes list only the open ones).
CREATE INDEX action_sets_status ON action_sets (status, cohort_id);
CREATE INDEX programmes_status ON programmes (status);
