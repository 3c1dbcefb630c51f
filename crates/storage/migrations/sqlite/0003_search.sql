-- Danish full-text search: each idea's stems with the weight of their best place (title 3,
-- need 2, other fields 1). Queries match stems by prefix through the (term) index; the
-- comparison must be bytewise, which is SQLite's default and "C" collation on PostgreSQL.
CREATE TABLE idea_terms (
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    term TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (idea_id, term)
);
CREATE INDEX idea_terms_term ON idea_terms (term, idea_id);
