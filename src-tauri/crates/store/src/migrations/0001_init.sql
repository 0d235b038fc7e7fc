-- Released migrations are never edited: change the schema by adding 0002_….sql.
-- Instants are Unix milliseconds (UTC); money is integer kopecks; quantities thousandths.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE stages (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('normal', 'final', 'cancelled')),
    time_limit_ms INTEGER,
    clock_paused  INTEGER NOT NULL DEFAULT 0,
    -- JSON arrays of method names; NULL admits every method.
    route_delivery TEXT,
    route_payment  TEXT
) STRICT;

CREATE TABLE customers (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT
) STRICT;

CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE products (
    id       TEXT PRIMARY KEY,
    sku      TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    unit     TEXT NOT NULL,
    price    INTEGER NOT NULL CHECK (price >= 0),
    vat_rate TEXT NOT NULL,
    location TEXT NOT NULL,
    stock    INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
    id               TEXT PRIMARY KEY,
    number           INTEGER NOT NULL UNIQUE,
    channel          TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    -- Copied from the customer when the order is taken: the queue lists them without a join,
    -- and the order keeps what the customer gave for this purchase.
    customer_name    TEXT NOT NULL,
    phone            TEXT NOT NULL,
    email            TEXT,
    address          TEXT NOT NULL,
    delivery         TEXT NOT NULL,
    payment          TEXT NOT NULL,
    stage_id         TEXT NOT NULL REFERENCES stages (id),
    stage_entered_at INTEGER NOT NULL,
    deadline         INTEGER,
    subtotal         INTEGER NOT NULL CHECK (subtotal >= 0),
    discount         INTEGER NOT NULL CHECK (discount >= 0),
    delivery_cost    INTEGER NOT NULL CHECK (delivery_cost >= 0),
    total            INTEGER NOT NULL CHECK (total >= 0),
    comment          TEXT,
    created_at       INTEGER NOT NULL
) STRICT;

-- The stage queue: one stage's orders by deadline, then by time of entry.
CREATE INDEX orders_stage_queue ON orders (stage_id, deadline, stage_entered_at);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_phone ON orders (phone);

CREATE TABLE order_lines (
    order_id   TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    product_id TEXT REFERENCES products (id),
    sku        TEXT NOT NULL,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity >= 0),
    price      INTEGER NOT NULL CHECK (price >= 0),
    amount     INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
) STRICT;

CREATE INDEX order_lines_product ON order_lines (product_id);

-- Every operation: the outbox for sync (hub_seq is NULL until the hub accepts it) and the
-- audit log (who, which device, when, before → after).
CREATE TABLE ops (
    id         TEXT PRIMARY KEY,
    device_id  TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    order_id   TEXT,
    payload    TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    hub_seq    INTEGER,
    UNIQUE (device_id, device_seq)
) STRICT;

CREATE INDEX ops_order ON ops (order_id, at);
CREATE INDEX ops_pending ON ops (device_seq) WHERE hub_seq IS NULL;
