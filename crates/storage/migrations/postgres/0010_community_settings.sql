-- Settings the community's own groups keep (e.g. the tovholdergruppe's target for answering a
-- forwarded idea), by name.
CREATE TABLE community_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    changed_by BIGINT REFERENCES users (id),
    changed_at BIGINT NOT NULL
);
