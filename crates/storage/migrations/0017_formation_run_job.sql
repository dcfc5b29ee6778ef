-- The job that runs each formation run (issue 13). A job that fails on every attempt (say its
-- worker was killed three times) is given up; the sweep then ends its run as failed, so the
-- cohort is not left "being formed" for ever and the lead can start again.
ALTER TABLE formation_runs ADD COLUMN job_id TEXT;
CREATE INDEX formation_runs_job ON formation_runs (job_id);
