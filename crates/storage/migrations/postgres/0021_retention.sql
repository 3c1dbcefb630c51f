-- Personal data is kept only as long as it is needed (docs/PRIVACY.md). A housekeeping job
-- removes what has run out; each run is recorded once per period in job_runs, whose key makes
-- a second node's run of the same period do nothing.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    period TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (job, period)
);

-- A person's sign-ins, which the person sees on their profile (to notice one that was not
-- theirs); removed after the retention period.
CREATE TABLE sign_ins (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at BIGINT NOT NULL
);
CREATE INDEX sign_ins_user ON sign_ins (user_id, at);
CREATE INDEX sign_ins_at ON sign_ins (at);

-- What the job looks for, so that it reads only what has run out.
CREATE INDEX notifications_read ON notifications (read_at) WHERE read_at IS NOT NULL;
CREATE INDEX outbox_kept_subject ON outbox (created_at) WHERE subject IS NOT NULL OR last_error IS NOT NULL;
CREATE INDEX invitations_expires ON invitations (expires_at);
CREATE INDEX login_failures_at ON login_failures (at);
