-- A group's members by role, with the person: the group page counts its ~1,000 members without
-- reading each membership row (0.28 → 0.16 ms on the community's largest erfagruppe).
CREATE INDEX group_members_role ON group_members (group_id, role, user_id);
