-- The tovholdergruppe's priority list: the ideas with a rank, in order, read whenever a rank
-- is set or an idea leaves the list.
CREATE INDEX ideas_ranked ON ideas (rank, id) WHERE rank IS NOT NULL;
