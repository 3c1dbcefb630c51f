-- Prioritization rounds: the ballot's ideas, and one ballot per voter (an erfagruppe or a
-- municipality) with its points or ranks, replaced as a whole when the voter votes again.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL,
    budget INTEGER NOT NULL DEFAULT 0,
    voters TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    decision_id BIGINT REFERENCES decisions (id)
);

CREATE TABLE round_ideas (
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    PRIMARY KEY (round_id, idea_id)
);

CREATE TABLE ballots (
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    voter_label TEXT NOT NULL,
    cast_by BIGINT REFERENCES users (id),
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (round_id, voter_key)
);

CREATE TABLE ballot_entries (
    round_id BIGINT NOT NULL,
    voter_key TEXT NOT NULL,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    value INTEGER NOT NULL,
    PRIMARY KEY (round_id, voter_key, idea_id),
    FOREIGN KEY (round_id, voter_key) REFERENCES ballots (round_id, voter_key) ON DELETE CASCADE
);
