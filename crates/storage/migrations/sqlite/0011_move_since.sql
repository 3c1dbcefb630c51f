-- Each move remembers the move before it: when the idea entered the status it now leaves, and by
-- which move. The influence figures then count stage times and the tovholdergruppe's answers
-- from the period's own moves, without reading every idea's whole history.
ALTER TABLE idea_events ADD COLUMN since_at BIGINT;
ALTER TABLE idea_events ADD COLUMN since_kind TEXT;
UPDATE idea_events SET
    since_at = (SELECT p.at FROM idea_events p WHERE p.idea_id = idea_events.idea_id AND p.id < idea_events.id ORDER BY p.id DESC LIMIT 1),
    since_kind = (SELECT p.kind FROM idea_events p WHERE p.idea_id = idea_events.idea_id AND p.id < idea_events.id ORDER BY p.id DESC LIMIT 1);
-- The figures read a period's moves from this index alone (no table lookups).
CREATE INDEX idea_events_figures ON idea_events (at, from_status, to_status, kind, from_group_id, since_at, since_kind, idea_id);
