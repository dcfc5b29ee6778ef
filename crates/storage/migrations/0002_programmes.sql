-- Programmes, cohorts, applications, nominations and places (C1, C2).
-- Portable SQL only, as in 0001: UUID text ids made by the application, BIGINT epoch
-- milliseconds, BOOLEAN flags, lists stored as JSON text read and written by the application.

CREATE TABLE programmes (
    id                         TEXT PRIMARY KEY,
    -- The tenant (root organisation) that runs the programme.
    organisation_id            TEXT NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    title                      TEXT NOT NULL,
    summary                    TEXT NOT NULL,
    description                TEXT NOT NULL,
    kind                       TEXT NOT NULL,
    outcomes                   TEXT NOT NULL,
    audience                   TEXT NOT NULL,
    leads                      TEXT NOT NULL,
    fee_pence                  BIGINT NOT NULL,
    cpd_minutes                BIGINT NOT NULL,
    delivery_mode              TEXT NOT NULL,
    delivery_detail            TEXT NOT NULL,
    eligibility                TEXT NOT NULL,
    confirmations              TEXT NOT NULL,
    questions                  TEXT NOT NULL,
    phases                     TEXT NOT NULL,
    follow_on_id               TEXT REFERENCES programmes (id) ON DELETE SET NULL,
    requires_sponsor_approval  BOOLEAN NOT NULL,
    allocation_rule            TEXT NOT NULL,
    lottery_seed               BIGINT NOT NULL,
    offer_valid_days           BIGINT NOT NULL,
    status                     TEXT NOT NULL,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL
);
CREATE INDEX programmes_organisation ON programmes (organisation_id, status);

-- "An ICS can nominate up to 5": a cap per nominating organisation per programme, counting
-- the organisations below it.
CREATE TABLE nomination_caps (
    programme_id     TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    cap              BIGINT NOT NULL,
    PRIMARY KEY (programme_id, organisation_id)
);

CREATE TABLE cohorts (
    id                  TEXT PRIMARY KEY,
    programme_id        TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    capacity            BIGINT NOT NULL,
    -- Accepted places. Only ever changed by conditional UPDATEs that keep it within capacity.
    confirmed           BIGINT NOT NULL,
    opens_at            BIGINT NOT NULL,
    closes_at           BIGINT NOT NULL,
    timezone            TEXT NOT NULL,
    -- How the sessions were given ('explicit' or 'recurrence') and the text typed, to edit later.
    schedule_kind       TEXT NOT NULL,
    schedule_spec       TEXT NOT NULL,
    completion_rule     TEXT NOT NULL,
    completion_minimum  BIGINT,
    status              TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    CONSTRAINT cohorts_within_capacity CHECK (confirmed >= 0 AND confirmed <= capacity)
);
CREATE INDEX cohorts_programme ON cohorts (programme_id);

-- The expanded sessions: what emails, calendar files and feeds list.
CREATE TABLE cohort_sessions (
    cohort_id   TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    ordinal     BIGINT NOT NULL,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, ordinal)
);

CREATE TABLE applications (
    id                  TEXT PRIMARY KEY,
    programme_id        TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    person_id           TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The applicant's organisation when they applied: caps and sponsors go by it.
    organisation_id     TEXT NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    state               TEXT NOT NULL,
    answers             TEXT NOT NULL,
    confirmed_statements BOOLEAN NOT NULL,
    -- The cohort offered, accepted or waited for.
    cohort_id           TEXT REFERENCES cohorts (id) ON DELETE SET NULL,
    waitlist_position   BIGINT,
    offer_expires_at    BIGINT,
    reminded_at         BIGINT,
    nominated_by        TEXT REFERENCES people (id) ON DELETE SET NULL,
    sponsor_approved_at BIGINT,
    approved_at         BIGINT,
    decision_reason     TEXT,
    submitted_at        BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX applications_person_programme_key ON applications (programme_id, person_id);
CREATE INDEX applications_cohort ON applications (cohort_id, state);

-- Ranked cohort preferences, first choice rank 1.
CREATE TABLE application_preferences (
    application_id  TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    cohort_id       TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    preference_rank BIGINT NOT NULL,
    PRIMARY KEY (application_id, cohort_id)
);

-- Private calendar feeds of confirmed sessions: one live secret per person, revocable.
CREATE TABLE calendar_feeds (
    token_hash  TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX calendar_feeds_person ON calendar_feeds (person_id);
