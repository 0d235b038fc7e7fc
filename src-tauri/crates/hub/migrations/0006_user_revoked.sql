-- A user the administrator revoked: every device of theirs is refused and no new one is
-- made for them. Kept, not deleted: their ops stay in the shop's history under their name.
ALTER TABLE users ADD COLUMN revoked_at timestamptz;
