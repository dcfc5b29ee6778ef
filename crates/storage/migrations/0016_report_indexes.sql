-- Indexes for the lead's home and the sets overview (issue 13), found with EXPLAIN QUERY PLAN
-- on a generated nation of 20,000 people. Plain CREATE INDEX: the same on SQLite and PostgreSQL.

-- The lead's home counts, per cohort, the accepted applications whose person is in no
-- published set: with the person in the index the count reads no application rows
-- (applications_cohort_waitlist has the state but not the person).
CREATE INDEX applications_cohort_state_person ON applications (cohort_id, state, person_id);

-- "Is this person a current member of a set of this cohort?" (the lead's home) and "was this
-- attendance record's person a member of the set then?" (the sets overview's attendance):
-- found from the index alone, not by reading each of the person's membership rows.
CREATE INDEX set_members_person_set ON set_members (person_id, set_id, left_at);
