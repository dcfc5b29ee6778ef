-- Records and certificates (C10, issue 16): attendance at a cohort's own sessions, the lead's
-- exceptions to its completion rule, and the certificates issued on completion.

-- Attendance at a cohort's sessions (the programme's days, not set meetings), recorded by a
-- lead or a facilitator of the cohort. A session with no row for someone is not yet recorded.
CREATE TABLE cohort_session_attendance (
    cohort_id    TEXT NOT NULL,
    ordinal      BIGINT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    present      BOOLEAN NOT NULL,
    recorded_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, ordinal, person_id),
    FOREIGN KEY (cohort_id, ordinal) REFERENCES cohort_sessions (cohort_id, ordinal) ON DELETE CASCADE
);
CREATE INDEX cohort_session_attendance_person ON cohort_session_attendance (person_id);

-- A lead's decision that a participant has completed although the attendance rule says not
-- (a make-up session elsewhere, say). The reason is kept; the change is also in the audit log.
CREATE TABLE completion_exceptions (
    cohort_id    TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    recorded_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, person_id)
);

-- A certificate of completion. What it certifies is copied in when it is issued, so the
-- verification page says what the PDF says even if the programme is edited later.
CREATE TABLE certificates (
    id               TEXT PRIMARY KEY,
    -- The verification code printed on the certificate and in its QR code: random, unguessable.
    code             TEXT NOT NULL UNIQUE,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    cohort_id        TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    holder_name      TEXT NOT NULL,
    tenant_name      TEXT NOT NULL,
    programme_title  TEXT NOT NULL,
    cohort_name      TEXT NOT NULL,
    -- The cohort's first and last session days, YYYY-MM-DD in the cohort's zone.
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    completed_on     TEXT NOT NULL,
    cpd_minutes      BIGINT NOT NULL,
    -- The programme's learning outcomes, a JSON list of strings.
    outcomes         TEXT NOT NULL,
    -- True when the lead recorded an exception rather than the attendance rule being met.
    by_exception     BOOLEAN NOT NULL,
    issued_at        BIGINT NOT NULL,
    -- NULL when Revans issued it on completion; the lead otherwise.
    issued_by        TEXT REFERENCES people (id) ON DELETE SET NULL,
    revoked_at       BIGINT,
    revoked_by       TEXT REFERENCES people (id) ON DELETE SET NULL,
    revoked_reason   TEXT,
    UNIQUE (person_id, cohort_id)
);
CREATE INDEX certificates_cohort ON certificates (cohort_id);
