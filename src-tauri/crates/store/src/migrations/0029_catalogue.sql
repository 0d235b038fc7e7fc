-- The catalogue screen's fields (issue 14, point 2). The barcode is what a scanner reads (EAN-13
-- and the like), empty when the product has none; the weight is in grams, NULL when unknown so a
-- waybill leaves it blank instead of printing 0; an archived product stays for the orders that
-- name it but is no longer offered.
ALTER TABLE products ADD COLUMN barcode TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN weight_g INTEGER CHECK (weight_g >= 0);
ALTER TABLE products ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
CREATE INDEX products_barcode ON products (barcode) WHERE barcode <> '';
