-- What a removed connection last pushed of each product's stock, by the channel's kind and
-- site (as channel_links keeps its orders). Adding the same site again starts from it: it
-- used to push every product's stock again, over what the site had sold meanwhile.
CREATE TABLE channel_stock_links (
    kind         TEXT NOT NULL,
    site         TEXT NOT NULL,
    sku          TEXT NOT NULL,
    external_id  TEXT,
    pushed_stock INTEGER,
    deleted      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, site, sku)
) STRICT;
