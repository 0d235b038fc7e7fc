-- The site's delivery methods as its orders' shipping lines carry them, so the admin can map
-- every one of them, also a plugin's that the site's method list does not name. `method_key`
-- is the line's `method_id`, or `method_id:instance_id` for an instance of a shipping zone.
CREATE TABLE channel_shipping_methods (
    connection_id TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    method_key    TEXT NOT NULL,
    title         TEXT NOT NULL,
    -- The site's id of the last order seen with it.
    last_order    TEXT NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    PRIMARY KEY (connection_id, method_key)
) STRICT;
