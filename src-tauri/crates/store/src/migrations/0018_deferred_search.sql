-- A channel import writes thousands of orders in one transaction. FTS5 moves its pending
-- terms into a new on-disk segment at every statement savepoint, and each insert into
-- `orders` opens one (it fires triggers), so indexing names as orders arrive wrote one
-- segment per order. During an import the names wait in `pending_names` and go into the
-- index together before it commits (channel_orders.rs).
CREATE TABLE search_deferral (deferring INTEGER NOT NULL) STRICT;
INSERT INTO search_deferral (deferring) VALUES (0);

CREATE TABLE pending_names (
    number INTEGER PRIMARY KEY,
    name   TEXT NOT NULL
) STRICT;

DROP TRIGGER order_names_insert;

CREATE TRIGGER order_names_insert AFTER INSERT ON orders
WHEN (SELECT deferring FROM search_deferral) = 0 BEGIN
    INSERT INTO order_names (rowid, name)
    VALUES (new.number, replace(replace(new.customer_name, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER order_names_insert_deferred AFTER INSERT ON orders
WHEN (SELECT deferring FROM search_deferral) = 1 BEGIN
    INSERT INTO pending_names (number, name)
    VALUES (new.number, replace(replace(new.customer_name, 'ё', 'е'), 'Ё', 'Е'));
END;

-- An order renamed, renumbered or deleted before its name was indexed: `order_names_update`
-- indexes the new name itself, so the waiting one goes.
CREATE TRIGGER pending_names_update AFTER UPDATE OF customer_name, number ON orders BEGIN
    DELETE FROM pending_names WHERE number = old.number;
END;

CREATE TRIGGER pending_names_delete AFTER DELETE ON orders BEGIN
    DELETE FROM pending_names WHERE number = old.number;
END;
