-- When the desk learnt the channel's current status of each order (the import that first saw
-- it, or our own push). A status push for a move made before that is the manager acting on an
-- older status — the site cancelled the order, the import of the same exchange recorded it,
-- then the manager's earlier "done" would go out over it — and is refused and flagged.
-- Orders recorded before this migration have none: their pushes keep the older check alone.
ALTER TABLE channel_orders ADD COLUMN status_seen_at INTEGER;
