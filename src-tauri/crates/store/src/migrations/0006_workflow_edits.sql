-- The administrator edits the workflow. A removed stage keeps its row (orders still point at
-- it and their history names it) and is marked removed; orders in it are flagged until moved.
ALTER TABLE stages ADD COLUMN removed_at INTEGER;

-- Bumped in the same transaction as every change to the shop's settings, so the writer can
-- keep the settings it validates against in memory and still never use stale ones.
INSERT INTO meta (key, value) VALUES ('settings_rev', '1')
ON CONFLICT (key) DO NOTHING;
