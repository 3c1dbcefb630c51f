-- Two-step sign-in (RFC 6238 time-based codes) for password accounts. The secret is what the
-- person's authenticator app holds too; `last_step` makes each code work once. Recovery codes
-- are stored as SHA-256 hashes, each usable once.
CREATE TABLE two_factor (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- A sign-in between the password and the code: the browser holds the secret (hashed here).
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins (expires_at);
