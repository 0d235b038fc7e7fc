-- The queue's index (stage, deadline IS NULL, deadline, entry) serves every read the older
-- (stage, deadline, entry) one did: the overdue counts and lists name `(deadline IS NULL) = 0`
-- beside `deadline < ?`, and a stage's orders sort by the same columns (so they now list the
-- orders without a deadline last, as the queue always did). Kept, the older index
-- cost every move of an order between stages a page in the WAL (about one in eight of what an
-- operation wrote, core bench `wal_frames_by_tree`), and every imported order an entry.
DROP INDEX orders_stage_queue;
