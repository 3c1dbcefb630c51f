-- A person's copy of their data: asked for on the profile or over the API, gathered by a
-- background job (claimed by one node), downloaded once by its owner within 7 days, then gone.
CREATE TABLE data_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'building', 'ready', 'used')),
    requested_at BIGINT NOT NULL,
    claimed_at BIGINT,
    ready_at BIGINT,
    expires_at BIGINT NOT NULL,
    data TEXT
);
-- One export in the making or waiting per person: asked for twice at once, made once.
CREATE UNIQUE INDEX data_exports_open ON data_exports (user_id) WHERE status <> 'used';
CREATE INDEX data_exports_status ON data_exports (status, requested_at);
CREATE INDEX data_exports_expires ON data_exports (expires_at);
