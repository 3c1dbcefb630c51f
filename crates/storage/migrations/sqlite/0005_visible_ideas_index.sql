-- Every idea list counts the ideas a person may see (not others' drafts); this index answers
-- that count without reading the ideas' text.
CREATE INDEX ideas_visible ON ideas (status, author_id);
