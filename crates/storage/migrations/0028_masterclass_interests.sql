-- Masterclasses from interests (C10, issue 16). A member of a set, or someone booked on or who
-- attended a support circle, says what they would like a masterclass on; leads see the topics
-- counted across their organisation tree under the small-number rule, never who asked, and can
-- make a draft masterclass programme from a topic, Revans inviting the people who asked.

-- One person's interest in a topic, from one set or one circle (exactly one of the two).
CREATE TABLE masterclass_interests (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    set_id           TEXT REFERENCES action_sets (id) ON DELETE CASCADE,
    circle_id        TEXT REFERENCES circles (id) ON DELETE CASCADE,
    -- The organisation that runs the set's programme or the circle: leads count its tree.
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- Normalised: trimmed, lower case, single spaces (revans_domain::interest::InterestTopic).
    topic            TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    CHECK ((set_id IS NULL AND circle_id IS NOT NULL) OR (set_id IS NOT NULL AND circle_id IS NULL))
);
-- Once per person, topic and source.
CREATE UNIQUE INDEX masterclass_interests_once_per_set
    ON masterclass_interests (person_id, set_id, topic) WHERE set_id IS NOT NULL;
CREATE UNIQUE INDEX masterclass_interests_once_per_circle
    ON masterclass_interests (person_id, circle_id, topic) WHERE circle_id IS NOT NULL;
CREATE INDEX masterclass_interests_person ON masterclass_interests (person_id, created_at);
CREATE INDEX masterclass_interests_org_topic ON masterclass_interests (organisation_id, topic);

-- A topic a lead turned into a masterclass, per lead's organisation (the programme's owner).
CREATE TABLE masterclass_offers (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    topic            TEXT NOT NULL,
    programme_id     TEXT REFERENCES programmes (id) ON DELETE SET NULL,
    offered_at       BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, topic)
);

-- Who Revans invited, so each person is invited once per topic. Read only by Revans itself:
-- no screen, API or audit entry shows these rows to anyone.
CREATE TABLE masterclass_invitations (
    topic            TEXT NOT NULL,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    programme_id     TEXT REFERENCES programmes (id) ON DELETE SET NULL,
    sent_at          BIGINT NOT NULL,
    PRIMARY KEY (topic, person_id)
);
