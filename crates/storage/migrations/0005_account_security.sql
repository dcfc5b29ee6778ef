-- Account security (issue 9). Portable SQL: BIGINT millisecond times, TEXT ids.

-- API tokens expire. Tokens made before this migration get the default lifetime (90 days)
-- from their creation, so none is left without an end.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 7776000000 WHERE expires_at = 0;

-- Sign-in failures are counted per (account, address) pair.
CREATE INDEX sign_in_attempts_email_ip ON sign_in_attempts (email, ip, at);

-- When an account's owner was last told about repeated failed sign-ins (one notice a day).
CREATE TABLE sign_in_notices (
    person_id  TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    sent_at    BIGINT NOT NULL
);

-- Every password reset request, whether or not the address has an account, so requests can
-- be limited per client address and the request path does the same work either way. The
-- requested email address is not kept here (it travels only in the job that handles it).
CREATE TABLE password_reset_requests (
    id  TEXT PRIMARY KEY,
    ip  TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX password_reset_requests_ip ON password_reset_requests (ip, at);
