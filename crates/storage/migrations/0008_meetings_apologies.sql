-- Apologies a member sends before a meeting (issue 11): the facilitator sees them in the
-- attendance list. Withdrawing them deletes the row.
CREATE TABLE meeting_apologies (
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    note        TEXT NOT NULL,
    sent_at     BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- Someone marked as having left a published set: which membership ended and which accepted
-- application (their place) was withdrawn with it, so the lead can undo the change exactly.
CREATE TABLE set_leavers (
    membership_id   TEXT PRIMARY KEY REFERENCES set_members (id) ON DELETE CASCADE,
    application_id  TEXT,
    left_at         BIGINT NOT NULL,
    recorded_by     TEXT NOT NULL REFERENCES people (id)
);
