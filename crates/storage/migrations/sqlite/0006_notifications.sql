-- In-app notifications: what happened to an idea, for each person it concerns. Written in the
-- same transaction as the move or comment that causes it.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    actor_id BIGINT REFERENCES users (id),
    move_kind TEXT,
    to_status TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
