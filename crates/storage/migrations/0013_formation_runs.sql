-- Forming a cohort's sets as a background job (issue 13): one row per run, written by the
-- worker as the engine reports (best score so far, rounds, elapsed) and read by the lead's
-- progress page. The formation itself is written only when the run finishes, in one
-- transaction with the row turning 'done'.
CREATE TABLE formation_runs (
    id              TEXT PRIMARY KEY,
    cohort_id       TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    started_by      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The address the lead started it from, for the audit entry written when it finishes.
    started_ip      TEXT NOT NULL,
    -- queued, running, cancelling (asked to stop; the worker stops at its next look),
    -- cancelled, done, failed.
    status          TEXT NOT NULL,
    -- The lead's rules (JSON, as formation_rules.rules), run as they were when started.
    input           TEXT NOT NULL,
    budget_ms       BIGINT NOT NULL,
    best            DOUBLE PRECISION,
    rounds          BIGINT NOT NULL,
    elapsed_ms      BIGINT NOT NULL,
    sets_formed     BIGINT,
    error           TEXT,
    started_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX formation_runs_cohort ON formation_runs (cohort_id, started_at);
-- Two leads cannot form one cohort at once: at most one unfinished run per cohort. Partial
-- unique indexes work alike on SQLite and PostgreSQL.
CREATE UNIQUE INDEX formation_runs_one_active ON formation_runs (cohort_id)
    WHERE status IN ('queued', 'running', 'cancelling');
