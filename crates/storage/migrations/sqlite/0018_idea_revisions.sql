-- An idea's earlier wording: when its author changes an idea others can see, the text it had
-- until then is kept here (the current text stays in `ideas`), with who changed it and when.
CREATE TABLE idea_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    role TEXT NOT NULL,
    situation TEXT NOT NULL,
    need TEXT NOT NULL,
    effect TEXT NOT NULL,
    product_area_id BIGINT REFERENCES product_areas (id),
    replaced_at BIGINT NOT NULL,
    replaced_by BIGINT REFERENCES users (id)
);
CREATE INDEX idea_revisions_idea ON idea_revisions (idea_id, id);
