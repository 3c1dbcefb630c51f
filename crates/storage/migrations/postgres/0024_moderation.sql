-- Moderation: a moderator (given by an administrator) removes a passage of citizen data that
-- got into an idea, a comment, minutes or a decision, everywhere it is kept; or hides a whole
-- comment. Each redaction is recorded without the text it removed.
ALTER TABLE users ADD COLUMN is_moderator BOOLEAN NOT NULL DEFAULT FALSE;

-- The moderation log: who removed a passage (and in how many stored texts), or hid or showed a
-- comment, and why; never the text removed.
CREATE TABLE moderations (
    id BIGSERIAL PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('redact', 'hide', 'show')),
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    moderator_id BIGINT REFERENCES users (id),
    reason TEXT NOT NULL,
    replaced BIGINT NOT NULL DEFAULT 0,
    at BIGINT NOT NULL
);
CREATE INDEX moderations_target ON moderations (target_kind, target_id);
CREATE INDEX moderations_at ON moderations (at);

ALTER TABLE comments ADD COLUMN hidden_at BIGINT;
ALTER TABLE comments ADD COLUMN hidden_by BIGINT REFERENCES users (id);
