-- The generation of the search terms: one more each time an idea's terms are written, so that
-- ranked search results can be kept until the terms change.
CREATE TABLE search_generation (
    id INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO search_generation (id, generation) VALUES (1, 0);
