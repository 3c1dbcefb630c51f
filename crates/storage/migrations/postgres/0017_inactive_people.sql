-- The few people who are deactivated: a group's member count leaves them out without reading
-- every member's row (see `group_member_count`).
CREATE INDEX users_inactive ON users (id) WHERE NOT active;
