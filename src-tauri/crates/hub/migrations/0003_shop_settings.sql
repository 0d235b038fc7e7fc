-- Shop settings and the catalogue travel between PCs as shop ops (domain::ShopOp): judged
-- here like order ops, numbered in the same history.

-- What the shop ops change. `workflow` overrides shops.settings->'workflow' (the template the
-- shop was made with) once an administrator has edited it; `requisites` is domain::Requisites.
CREATE TABLE shop_settings (
    shop_id    uuid PRIMARY KEY REFERENCES shops (id),
    workflow   jsonb,
    requisites jsonb
);

-- The catalogue: a domain::Product per row, replaced whole by each set_product op.
CREATE TABLE products (
    shop_id uuid NOT NULL REFERENCES shops (id),
    id      uuid NOT NULL,
    body    jsonb NOT NULL,
    PRIMARY KEY (shop_id, id)
);

-- The push path's foreign keys go. Each accepted op's inserts checked ops → shops,
-- ops → devices and orders → shops: three more queries per op, each locking the one shop
-- row FOR KEY SHARE from every concurrent op transaction, so PostgreSQL built a multixact
-- per op. These columns are written only from the authenticated device (auth.rs), whose
-- shop and device rows are never deleted (a device is revoked, not removed), so the
-- references hold by construction.
ALTER TABLE ops DROP CONSTRAINT ops_shop_id_fkey, DROP CONSTRAINT ops_device_id_fkey;
ALTER TABLE orders DROP CONSTRAINT orders_shop_id_fkey;
