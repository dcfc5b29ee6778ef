-- Events with choices (C8, issue 18): an immersion event's host organisations, each
-- participant's ranking of them (and what they need on the day), and the allocation of visits
-- to time slots made by revans-events.

-- One per immersion event programme: how many slots, when rankings close, the last allocation.
CREATE TABLE event_plans (
    programme_id       TEXT PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
    slots              BIGINT NOT NULL CHECK (slots BETWEEN 1 AND 24),
    rankings_close_at  BIGINT NOT NULL,
    -- The last allocation: when, its sum of squared ranks and the proven lower bound (equal
    -- when it is proven optimal). NULL before the first run.
    allocated_at       BIGINT,
    objective          BIGINT,
    bound              BIGINT,
    -- When the lead published the allocation to participants and hosts.
    published_at       BIGINT,
    updated_at         BIGINT NOT NULL
);

-- A host organisation with places per slot; min applies only if the host opens.
CREATE TABLE event_hosts (
    id                 TEXT PRIMARY KEY,
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    description        TEXT NOT NULL,
    address            TEXT NOT NULL,
    min_per_slot       BIGINT NOT NULL CHECK (min_per_slot >= 0),
    max_per_slot       BIGINT NOT NULL CHECK (max_per_slot >= 1 AND max_per_slot >= min_per_slot),
    -- The host's contact, who sees only their own visitors' names and needs.
    contact_person_id  TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at         BIGINT NOT NULL,
    UNIQUE (programme_id, name)
);
CREATE INDEX event_hosts_contact ON event_hosts (contact_person_id);

-- A participant's submitted choices for an event: what they need on the day.
CREATE TABLE event_choices (
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    needs              TEXT NOT NULL,
    submitted_at       BIGINT NOT NULL,
    PRIMARY KEY (programme_id, person_id)
);

-- Their ranking: 1 = most wanted, no two hosts the same rank.
CREATE TABLE event_rankings (
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    host_id            TEXT NOT NULL REFERENCES event_hosts (id) ON DELETE CASCADE,
    rank               BIGINT NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (programme_id, person_id, host_id),
    UNIQUE (programme_id, person_id, rank)
);

-- The allocation: one host per person per slot (slots numbered from 1).
CREATE TABLE event_visits (
    programme_id       TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    slot               BIGINT NOT NULL CHECK (slot >= 1),
    host_id            TEXT NOT NULL REFERENCES event_hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, person_id, slot)
);
CREATE INDEX event_visits_host ON event_visits (host_id, slot);
