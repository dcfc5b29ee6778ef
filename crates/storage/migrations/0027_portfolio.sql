-- The CPD portfolio (C10, issue 16): a tenant's own professional frameworks, and the evidence a
-- person tags against a framework's dimensions. Evidence is its author's alone: nothing here is
-- read for anyone but the person who tagged it.

-- A framework a tenant (the root organisation of a tree) added, as the TOML file it pasted.
-- The NHS Healthcare Leadership Model ships with Revans and has no row.
CREATE TABLE frameworks (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- The file's `id` (a key such as hcpc-standards), unique within the tenant.
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    source       TEXT NOT NULL,
    created_by   TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (tenant_id, key)
);

-- One piece of evidence: exactly one of the person's own diary entries, their own actions, or
-- a session they attended (a cohort session, a set meeting or a circle session), tagged against
-- a framework. Deleting the item deletes the evidence (the cascades).
CREATE TABLE portfolio_evidence (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The shipped framework's key, or a tenant framework's id (frameworks.id).
    framework       TEXT NOT NULL,
    diary_entry_id  TEXT REFERENCES diary_entries (id) ON DELETE CASCADE,
    action_id       TEXT REFERENCES actions (id) ON DELETE CASCADE,
    meeting_id      TEXT REFERENCES meetings (id) ON DELETE CASCADE,
    cohort_id       TEXT,
    cohort_ordinal  BIGINT,
    circle_id       TEXT,
    circle_ordinal  BIGINT,
    note            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    FOREIGN KEY (cohort_id, cohort_ordinal)
        REFERENCES cohort_sessions (cohort_id, ordinal) ON DELETE CASCADE,
    FOREIGN KEY (circle_id, circle_ordinal)
        REFERENCES circle_sessions (circle_id, ordinal) ON DELETE CASCADE,
    CHECK ((CASE WHEN diary_entry_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN action_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN cohort_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN circle_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE INDEX portfolio_evidence_person ON portfolio_evidence (person_id, created_at);
CREATE INDEX portfolio_evidence_framework ON portfolio_evidence (framework);
CREATE INDEX portfolio_evidence_diary ON portfolio_evidence (diary_entry_id);
CREATE INDEX portfolio_evidence_action ON portfolio_evidence (action_id);

-- The dimensions a piece of evidence is tagged with (keys of its framework's dimensions).
CREATE TABLE portfolio_evidence_dimensions (
    evidence_id    TEXT NOT NULL REFERENCES portfolio_evidence (id) ON DELETE CASCADE,
    dimension_key  TEXT NOT NULL,
    PRIMARY KEY (evidence_id, dimension_key)
);
