-- Single sign-on with OpenID Connect.
--
-- A sign-in begun at a provider, until the provider sends the person back: the state (hashed;
-- it names the attempt and works once), the PKCE verifier and nonce the token must match, and
-- the browser that began it (hashed), so that a response meant for another browser is refused.
CREATE TABLE sso_attempts (
    state_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sso_attempts_expires ON sso_attempts (expires_at);

-- A person's identity at a provider (the provider's stable subject), linked to one person.
CREATE TABLE sso_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_sign_in_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);

-- An organization whose people must sign in through their provider (no password sign-in).
ALTER TABLE organizations ADD COLUMN sso_required BOOLEAN NOT NULL DEFAULT FALSE;

-- The provider a session came from, so that signing out can end the provider's session too.
ALTER TABLE sessions ADD COLUMN sso_provider TEXT;
