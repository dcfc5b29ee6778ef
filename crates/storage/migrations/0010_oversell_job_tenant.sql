-- The address a job concerns (an email's recipient, a password reset request's address). A
-- programme lead sees the dead letters of the people in their organisations through it
-- (joined to people and up the organisation tree), and no one else's. Older jobs have none
-- and stay on the command line only (`revans jobs failed`).
ALTER TABLE jobs ADD COLUMN recipient TEXT;
CREATE INDEX jobs_recipient ON jobs (recipient);
