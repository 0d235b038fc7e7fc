-- Sales-channel connections (WooCommerce, МойСклад, 1C). Credentials are never stored here:
-- they live in the OS keyring under the connection's id.

CREATE TABLE channel_connections (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    base_url   TEXT NOT NULL,
    -- JSON of the connector's settings (auth scheme, schedule, method maps); no secrets.
    settings   TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- Channel status <-> our stage, and which side is master of that status.
CREATE TABLE channel_status_map (
    connection_id  TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    channel_status TEXT NOT NULL,
    stage_id       TEXT NOT NULL,
    master         TEXT NOT NULL CHECK (master IN ('channel', 'desk')),
    PRIMARY KEY (connection_id, channel_status)
) STRICT;

CREATE TABLE channel_state (
    connection_id    TEXT PRIMARY KEY REFERENCES channel_connections (id) ON DELETE CASCADE,
    orders_synced_at INTEGER,
    -- The channel's own "modified after" cursor, in the channel's format.
    orders_cursor    TEXT,
    stock_synced_at  INTEGER,
    stock_cursor     TEXT,
    imported         INTEGER NOT NULL DEFAULT 0,
    updated          INTEGER NOT NULL DEFAULT 0,
    pushed           INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    last_error_at    INTEGER,
    -- Set when the channel refused our keys: no calls until the admin fixes and resumes.
    paused_reason    TEXT
) STRICT;

-- One row per order the channel knows, keyed by the channel's id: importing twice finds the
-- row and never creates a second order. `order_id` is NULL when the order could not be taken
-- in (e.g. no lines); the row and its problem stay visible instead of the order being lost.
CREATE TABLE channel_orders (
    connection_id   TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    external_id     TEXT NOT NULL,
    order_id        TEXT,
    remote_status   TEXT NOT NULL,
    -- The channel's last-modified instant as we last saw it (ms): a push is made only when
    -- the channel has not changed since, so a stale status never overwrites a newer one.
    remote_modified INTEGER NOT NULL,
    pushed_status   TEXT,
    flags           TEXT NOT NULL DEFAULT '[]',
    problem         TEXT,
    imported_at     INTEGER NOT NULL,
    PRIMARY KEY (connection_id, external_id)
) STRICT;
CREATE UNIQUE INDEX channel_orders_order ON channel_orders (order_id, connection_id)
    WHERE order_id IS NOT NULL;

-- Stock last sent to a channel per SKU, so only changed products are pushed.
CREATE TABLE channel_stock (
    connection_id TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    sku           TEXT NOT NULL,
    external_id   TEXT,
    pushed_stock  INTEGER,
    -- The channel said the product is gone; it is not pushed again until relinked.
    deleted       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (connection_id, sku)
) STRICT;

-- Webhook deliveries already taken in: a redelivery is answered 200 and ignored.
CREATE TABLE channel_deliveries (
    connection_id TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    delivery_id   TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (connection_id, delivery_id)
) STRICT;
