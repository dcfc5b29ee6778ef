-- A sponsor's decision on an application (issue 11): who decided, and, when they declined,
-- when and why. An approval keeps its time in sponsor_approved_at as before.
ALTER TABLE applications ADD COLUMN sponsor_decided_by TEXT REFERENCES people (id) ON DELETE SET NULL;
ALTER TABLE applications ADD COLUMN sponsor_declined_at BIGINT;
ALTER TABLE applications ADD COLUMN sponsor_reason TEXT;

-- An application's page reads its history of decisions from the audit log.
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
