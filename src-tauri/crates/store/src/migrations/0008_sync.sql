-- Sync with a team hub (orderdesk-hub).

-- The version a money edit was made on (domain::VersionRef as JSON), pushed with the op so
-- the hub can refuse it when another PC changed the bill meanwhile.
ALTER TABLE ops ADD COLUMN based_on TEXT;

-- Remote ops are looked up by their place in the shop's history.
CREATE INDEX ops_hub_seq ON ops (hub_seq) WHERE hub_seq IS NOT NULL;

-- The order as the hub has it, kept only while this desk has ops on it the hub has not
-- applied yet: the local row is this plus those ops, and is rebuilt from it whenever the
-- hub's picture moves. body NULL: the order is not on the hub (yet).
CREATE TABLE sync_base (
    order_id   TEXT PRIMARY KEY,
    body       TEXT,
    version_op TEXT
) STRICT;

-- The hub's refusals of this desk's ops, with the order as the hub had it, for the author.
CREATE TABLE sync_rejections (
    op_id    TEXT PRIMARY KEY REFERENCES ops (id),
    order_id TEXT,
    kind     TEXT NOT NULL,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL,
    current  TEXT,
    at       INTEGER NOT NULL
) STRICT;
