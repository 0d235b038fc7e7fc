-- order_versions was a WITHOUT ROWID table, whose rows live in index pages. A version's row
-- holds the order's whole content (half a KB to a KB and a half of JSON), and an index page
-- keeps at most about 1,000 bytes of a row in its cell: on the generated shop of 1,000,000
-- orders nearly every row spilled to an overflow page of its own. SQLite compares an
-- overflowing index key whole, reading its overflow page into a fresh buffer, at every
-- step of a search, so finding or adding one version (every price, discount or delivery
-- edit does both) took over a quarter of the writer's time per operation, and the table took
-- 4.4 GB of the 6 GB file. As a rowid table the content sits in table pages and the key
-- (order_id, number) in a small index of its own.
CREATE TABLE order_versions_by_rowid (
    order_id   TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    -- NULL for versions imported with the order.
    op_id      TEXT,
    total      INTEGER NOT NULL,
    -- Empty when the version's op keeps the content in its `after` snapshot.
    content    TEXT NOT NULL,
    PRIMARY KEY (order_id, number)
) STRICT;

INSERT INTO order_versions_by_rowid
    (order_id, number, created_at, actor_id, actor_name, op_id, total, content)
SELECT order_id, number, created_at, actor_id, actor_name, op_id, total, content
FROM order_versions ORDER BY order_id, number;

DROP TABLE order_versions;
ALTER TABLE order_versions_by_rowid RENAME TO order_versions;
