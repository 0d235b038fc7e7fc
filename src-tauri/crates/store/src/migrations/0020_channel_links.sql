-- The orders of a removed connection, by the channel's kind, site and own id: adding the same
-- site (or marketplace account) again re-links them instead of importing each a second time.
-- `site` is the address without scheme or trailing slash, lower case (see channel_rows.rs).
CREATE TABLE channel_links (
    kind        TEXT NOT NULL,
    site        TEXT NOT NULL,
    external_id TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    PRIMARY KEY (kind, site, external_id)
) STRICT;

-- The channel's own order number, searched for as the manager reads it off the site.
CREATE INDEX channel_orders_external ON channel_orders (external_id);
