-- Single sign-on with OpenID Connect (issue 17). Portable SQL: BIGINT millisecond times, TEXT ids.

-- A sign-in begun at a provider and not yet finished. Only the SHA-256 of its `state` is kept
-- (the browser holds the state itself), with the nonce and PKCE verifier the callback needs.
-- A row is consumed once (consumed_at), so a replayed callback finds nothing to finish, and
-- is useless after 10 minutes.
CREATE TABLE sso_pending_logins (
    state_hash     TEXT PRIMARY KEY,
    provider_id    TEXT NOT NULL,
    nonce          TEXT NOT NULL,
    pkce_verifier  TEXT NOT NULL,
    next_path      TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    consumed_at    BIGINT
);
CREATE INDEX sso_pending_logins_created ON sso_pending_logins (created_at);

-- Who a provider's account is here: the (issuer, subject) pair the provider vouches for,
-- linked to a person the first time they sign in with it.
CREATE TABLE sso_links (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    provider_id TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_links_person ON sso_links (person_id);
