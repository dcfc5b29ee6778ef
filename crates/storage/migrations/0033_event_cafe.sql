-- Cafe conversations at an immersion event (C8, issue 18): guest leaders each host a table;
-- in every round each participant sits at one table, never with the same guest twice while
-- there are enough guests, and meeting as few of the same people again as revans-events can.

-- A guest leader, entered by the event's lead (not an account).
CREATE TABLE event_cafe_guests (
    id                 TEXT PRIMARY KEY,
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    -- What they lead, as participants read it ("Chief nurse, Harbour Trust").
    role               TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    UNIQUE (programme_id, name)
);

-- The rota last made: its rounds, repeated pairs and the lower bound on them.
CREATE TABLE event_cafe_rotas (
    programme_id       TEXT PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
    rounds             BIGINT NOT NULL CHECK (rounds >= 1),
    repeats            BIGINT NOT NULL,
    lower_bound        BIGINT NOT NULL,
    made_at            BIGINT NOT NULL
);

-- Who sits with which guest in each round (rounds numbered from 1).
CREATE TABLE event_cafe_seats (
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    round_no           BIGINT NOT NULL CHECK (round_no >= 1),
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    guest_id           TEXT NOT NULL REFERENCES event_cafe_guests (id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, round_no, person_id)
);
CREATE INDEX event_cafe_seats_person ON event_cafe_seats (person_id);
