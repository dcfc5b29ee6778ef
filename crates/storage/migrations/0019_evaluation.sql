-- Evaluation (C9): questionnaire instruments, the waves that send them, invitations (a
-- respondent's link and their draft) and the responses evaluators see only in aggregate.

-- An instrument as uploaded: its source text (the app parses it; docs/INSTRUMENTS.md).
CREATE TABLE instruments (
    id               TEXT PRIMARY KEY,
    -- The tenant (root organisation) that may use it.
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    key              TEXT NOT NULL,
    version          BIGINT NOT NULL,
    title            TEXT NOT NULL,
    format           TEXT NOT NULL,
    source           TEXT NOT NULL,
    created_by       TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX instruments_version ON instruments (organisation_id, key, version);

-- A programme's evaluation plan: the secret that turns a respondent into the same pseudonym
-- in every wave of the programme, so before and after can be paired without a name.
CREATE TABLE evaluation_plans (
    programme_id   TEXT PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
    pseudonym_key  TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);

-- A wave: one instrument sent at one point of the plan.
CREATE TABLE evaluation_waves (
    id             TEXT PRIMARY KEY,
    programme_id   TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    cohort_id      TEXT REFERENCES cohorts (id) ON DELETE CASCADE,
    instrument_id  TEXT NOT NULL REFERENCES instruments (id) ON DELETE RESTRICT,
    name           TEXT NOT NULL,
    -- before_first_session, after_last_session, months_after, on_date.
    timing         TEXT NOT NULL,
    months_after   BIGINT,
    opens_at       BIGINT NOT NULL,
    closes_at      BIGINT NOT NULL,
    -- named, pseudonymous, anonymous.
    anonymity      TEXT NOT NULL,
    -- The sweep sends it to the cohort's participants when it opens (sent_at) and reminds
    -- those who have not answered three days before it closes (reminded_at).
    auto_send      BOOLEAN NOT NULL DEFAULT FALSE,
    sent_at        BIGINT,
    reminded_at    BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX evaluation_waves_programme ON evaluation_waves (programme_id, opens_at);
CREATE INDEX evaluation_waves_due ON evaluation_waves (opens_at, closes_at);

-- One person asked to answer a wave. The link's token is stored only as its hash; the draft
-- is the respondent's own (nobody else reads it) and is cleared when they submit.
CREATE TABLE wave_invitations (
    id                TEXT PRIMARY KEY,
    wave_id           TEXT NOT NULL REFERENCES evaluation_waves (id) ON DELETE CASCADE,
    person_id         TEXT REFERENCES people (id) ON DELETE CASCADE,
    email             TEXT NOT NULL,
    -- participants, comparison, or a group the lead names (board, managers).
    respondent_group  TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    token_hash        TEXT NOT NULL,
    draft             TEXT,
    invited_at        BIGINT NOT NULL,
    reminded_at       BIGINT,
    responded_at      BIGINT
);
CREATE UNIQUE INDEX wave_invitations_token ON wave_invitations (token_hash);
CREATE UNIQUE INDEX wave_invitations_email ON wave_invitations (wave_id, email);
CREATE INDEX wave_invitations_wave ON wave_invitations (wave_id, respondent_group);

-- A submitted response. Only a named wave links it to its invitation; a pseudonymous one
-- carries the pseudonym; an anonymous one neither. Its id is random (not time-ordered) and
-- it keeps only the day it was sent, so it cannot be matched to an invitation's
-- responded_at.
CREATE TABLE wave_responses (
    id                 TEXT PRIMARY KEY,
    wave_id            TEXT NOT NULL REFERENCES evaluation_waves (id) ON DELETE CASCADE,
    invitation_id      TEXT REFERENCES wave_invitations (id) ON DELETE SET NULL,
    pseudonym          TEXT,
    respondent_group   TEXT NOT NULL,
    organisation_id    TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    answers            TEXT NOT NULL,
    free_text_consent  BOOLEAN NOT NULL,
    submitted_on       BIGINT NOT NULL
);
CREATE INDEX wave_responses_wave ON wave_responses (wave_id);
