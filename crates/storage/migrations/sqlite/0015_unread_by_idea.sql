-- A person's unread notifications about one idea: opening the idea marks them read, and most
-- idea pages are opened with none, which this finds without reading the person's others.
CREATE INDEX notifications_unread_idea ON notifications (user_id, idea_id) WHERE read_at IS NULL;
