-- Documents: the shop's requisites printed on every paper, and invoice numbers.

-- One row: the shop as it signs its papers. Checked by the docs crate before it is saved.
CREATE TABLE shop_requisites (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    name               TEXT NOT NULL,
    inn                TEXT NOT NULL,
    kpp                TEXT NOT NULL,
    ogrn               TEXT NOT NULL,
    address            TEXT NOT NULL,
    phone              TEXT NOT NULL,
    bank_name          TEXT NOT NULL,
    bic                TEXT NOT NULL,
    settlement_account TEXT NOT NULL,
    corr_account       TEXT NOT NULL,
    director           TEXT NOT NULL,
    accountant         TEXT NOT NULL,
    updated_at         INTEGER NOT NULL
) STRICT;

-- An order's invoice number, given once and never reused. Numbers count per device prefix
-- and year («А-2026-0001»), so two PCs numbering offline never collide (see invoices.rs).
-- No foreign key with cascade: an issued number must outlive anything done to the order.
CREATE TABLE invoices (
    order_id  TEXT PRIMARY KEY,
    prefix    TEXT NOT NULL,
    year      INTEGER NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq > 0),
    number    TEXT NOT NULL UNIQUE,
    issued_at INTEGER NOT NULL,
    op_id     TEXT NOT NULL,
    UNIQUE (prefix, year, seq)
) STRICT;
