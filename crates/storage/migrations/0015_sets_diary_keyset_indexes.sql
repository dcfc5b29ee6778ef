-- Keyset indexes for the lists of sets, meetings and diaries that grow with the nation
-- (issue 13): each list is read a page at a time by its sort key with the id as tie-break, so
-- the index holds both and a page is a range of it, whatever the number of rows.

-- A person's own diary, newest first: /diary and /api/v1/diary.
CREATE INDEX diary_entries_author_time ON diary_entries (author_id, created_at, id);

-- The entries shared with a reader are read set by set (the sets they are in or facilitate),
-- newest first.
CREATE INDEX diary_entries_set_time ON diary_entries (set_id, created_at, id);

-- A set's meetings by start time, ties by id: the set page's upcoming and past meetings.
CREATE INDEX meetings_set_time ON meetings (set_id, starts_at, id);

-- A cohort's sets in their order (position, ties by id): the lead's sets page.
CREATE INDEX action_sets_cohort_page ON action_sets (cohort_id, position, id);

-- The logs shared with a supervisor are found from the facilitators they supervise.
CREATE INDEX supervisions_supervisor ON supervisions (supervisor_id);
