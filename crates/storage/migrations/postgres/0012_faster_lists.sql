-- How many ideas are in each status, kept by the database itself: the idea list's total
-- ("18.395 idéer") then reads about a dozen rows instead of counting every visible idea on every
-- request. Triggers keep it, so every writer (the app, the seeder, an import) counts alike.
-- (pg_restore creates triggers after it has loaded the data, so a restore does not count twice.)
CREATE TABLE idea_status_counts (
    status TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO idea_status_counts (status, n) SELECT status, COUNT(*) FROM ideas GROUP BY status;

-- Every status has its row from the start, so that a move changes two existing rows in one
-- statement (in the index's order): two moves at once then wait for each other instead of locking
-- the rows in opposite orders. (Should larger transactions still deadlock, PostgreSQL ends one,
-- and it is answered as "try again", with nothing written.)
INSERT INTO idea_status_counts (status, n)
SELECT s, 0 FROM unnest(ARRAY['draft', 'submitted', 'forwarded', 'prioritized', 'in_assessment', 'needs_information',
    'accepted', 'planned', 'in_development', 'delivered', 'solved_by_configuration', 'declined', 'merged', 'parked',
    'withdrawn']) AS s
ON CONFLICT (status) DO NOTHING;

CREATE FUNCTION idea_status_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO idea_status_counts (status, n) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET n = idea_status_counts.n + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE idea_status_counts SET n = n - 1 WHERE status = OLD.status;
    ELSE
        INSERT INTO idea_status_counts (status, n) VALUES (NEW.status, 0) ON CONFLICT (status) DO NOTHING;
        UPDATE idea_status_counts SET n = n + CASE WHEN status = NEW.status THEN 1 ELSE -1 END
            WHERE status IN (OLD.status, NEW.status);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ideas_counted AFTER INSERT OR DELETE ON ideas
    FOR EACH ROW EXECUTE FUNCTION idea_status_counts_follow();
CREATE TRIGGER ideas_counted_on_move AFTER UPDATE OF status ON ideas
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION idea_status_counts_follow();

-- The group list names each group's coordinators: a few rows among thousands of members.
CREATE INDEX group_members_coordinators ON group_members (group_id) WHERE role = 'coordinator';

-- Each release's share of customer ideas counts its ideas by status from the index alone (the
-- figures page; at community size it read thousands of idea rows: 13 ms → 0.5 ms).
DROP INDEX ideas_release;
CREATE INDEX ideas_release_status ON ideas (release_id, status);

-- A list of one status sorted by support or by its last move reads in index order and stops
-- after a page (ideas in one status by support: 2.8 ms → 0.1 ms).
CREATE INDEX ideas_status_support ON ideas (status, support_count, id);
CREATE INDEX ideas_status_changed ON ideas (status, status_changed_at, id);
-- A group's queue is counted from the index alone.
CREATE INDEX ideas_holder_status ON ideas (holder_group_id, status, author_id);
