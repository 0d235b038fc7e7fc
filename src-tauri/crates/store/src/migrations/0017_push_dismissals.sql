-- The admin may dismiss a failed marketplace action: it stays in the queue's history as
-- 'stopped', with who dismissed it, when and why. A retry resets it to pending instead.
ALTER TABLE channel_pushes ADD COLUMN dismissed_by TEXT;
ALTER TABLE channel_pushes ADD COLUMN dismissed_reason TEXT;
ALTER TABLE channel_pushes ADD COLUMN dismissed_at INTEGER;

-- The fulfilment models a marketplace connection works in (JSON array: "fbs", "rfbs", "dbs"),
-- chosen in the trigger editor; no row: every model the marketplace has.
CREATE TABLE channel_market_models (
    connection_id TEXT PRIMARY KEY REFERENCES channel_connections (id) ON DELETE CASCADE,
    models        TEXT NOT NULL
) STRICT;
