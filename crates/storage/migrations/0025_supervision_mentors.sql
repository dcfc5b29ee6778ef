-- Facilitator records (C6, issue 15): supervision sessions a facilitator logs, the sets that
-- are supervision groups (a set of facilitators whose set facilitator is the supervisor, so
-- meetings, attendance and private reflective logs reuse the set machinery), and mentor
-- pairings between someone who completed a cohort and someone in a later one.

-- One supervision session, logged by the facilitator supervised (or a lead of their region).
CREATE TABLE supervision_sessions (
    id              TEXT PRIMARY KEY,
    facilitator_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    supervisor_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- ISO `YYYY-MM-DD`.
    held_on         TEXT NOT NULL,
    -- Whole minutes (1.5 hours is 90).
    minutes         BIGINT NOT NULL,
    -- 'one_to_one' or 'group'.
    kind            TEXT NOT NULL,
    recorded_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    CHECK (minutes > 0 AND minutes <= 1440),
    CHECK (facilitator_id <> supervisor_id)
);
CREATE INDEX supervision_sessions_facilitator ON supervision_sessions (facilitator_id, held_on);

-- A set that is a supervision group: its members are facilitators, its facilitator the
-- supervisor. Meetings attended (present) count as supervised hours.
CREATE TABLE supervision_groups (
    set_id      TEXT PRIMARY KEY REFERENCES action_sets (id) ON DELETE CASCADE,
    marked_by   TEXT REFERENCES people (id) ON DELETE SET NULL,
    marked_at   BIGINT NOT NULL
);

-- A mentor (who completed from_cohort_id) paired with a mentee in cohort_id, a later cohort of
-- the same programme or its follow-on.
CREATE TABLE mentor_pairings (
    id              TEXT PRIMARY KEY,
    mentor_id       TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    mentee_id       TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    cohort_id       TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    from_cohort_id  TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    recorded_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    CHECK (mentor_id <> mentee_id)
);
CREATE UNIQUE INDEX mentor_pairings_one ON mentor_pairings (mentee_id, cohort_id, mentor_id);
CREATE INDEX mentor_pairings_mentor ON mentor_pairings (mentor_id);
