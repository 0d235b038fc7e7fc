-- Search and queue indexes.
--
-- Customer names go into FTS5 as a normalised copy: unicode61 folds case (Cyrillic too) but
-- not ё to е, so both are written as е here and in queries. The order number is the rowid:
-- it is unique and, unlike an implicit rowid, survives VACUUM.
CREATE VIRTUAL TABLE order_names USING fts5(
    name,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61'
);

INSERT INTO order_names (rowid, name)
SELECT number, replace(replace(customer_name, 'ё', 'е'), 'Ё', 'Е') FROM orders;

CREATE TRIGGER order_names_insert AFTER INSERT ON orders BEGIN
    INSERT INTO order_names (rowid, name)
    VALUES (new.number, replace(replace(new.customer_name, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER order_names_delete AFTER DELETE ON orders BEGIN
    DELETE FROM order_names WHERE rowid = old.number;
END;

CREATE TRIGGER order_names_update AFTER UPDATE OF customer_name, number ON orders BEGIN
    DELETE FROM order_names WHERE rowid = old.number;
    INSERT INTO order_names (rowid, name)
    VALUES (new.number, replace(replace(new.customer_name, 'ё', 'е'), 'Ё', 'Е'));
END;

-- E-mail search is case-insensitive; addresses are ASCII, which SQLite's lower() covers.
CREATE INDEX orders_email ON orders (lower(email)) WHERE email IS NOT NULL;
-- The overdue scan: orders not yet alerted, by deadline.
CREATE INDEX orders_unalerted ON orders (deadline) WHERE alerted_at IS NULL;
CREATE INDEX orders_created ON orders (created_at);
