-- Support circles (C7, issue 15): one-off sessions or short series on a topic, open without
-- nomination to staff of every organisation in a region (a tenant's tree), with a minimum and a
-- maximum number of places, one or two facilitators from the pool, virtual or in person.
CREATE TABLE circles (
    id                TEXT PRIMARY KEY,
    -- The region (tenant) whose staff may book.
    region_id         TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- The organisation that runs it (the calendar filters by it).
    organisation_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- Set when the circle is a session of a programme's cohort; NULL when it stands alone.
    cohort_id         TEXT REFERENCES cohorts (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    -- Lower-case topic tags separated by commas: 'burnout,hybrid-working'.
    topics            TEXT NOT NULL,
    min_places        BIGINT NOT NULL,
    max_places        BIGINT NOT NULL,
    -- Places taken. Only ever changed by conditional UPDATEs that keep it within max_places,
    -- so concurrent bookings can never overbook (the cohorts.confirmed pattern).
    booked            BIGINT NOT NULL,
    -- 'virtual' with a link, or 'in_person' with a place.
    delivery_mode     TEXT NOT NULL,
    delivery_detail   TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    -- The sweep decides (confirm, cancel or offer a merge) this many hours before the first
    -- session; bookings may be cancelled until cancel_hours before it.
    confirm_hours     BIGINT NOT NULL,
    cancel_hours      BIGINT NOT NULL,
    -- 'draft' (only leads see it), 'published' (open for booking), 'confirmed' (reached its
    -- minimum), 'cancelled', or 'merged' (its bookings moved to merged_into).
    status            TEXT NOT NULL,
    merged_into       TEXT REFERENCES circles (id) ON DELETE SET NULL,
    -- When the minimum-size sweep decided, and when it offered the lead a merge instead.
    decided_at        BIGINT,
    merge_offered_at  BIGINT,
    -- Counts calendar changes (RFC 5545 SEQUENCE).
    sequence          BIGINT NOT NULL,
    created_by        TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    CONSTRAINT circles_within_places CHECK (booked >= 0 AND booked <= max_places),
    CHECK (min_places >= 1 AND min_places <= max_places)
);
CREATE INDEX circles_region_status ON circles (region_id, status);

-- A circle's sessions (one for a one-off, several for a series).
CREATE TABLE circle_sessions (
    circle_id    TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    ordinal      BIGINT NOT NULL,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT NOT NULL,
    reminded_at  BIGINT,
    PRIMARY KEY (circle_id, ordinal),
    CHECK (ends_at > starts_at)
);
CREATE INDEX circle_sessions_starts ON circle_sessions (starts_at);

CREATE TABLE circle_facilitators (
    circle_id  TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (circle_id, person_id)
);
CREATE INDEX circle_facilitators_person ON circle_facilitators (person_id);

-- A place: 'booked', 'waiting' (in order of waiting_since), 'offered' (a freed place held for
-- them until offer_expires_at), or 'cancelled'. One live row per person and circle.
CREATE TABLE circle_bookings (
    id                TEXT PRIMARY KEY,
    circle_id         TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    person_id         TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status            TEXT NOT NULL,
    waiting_since     BIGINT,
    offer_expires_at  BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX circle_bookings_one_live
    ON circle_bookings (circle_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX circle_bookings_person ON circle_bookings (person_id, status);
CREATE INDEX circle_bookings_queue ON circle_bookings (circle_id, status, waiting_since);

-- Attendance at each session, recorded by a facilitator.
CREATE TABLE circle_attendance (
    circle_id    TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    ordinal      BIGINT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    present      BOOLEAN NOT NULL,
    recorded_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (circle_id, ordinal, person_id)
);
