-- Queues and search that stay fast on a shop with a million orders (see `cargo xtask bench`).

-- Orders per stage, kept by triggers: counting a stage of 900,000 done orders on every queue
-- refresh would scan its whole index.
CREATE TABLE stage_order_counts (
    stage_id TEXT PRIMARY KEY,
    count    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO stage_order_counts (stage_id, count)
SELECT stage_id, COUNT(*) FROM orders GROUP BY stage_id;

CREATE TRIGGER stage_order_counts_insert AFTER INSERT ON orders BEGIN
    INSERT INTO stage_order_counts (stage_id, count) VALUES (new.stage_id, 1)
    ON CONFLICT (stage_id) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER stage_order_counts_delete AFTER DELETE ON orders BEGIN
    UPDATE stage_order_counts SET count = count - 1 WHERE stage_id = old.stage_id;
END;

CREATE TRIGGER stage_order_counts_move AFTER UPDATE OF stage_id ON orders
WHEN old.stage_id IS NOT new.stage_id BEGIN
    UPDATE stage_order_counts SET count = count - 1 WHERE stage_id = old.stage_id;
    INSERT INTO stage_order_counts (stage_id, count) VALUES (new.stage_id, 1)
    ON CONFLICT (stage_id) DO UPDATE SET count = count + 1;
END;

-- A queue page in the queue's own order (orders without a deadline last), read straight
-- from the index instead of sorting the whole stage.
CREATE INDEX orders_stage_page ON orders (stage_id, deadline IS NULL, deadline, stage_entered_at);

-- "The last digits of the phone": the last four find a handful of rows, the full tail
-- filters them.
CREATE INDEX orders_phone_tail ON orders (substr(phone, -4));
