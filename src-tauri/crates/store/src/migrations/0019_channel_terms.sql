-- A channel's order keeps the channel's delivery charge (a change of goods does not reprice
-- it by our tariff) and its refunds, which are payments out: negative amounts.
ALTER TABLE orders ADD COLUMN delivery_fixed INTEGER NOT NULL DEFAULT 0;

-- SQLite cannot drop a CHECK, so the table is made again with `amount <> 0`.
CREATE TABLE payments_0019 (
    id       TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    amount   INTEGER NOT NULL CHECK (amount <> 0),
    method   TEXT NOT NULL,
    at       INTEGER NOT NULL,
    note     TEXT
) STRICT;
INSERT INTO payments_0019 (id, order_id, amount, method, at, note)
    SELECT id, order_id, amount, method, at, note FROM payments;
DROP TABLE payments;
ALTER TABLE payments_0019 RENAME TO payments;
CREATE INDEX payments_order ON payments (order_id, at);
