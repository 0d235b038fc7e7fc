-- The search box finds an order by any word of its customer's name, e-mail or address (a
-- street, a city) and by the beginning of a SKU on its lines, not only by the name.
--
-- The words go into the existing `order_names` index as one text per order (name, e-mail,
-- address): a second FTS table would cost every new order a second index write, and a
-- manager searching «Ленина» wants the orders to that street whichever field holds it.
-- unicode61 splits «alena.petrova@mail.ru» into alena / petrova / mail / ru.

DROP TRIGGER order_names_insert;
DROP TRIGGER order_names_insert_deferred;
DROP TRIGGER order_names_update;
DROP TRIGGER pending_names_update;

CREATE TRIGGER order_names_insert AFTER INSERT ON orders
WHEN (SELECT deferring FROM search_deferral) = 0 BEGIN
    INSERT INTO order_names (rowid, name)
    VALUES (new.number, replace(replace(
        new.customer_name || ' ' || coalesce(new.email, '') || ' ' || new.address,
        'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER order_names_insert_deferred AFTER INSERT ON orders
WHEN (SELECT deferring FROM search_deferral) = 1 BEGIN
    INSERT INTO pending_names (number, name)
    VALUES (new.number, replace(replace(
        new.customer_name || ' ' || coalesce(new.email, '') || ' ' || new.address,
        'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER order_names_update AFTER UPDATE OF customer_name, email, address, number
ON orders
-- Every write of an order names its address (order_rows.rs); re-indexing it then would cost
-- each operation an index delete and insert for nothing, so only a real change counts.
WHEN old.customer_name IS NOT new.customer_name OR old.email IS NOT new.email
  OR old.address IS NOT new.address OR old.number IS NOT new.number BEGIN
    DELETE FROM order_names WHERE rowid = old.number;
    INSERT INTO order_names (rowid, name)
    VALUES (new.number, replace(replace(
        new.customer_name || ' ' || coalesce(new.email, '') || ' ' || new.address,
        'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER pending_names_update AFTER UPDATE OF customer_name, email, address, number
ON orders
WHEN old.customer_name IS NOT new.customer_name OR old.email IS NOT new.email
  OR old.address IS NOT new.address OR old.number IS NOT new.number BEGIN
    DELETE FROM pending_names WHERE number = old.number;
END;

-- Re-index every order with its new text. Contentless: the old texts cannot be read back,
-- so the index is emptied and written again.
INSERT INTO order_names (order_names) VALUES ('delete-all');
INSERT INTO order_names (rowid, name)
SELECT number, replace(replace(
    customer_name || ' ' || coalesce(email, '') || ' ' || address, 'ё', 'е'), 'Ё', 'Е')
FROM orders;

-- SKU search by its beginning, whatever the case: LIKE 'ab%' reads a NOCASE index.
CREATE INDEX order_lines_sku ON order_lines (sku COLLATE NOCASE);
