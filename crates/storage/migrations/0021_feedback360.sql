-- 360-degree feedback (C9, issue 14): a participant's round is an evaluation wave about them.
-- Its raters (manager, peer, report) and the participant themself ('self') are its
-- invitations; its responses are anonymous and never part of the programme's results.
ALTER TABLE evaluation_waves ADD COLUMN subject_person_id TEXT REFERENCES people (id) ON DELETE CASCADE;
CREATE INDEX evaluation_waves_subject ON evaluation_waves (subject_person_id, created_at);

-- The instrument a programme's lead offers its participants for 360 feedback.
CREATE TABLE feedback_offers (
    programme_id   TEXT PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
    instrument_id  TEXT NOT NULL REFERENCES instruments (id) ON DELETE RESTRICT,
    offered_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    offered_at     BIGINT NOT NULL
);
