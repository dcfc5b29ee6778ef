-- Action learning sets in use (C3, C4, C5): reporting lines, sets and their members and
-- facilitators, meetings, attendance, problems, actions, diaries and reflective logs.
-- Portable SQL only, as in 0001 and 0002.

-- Who manages whom (any depth is derived by the application). One manager per person.
CREATE TABLE reporting_lines (
    person_id   TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    manager_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    updated_at  BIGINT NOT NULL,
    CHECK (person_id <> manager_id)
);
CREATE INDEX reporting_lines_manager ON reporting_lines (manager_id);

-- The rules a lead chose for forming a cohort's sets (JSON, read by the application), kept so
-- the form shows them again and a re-run uses the same ones.
CREATE TABLE formation_rules (
    cohort_id   TEXT PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    rules       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE action_sets (
    id                TEXT PRIMARY KEY,
    cohort_id         TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    position          BIGINT NOT NULL,
    -- draft (only the lead sees it), published (members and facilitators told).
    status            TEXT NOT NULL,
    -- Every Nth meeting is a review meeting with no presenter.
    review_every      BIGINT NOT NULL,
    timezone          TEXT NOT NULL,
    -- Where the set meets: 'virtual' with a link, or 'in_person' with a place.
    delivery_mode     TEXT NOT NULL,
    delivery_detail   TEXT NOT NULL,
    -- After the programme a set may go on without a facilitator.
    self_facilitated  BOOLEAN NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (cohort_id, name)
);
CREATE INDEX action_sets_cohort ON action_sets (cohort_id, position);

-- Membership over time: nobody is counted absent before they joined or after they left.
CREATE TABLE set_members (
    id             TEXT PRIMARY KEY,
    set_id         TEXT NOT NULL REFERENCES action_sets (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- Members who present together (a pair) share a unit key; alone, the key is the person id.
    unit_key       TEXT NOT NULL,
    rota_position  BIGINT NOT NULL,
    locked         BOOLEAN NOT NULL,
    joined_at      BIGINT NOT NULL,
    left_at        BIGINT
);
CREATE INDEX set_members_set ON set_members (set_id);
CREATE INDEX set_members_person ON set_members (person_id);

CREATE TABLE set_facilitators (
    set_id     TEXT NOT NULL REFERENCES action_sets (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, person_id)
);
CREATE INDEX set_facilitators_person ON set_facilitators (person_id);

CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    set_id      TEXT NOT NULL REFERENCES action_sets (id) ON DELETE CASCADE,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    -- 'scheduled' or 'cancelled'; a cancelled meeting stays, so calendars can say so.
    status      TEXT NOT NULL,
    -- True once attendance is recorded: the rota then knows whether the presenter came.
    held        BOOLEAN NOT NULL,
    -- The unit the facilitator gave the floor to instead of the one in turn.
    swap_to     TEXT,
    -- Counts calendar changes so subscribers see the newest version (RFC 5545 SEQUENCE).
    sequence    BIGINT NOT NULL,
    -- When the reminder email went out (NULL until then; cleared when the meeting moves).
    reminded_at BIGINT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_set ON meetings (set_id, starts_at);

CREATE TABLE attendance (
    meeting_id   TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    recorded_by  TEXT NOT NULL REFERENCES people (id),
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- The words a tenant uses to tag problems, for the themes report.
CREATE TABLE theme_vocabularies (
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    themes           TEXT NOT NULL,
    updated_at       BIGINT NOT NULL
);

-- A problem a unit brings to its set. Content: the set and its facilitators only.
CREATE TABLE problems (
    id           TEXT PRIMARY KEY,
    set_id       TEXT NOT NULL REFERENCES action_sets (id) ON DELETE CASCADE,
    unit_key     TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES people (id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    themes       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX problems_set ON problems (set_id);

-- An action a presenter commits to at a meeting, reviewed at a later one.
CREATE TABLE actions (
    id                   TEXT PRIMARY KEY,
    set_id               TEXT NOT NULL REFERENCES action_sets (id) ON DELETE CASCADE,
    meeting_id           TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    owner_id             TEXT NOT NULL REFERENCES people (id),
    problem_id           TEXT REFERENCES problems (id) ON DELETE SET NULL,
    description          TEXT NOT NULL,
    due_on               TEXT NOT NULL,
    -- NULL until reviewed: 'done', 'changed' or 'dropped', with a line on what happened.
    outcome              TEXT,
    outcome_note         TEXT,
    reviewed_meeting_id  TEXT REFERENCES meetings (id) ON DELETE SET NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX actions_set ON actions (set_id, created_at);

-- Learning diary entries (participants, kind 'diary') and reflective logs (facilitators,
-- kind 'log'). Private to the author unless `sharing` says otherwise; `set_id` is the set a
-- diary entry is shared with or about.
CREATE TABLE diary_entries (
    id          TEXT PRIMARY KEY,
    author_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    set_id      TEXT REFERENCES action_sets (id) ON DELETE SET NULL,
    meeting_id  TEXT REFERENCES meetings (id) ON DELETE SET NULL,
    problem_id  TEXT REFERENCES problems (id) ON DELETE SET NULL,
    sharing     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX diary_entries_author ON diary_entries (author_id, created_at);
CREATE INDEX diary_entries_set ON diary_entries (set_id);

-- A facilitator's supervisor, who may read the reflective log entries shared with them.
CREATE TABLE supervisions (
    facilitator_id  TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    supervisor_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    CHECK (facilitator_id <> supervisor_id)
);

-- A person's own time zone (sets span continents): meeting times are shown in it.
CREATE TABLE person_preferences (
    person_id   TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    timezone    TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
