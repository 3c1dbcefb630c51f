-- Drafts are private, so their search terms are written only when they are submitted; the
-- search then needs no join to hide them.
DELETE FROM idea_terms WHERE idea_id IN (SELECT id FROM ideas WHERE status = 'draft');

-- A covering index for ranking: a term range gives (idea, weight) without touching the table.
DROP INDEX idea_terms_term;
CREATE INDEX idea_terms_lookup ON idea_terms (term, idea_id, weight);

-- Lists page through ideas in these orders; the id breaks ties and makes the order total.
DROP INDEX ideas_created;
DROP INDEX ideas_support;
DROP INDEX ideas_changed;
CREATE INDEX ideas_created_id ON ideas (created_at, id);
CREATE INDEX ideas_support_id ON ideas (support_count, id);
CREATE INDEX ideas_changed_id ON ideas (status_changed_at, id);
