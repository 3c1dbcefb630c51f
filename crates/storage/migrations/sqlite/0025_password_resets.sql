-- "Glemt adgangskode": a link by mail to choose a new password. The link is the row's id and an
-- HMAC over it with the installation's link key (see LinkSigner::reset_token), so nothing secret
-- is stored; it works once, for a short time, and only the newest one of a person works.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX password_resets_expires ON password_resets (expires_at);

-- The mail that carries the link.
ALTER TABLE outbox ADD COLUMN password_reset_id BIGINT REFERENCES password_resets (id) ON DELETE CASCADE;
