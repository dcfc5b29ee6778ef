-- Facilitators (C6, issue 15): what a facilitator brings, their qualifications, the region's pool
-- they opt in to, when they can facilitate and when they are away. A region is a tenant (the
-- root organisation, e.g. a leadership academy); its organisations are the tree below it. The
-- sets and circles a facilitator has run are read from set_facilitators and
-- circle_facilitators, never typed. Days are ISO `YYYY-MM-DD` text; times are milliseconds.

-- Eligibility evidence and background, written by the facilitator.
CREATE TABLE facilitator_profiles (
    person_id           TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    -- Years of group facilitation.
    years_facilitating  BIGINT NOT NULL,
    -- 'not_yet', 'somewhat', 'confident' or 'very_confident' facilitating online.
    online_confidence   TEXT NOT NULL,
    -- The languages they facilitate in, as lower-case codes separated by commas ('en,de').
    languages           TEXT NOT NULL,
    -- Training they have had, in their words.
    training_history    TEXT NOT NULL,
    updated_at          BIGINT NOT NULL,
    CHECK (years_facilitating >= 0)
);

-- A qualification: typed by the facilitator (with evidence), or awarded by completing a cohort
-- of a programme that awards one (then cohort_id says which, once per person and cohort).
CREATE TABLE facilitator_qualifications (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    -- e.g. 'Introductory', 'Level 5'.
    level        TEXT NOT NULL,
    awarded_on   TEXT NOT NULL,
    expires_on   TEXT,
    -- A link to the evidence or a note of where it is kept; '' when none.
    evidence     TEXT NOT NULL,
    cohort_id    TEXT REFERENCES cohorts (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX facilitator_qualifications_person ON facilitator_qualifications (person_id, awarded_on);
CREATE UNIQUE INDEX facilitator_qualifications_one_award
    ON facilitator_qualifications (person_id, cohort_id) WHERE cohort_id IS NOT NULL;

-- A programme that trains facilitators names the qualification its completers gain.
ALTER TABLE programmes ADD COLUMN awards_qualification TEXT;
ALTER TABLE programmes ADD COLUMN awards_level TEXT;

-- A facilitator in a region's pool. Leads of every organisation in the region see the pool.
CREATE TABLE pool_members (
    person_id             TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The region: the tenant whose pool this is.
    region_id             TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- Where they work, for "not from a member's organisation".
    home_organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- At most this many sets and circles at once.
    capacity              BIGINT NOT NULL,
    -- Whether they will facilitate for organisations other than their own.
    outside_own_org       BOOLEAN NOT NULL,
    -- The zone their weekly availability is written in (IANA name).
    timezone              TEXT NOT NULL,
    joined_at             BIGINT NOT NULL,
    -- Set when they leave the pool; the row stays so past proposals still read.
    left_at               BIGINT,
    PRIMARY KEY (person_id, region_id),
    CHECK (capacity >= 1)
);
CREATE INDEX pool_members_region ON pool_members (region_id, left_at);

-- When a pool member can facilitate: weekday (1 = Monday .. 7 = Sunday) and minutes after
-- midnight in the member's time zone.
CREATE TABLE pool_availability (
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    region_id    TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    weekday      BIGINT NOT NULL,
    from_minute  BIGINT NOT NULL,
    to_minute    BIGINT NOT NULL,
    PRIMARY KEY (person_id, region_id, weekday, from_minute),
    CHECK (weekday >= 1 AND weekday <= 7),
    CHECK (from_minute >= 0 AND to_minute <= 1440 AND to_minute > from_minute)
);

-- Days a facilitator is away. No last day means unavailable from the first day until they say
-- otherwise (the replacement case). No reason is kept.
CREATE TABLE facilitator_absences (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    first_day    TEXT NOT NULL,
    last_day     TEXT,
    recorded_by  TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX facilitator_absences_person ON facilitator_absences (person_id, first_day);
