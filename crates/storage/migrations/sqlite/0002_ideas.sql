-- Ideas and their journey: product areas, releases, ideas with counts kept on the row,
-- the append-only event history, supports (per person, counted per organization), followers,
-- merge provenance, comments with their earlier versions.

CREATE TABLE product_areas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version TEXT NOT NULL UNIQUE,
    planned_date TEXT,
    released_date TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE ideas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    situation TEXT NOT NULL DEFAULT '',
    need TEXT NOT NULL,
    effect TEXT NOT NULL DEFAULT '',
    product_area_id BIGINT NOT NULL REFERENCES product_areas (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    author_org_id BIGINT REFERENCES organizations (id),
    erfa_group_id BIGINT REFERENCES community_groups (id),
    status TEXT NOT NULL,
    holder_group_id BIGINT REFERENCES community_groups (id),
    return_status TEXT,
    return_holder_id BIGINT REFERENCES community_groups (id),
    rank INTEGER,
    release_id BIGINT REFERENCES releases (id),
    merged_into BIGINT REFERENCES ideas (id),
    resolution TEXT NOT NULL DEFAULT '',
    review_date TEXT,
    support_count BIGINT NOT NULL DEFAULT 0,
    follower_count BIGINT NOT NULL DEFAULT 0,
    comment_count BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    status_changed_at BIGINT NOT NULL
);
CREATE INDEX ideas_status_created ON ideas (status, created_at);
CREATE INDEX ideas_created ON ideas (created_at);
CREATE INDEX ideas_holder_changed ON ideas (holder_group_id, status_changed_at);
CREATE INDEX ideas_changed ON ideas (status_changed_at);
CREATE INDEX ideas_support ON ideas (support_count);
CREATE INDEX ideas_erfa_group ON ideas (erfa_group_id);
CREATE INDEX ideas_author ON ideas (author_id);
CREATE INDEX ideas_author_org ON ideas (author_org_id);
CREATE INDEX ideas_area ON ideas (product_area_id);
CREATE INDEX ideas_release ON ideas (release_id);

CREATE TABLE idea_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    from_group_id BIGINT REFERENCES community_groups (id),
    to_group_id BIGINT REFERENCES community_groups (id),
    reason TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',
    meeting_id BIGINT,
    decision_id BIGINT
);
CREATE INDEX idea_events_idea ON idea_events (idea_id, id);
CREATE INDEX idea_events_at ON idea_events (at);

CREATE TABLE idea_supports (
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    at BIGINT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
);
CREATE INDEX idea_supports_org ON idea_supports (organization_id, idea_id);

CREATE TABLE idea_followers (
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    at BIGINT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
);
CREATE INDEX idea_followers_user ON idea_followers (user_id);

CREATE TABLE idea_provenance (
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    source_idea_id BIGINT NOT NULL REFERENCES ideas (id),
    PRIMARY KEY (idea_id, source_idea_id)
);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT REFERENCES organizations (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX comments_idea ON comments (idea_id, id);

CREATE TABLE comment_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    body TEXT NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX comment_revisions_comment ON comment_revisions (comment_id);
