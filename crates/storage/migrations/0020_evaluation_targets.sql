-- Evaluation targets (issue 14, C9): at scoping a programme's lead records what the programme
-- should change (a measure, its baseline, the target value and the date it should be met by);
-- at the end the measured value is recorded beside it and the final report states both.
--
-- Numbers are scaled integers: the value times 10,000 (four decimal places) in a BIGINT. They
-- are exact (no binary floating point: 0.1 stays 0.1), compare as integers, and read the same
-- through sqlx's Any driver on SQLite and PostgreSQL (NUMERIC is not portable through it).
-- Dates are ISO `YYYY-MM-DD` text, like `actions.due_on`: a civil date, no zone.
CREATE TABLE evaluation_targets (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    programme_id     TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    measure          TEXT NOT NULL,
    unit             TEXT,
    baseline         BIGINT NOT NULL,
    target_value     BIGINT NOT NULL,
    target_date      TEXT NOT NULL,
    measured_value   BIGINT,
    measured_on      TEXT,
    measured_note    TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);

CREATE INDEX evaluation_targets_programme ON evaluation_targets (programme_id, target_date, id);
