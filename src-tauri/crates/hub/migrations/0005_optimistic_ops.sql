-- Order ops are judged without a row lock: a write applies only if the order's `rev` is
-- still the one judged on, else the op is judged again (push.rs).
ALTER TABLE orders ADD COLUMN rev bigint NOT NULL DEFAULT 0;

-- The sequencer's order numbers, kept beside the JSON instead of rewritten into it: a
-- narrow update per op rather than a new copy of each envelope and order body. Rows
-- numbered before this migration carry their number inside the JSON, and these stay NULL.
ALTER TABLE orders ADD COLUMN number bigint;
ALTER TABLE ops ADD COLUMN number bigint;
