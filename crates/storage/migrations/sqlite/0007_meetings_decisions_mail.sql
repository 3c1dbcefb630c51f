-- The way back: meetings with agendas, attendees and minutes; decisions that move ideas and
-- travel down to every erfagruppe; notification preferences; the e-mail outbox; the instance
-- secret that signs unsubscribe and feed links.

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id BIGINT NOT NULL REFERENCES community_groups (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    minutes_approved_at BIGINT,
    minutes_approved_by BIGINT REFERENCES users (id),
    cancelled_at BIGINT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_group_start ON meetings (group_id, starts_at);
CREATE INDEX meetings_start ON meetings (starts_at);

-- Invited people; `attended` is NULL until the attendance is recorded after the meeting.
CREATE TABLE meeting_attendees (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    guest BOOLEAN NOT NULL DEFAULT FALSE,
    attended BOOLEAN,
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_attendees_user ON meeting_attendees (user_id, meeting_id);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id BIGINT NOT NULL REFERENCES community_groups (id),
    meeting_id BIGINT REFERENCES meetings (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX decisions_group ON decisions (group_id, decided_at);
CREATE INDEX decisions_at ON decisions (decided_at);
CREATE INDEX decisions_meeting ON decisions (meeting_id);

-- The ideas a decision concerns, and the move it made on each (NULL: mentioned, not moved).
CREATE TABLE decision_ideas (
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    move_kind TEXT,
    PRIMARY KEY (decision_id, idea_id)
);
CREATE INDEX decision_ideas_idea ON decision_ideas (idea_id);

-- A steering decision travels to every erfagruppe: one row per group, presented or not yet.
CREATE TABLE decision_presentations (
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES community_groups (id),
    presented_at BIGINT,
    presented_by BIGINT REFERENCES users (id),
    meeting_id BIGINT REFERENCES meetings (id),
    PRIMARY KEY (decision_id, group_id)
);
CREATE INDEX decision_presentations_group ON decision_presentations (group_id, presented_at);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    idea_id BIGINT REFERENCES ideas (id),
    decision_id BIGINT REFERENCES decisions (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- Notifications may now be about a meeting or a decision instead of an idea.
CREATE TABLE notifications_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    idea_id BIGINT REFERENCES ideas (id),
    actor_id BIGINT REFERENCES users (id),
    move_kind TEXT,
    to_status TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE CASCADE,
    decision_id BIGINT REFERENCES decisions (id) ON DELETE CASCADE,
    change TEXT
);
INSERT INTO notifications_v2 (id, user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, read_at)
    SELECT id, user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v2 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_created ON notifications (created_at, user_id);

-- How each person wants each kind of news: immediate, daily, weekly (the default) or off.
CREATE TABLE notification_preferences (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    cadence TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Mail to send. Written in the same transaction as the change it tells of; `dedupe_key` makes
-- a digest or a notification mail exist once however many processes enqueue it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT NOT NULL UNIQUE,
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    notification_id BIGINT REFERENCES notifications (id) ON DELETE CASCADE,
    period_start BIGINT,
    period_end BIGINT,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until BIGINT,
    last_error TEXT,
    subject TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Per-installation secrets (the key that signs unsubscribe and feed links), made once.
CREATE TABLE instance_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Bumping a person's generation invalidates their earlier feed links.
CREATE TABLE feed_keys (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    generation BIGINT NOT NULL
);
