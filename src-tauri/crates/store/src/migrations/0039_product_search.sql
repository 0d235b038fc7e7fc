-- The product picker (issue 15, point 7) finds a product by any part of its name, SKU or
-- barcode as the manager types: trigrams, so «ax55» is found inside «RT-AX55» and «0011»
-- inside a barcode, without reading the whole catalogue on every key.
--
-- The index is contentless and keyed by an integer: `products` has a TEXT primary key, and
-- its implicit rowid may change on VACUUM, so each product gets a key of its own here.
CREATE TABLE product_keys (
    key        INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL UNIQUE
) STRICT;

-- The picker lists matches by name and stops at its limit: read in this order, a common
-- letter or word does not sort the whole catalogue first.
CREATE INDEX products_name ON products (name, sku) WHERE archived = 0;

-- What the search finds, ё folded to е (the trigram tokenizer folds case itself).
CREATE VIRTUAL TABLE product_search USING fts5(
    search,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

INSERT INTO product_keys (product_id) SELECT id FROM products ORDER BY name;
INSERT INTO product_search (rowid, search)
SELECT k.key, replace(replace(p.name || '  ' || p.sku || '  ' || p.barcode, 'ё', 'е'), 'Ё', 'Е')
FROM product_keys k JOIN products p ON p.id = k.product_id;

CREATE TRIGGER product_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_keys (product_id) VALUES (new.id);
    INSERT INTO product_search (rowid, search)
    SELECT key, replace(replace(new.name || '  ' || new.sku || '  ' || new.barcode,
        'ё', 'е'), 'Ё', 'Е')
    FROM product_keys WHERE product_id = new.id;
END;

-- Stock and prices change far more often than names: only a change of what is searched
-- re-indexes the product (a channel's update names every column whether it changed or not).
CREATE TRIGGER product_search_update AFTER UPDATE OF id, name, sku, barcode ON products
WHEN old.id IS NOT new.id OR old.name IS NOT new.name OR old.sku IS NOT new.sku
  OR old.barcode IS NOT new.barcode BEGIN
    DELETE FROM product_search
    WHERE rowid = (SELECT key FROM product_keys WHERE product_id = old.id);
    UPDATE product_keys SET product_id = new.id WHERE product_id = old.id;
    INSERT INTO product_search (rowid, search)
    SELECT key, replace(replace(new.name || '  ' || new.sku || '  ' || new.barcode,
        'ё', 'е'), 'Ё', 'Е')
    FROM product_keys WHERE product_id = new.id;
END;

CREATE TRIGGER product_search_delete AFTER DELETE ON products BEGIN
    DELETE FROM product_search
    WHERE rowid = (SELECT key FROM product_keys WHERE product_id = old.id);
    DELETE FROM product_keys WHERE product_id = old.id;
END;
