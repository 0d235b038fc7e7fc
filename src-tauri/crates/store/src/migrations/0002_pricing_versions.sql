-- Pricing (VAT per line, discounts, tariffs), drafts and versions, payments, calls, roles
-- and overdue alerts. Values a new shop starts with (tariffs, transitions, stage
-- responsibilities) are written by Store::open from the domain's templates, not here.

ALTER TABLE orders ADD COLUMN delivery_zone TEXT;
ALTER TABLE orders ADD COLUMN window_from INTEGER;
ALTER TABLE orders ADD COLUMN window_to INTEGER;
ALTER TABLE orders ADD COLUMN delivery_vat TEXT NOT NULL DEFAULT 'vat22';
-- The order discount as given (JSON of domain::Discount); `discount` keeps every discount
-- applied, in kopecks, for lists that must not price each order again.
ALTER TABLE orders ADD COLUMN order_discount TEXT NOT NULL DEFAULT '{"kind":"none"}';
ALTER TABLE orders ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE orders ADD COLUMN published_version INTEGER;
ALTER TABLE orders ADD COLUMN confirmed_version INTEGER;
ALTER TABLE orders ADD COLUMN original_total INTEGER NOT NULL DEFAULT 0;
-- Σ payments, kept beside `total` so "paid / unpaid" filters need no join.
ALTER TABLE orders ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;
-- When the overdue alert for the current stage entry was raised; reset on entering a stage.
ALTER TABLE orders ADD COLUMN alerted_at INTEGER;

UPDATE orders SET
    original_total = total,
    order_discount = CASE WHEN discount > 0
        THEN json_object('kind', 'amount', 'value', discount)
        ELSE order_discount END;

ALTER TABLE order_lines ADD COLUMN id TEXT;
ALTER TABLE order_lines ADD COLUMN vat_rate TEXT NOT NULL DEFAULT 'vat22';
ALTER TABLE order_lines ADD COLUMN discount TEXT NOT NULL DEFAULT '{"kind":"none"}';

-- Lines from before this migration get random v4-shaped ids.
UPDATE order_lines SET id =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
    substr(lower(hex(randomblob(2))), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
    lower(hex(randomblob(6)));
UPDATE order_lines SET vat_rate = COALESCE(
    (SELECT p.vat_rate FROM products p WHERE p.id = order_lines.product_id AND p.vat_rate <> 'shop'),
    'vat22');
CREATE UNIQUE INDEX order_lines_id ON order_lines (id);

ALTER TABLE ops ADD COLUMN actor_role TEXT NOT NULL DEFAULT 'admin';

ALTER TABLE stages ADD COLUMN responsible_roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stages ADD COLUMN responsible_users TEXT NOT NULL DEFAULT '[]';

-- Moves allowed per role; NULL stage = any. The administrator needs no rows.
CREATE TABLE stage_transitions (
    role       TEXT NOT NULL,
    from_stage TEXT,
    to_stage   TEXT
) STRICT;

CREATE TABLE delivery_tariffs (
    method    TEXT NOT NULL,
    zone      TEXT,
    cost      INTEGER NOT NULL CHECK (cost >= 0),
    free_from INTEGER
) STRICT;

-- Append-only: a payment is never edited or deleted.
CREATE TABLE payments (
    id       TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    amount   INTEGER NOT NULL CHECK (amount > 0),
    method   TEXT NOT NULL,
    at       INTEGER NOT NULL,
    note     TEXT
) STRICT;
CREATE INDEX payments_order ON payments (order_id, at);

CREATE TABLE calls (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    started_at   INTEGER NOT NULL,
    ended_at     INTEGER NOT NULL,
    outcome      TEXT NOT NULL,
    call_back_at INTEGER,
    note         TEXT
) STRICT;
CREATE INDEX calls_order ON calls (order_id, started_at);

-- Immutable: one row per saved change of what the customer is charged for.
CREATE TABLE order_versions (
    order_id   TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    -- NULL for versions imported with the order.
    op_id      TEXT,
    total      INTEGER NOT NULL,
    content    TEXT NOT NULL,
    PRIMARY KEY (order_id, number)
) STRICT, WITHOUT ROWID;

-- Events for the sales channels (a published version for the customer), delivered later.
CREATE TABLE channel_events (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
) STRICT;
CREATE INDEX channel_events_pending ON channel_events (created_at) WHERE delivered_at IS NULL;
