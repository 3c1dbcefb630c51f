-- What a release carries besides customers' ideas (legislation, the vendor's own initiatives),
-- so that the roadmap's share of customer ideas is honest.
CREATE TABLE release_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    release_id BIGINT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX release_items_release ON release_items (release_id);
