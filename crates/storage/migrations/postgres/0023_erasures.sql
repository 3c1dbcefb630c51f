-- The people who were erased, by id only: nothing in it says who they were. A restore of a
-- backup taken before an erasure applies the erasures listed here again (idespor restore).
CREATE TABLE erasures (
    user_id BIGINT PRIMARY KEY,
    erased_at BIGINT NOT NULL
);
