-- One schema for SQLite and PostgreSQL. Portable SQL only: identifiers are UUID text made by
-- the application, times are BIGINT milliseconds since the Unix epoch (UTC), flags BOOLEAN.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_id   TEXT REFERENCES organisations (id) ON DELETE RESTRICT,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (name);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE people (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    email            TEXT NOT NULL,
    name             TEXT NOT NULL,
    password_hash    TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_email_key ON people (email);
CREATE INDEX people_organisation ON people (organisation_id);

-- A role is held within one organisation (an admin of an ICS administers its members too).
CREATE TABLE role_grants (
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role             TEXT NOT NULL,
    granted_at       BIGINT NOT NULL,
    PRIMARY KEY (person_id, organisation_id, role)
);

-- Sessions live in the database so several app instances share them.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

-- Emailed single-use tokens: password resets and invitations.
CREATE TABLE email_tokens (
    token_hash   TEXT PRIMARY KEY,
    purpose      TEXT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE INDEX email_tokens_person ON email_tokens (person_id);

CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE sign_in_attempts (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    ip          TEXT NOT NULL,
    succeeded   BOOLEAN NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, at);

-- Append-only: the storage layer offers no update or delete for it.
CREATE TABLE audit_log (
    id            TEXT PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_id      TEXT,
    actor_name    TEXT NOT NULL,
    action        TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    detail        TEXT NOT NULL,
    ip            TEXT NOT NULL,
    organisation_id TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Background jobs (outgoing email first). Enqueued in the same transaction as the change.
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    run_at        BIGINT NOT NULL,
    attempts      BIGINT NOT NULL,
    max_attempts  BIGINT NOT NULL,
    locked_by     TEXT,
    locked_until  BIGINT,
    last_error    TEXT,
    done_at       BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);
