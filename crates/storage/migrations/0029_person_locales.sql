-- The language a person chose to read Revans in (C11). No row: the tenant's default, else
-- their browser's. A table of its own, as a person may choose a language and no time zone.
CREATE TABLE person_locales (
    person_id   TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    locale      TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
