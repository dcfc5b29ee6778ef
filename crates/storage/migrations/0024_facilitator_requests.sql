-- Asking a pool facilitator to run a set or circle (C6, issue 15): the lead confirms a
-- proposal, the facilitator is emailed a link (its token stored only as SHA-256) and accepts
-- or declines. A replacement names whom the newcomer replaces. Exactly one of set_id and
-- circle_id is set.
CREATE TABLE facilitator_requests (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    set_id       TEXT REFERENCES action_sets (id) ON DELETE CASCADE,
    circle_id    TEXT REFERENCES circles (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The facilitator the newcomer replaces (replacement), or NULL (an extra facilitator).
    replaces_id  TEXT REFERENCES people (id) ON DELETE SET NULL,
    region_id    TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    asked_by     TEXT REFERENCES people (id) ON DELETE SET NULL,
    -- 'asked', then 'accepted' or 'declined' (each once, by a conditional UPDATE).
    status       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    answered_at  BIGINT,
    CHECK ((set_id IS NULL) <> (circle_id IS NULL))
);
CREATE INDEX facilitator_requests_set ON facilitator_requests (set_id, status);
CREATE INDEX facilitator_requests_circle ON facilitator_requests (circle_id, status);
CREATE INDEX facilitator_requests_person ON facilitator_requests (person_id, status);
