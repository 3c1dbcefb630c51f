-- The community's structure, people, sign-in and the audit trail.
-- Times are UTC seconds since the epoch (BIGINT on PostgreSQL), shown in Europe/Copenhagen.

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('municipality', 'region', 'vendor')),
    name TEXT NOT NULL,
    official_name TEXT NOT NULL,
    code TEXT UNIQUE,
    cvr TEXT,
    region_id BIGINT REFERENCES organizations (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX organizations_kind ON organizations (kind);
CREATE INDEX organizations_region ON organizations (region_id);

CREATE TABLE community_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('erfa', 'steering', 'product')),
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    region_id BIGINT REFERENCES organizations (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE group_organizations (
    group_id BIGINT NOT NULL REFERENCES community_groups (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, organization_id)
);
CREATE INDEX group_organizations_org ON group_organizations (organization_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id),
    language TEXT NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users (organization_id);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL REFERENCES community_groups (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('member', 'coordinator')),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX invitations_user ON invitations (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    details TEXT NOT NULL DEFAULT 'null'
);
CREATE INDEX audit_log_at ON audit_log (at);
