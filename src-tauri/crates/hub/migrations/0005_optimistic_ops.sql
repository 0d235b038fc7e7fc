-- Order ops are judged without a row lock: a write applies only if the order's `rev` is
-- still the one judged on, else the op is judged again (push.rs).
ALTER TABLE orders ADD COLUMN rev bigint NOT NULL DEFAULT 0;

-- Numbering moves out of the wide `ops` rows into narrow tables, so the sequencer inserts and
-- deletes small rows instead of writing a new copy of every op (and of every new order, to
-- put its number in the JSON).
--
-- Committed ops the sequencer has not numbered yet, in arrival order: written in the op's
-- own transaction, deleted by the numbering that takes them.
CREATE TABLE op_queue (
    arrival bigint PRIMARY KEY DEFAULT nextval('op_arrival'),
    shop_id uuid NOT NULL,
    op_id   uuid NOT NULL,
    -- The order this op creates, which gets the shop's next order number.
    creates uuid
);

-- The shop's history: each numbered op's place and, for a new order, its number, which a
-- pull puts into the op's JSON.
CREATE TABLE op_log (
    shop_id uuid   NOT NULL,
    seq     bigint NOT NULL,
    op_id   uuid   NOT NULL,
    number  bigint,
    PRIMARY KEY (shop_id, seq),
    UNIQUE (shop_id, op_id)
);

-- New orders' numbers (orders numbered before this migration carry theirs in `body`).
CREATE TABLE order_numbers (
    shop_id  uuid   NOT NULL,
    order_id uuid   NOT NULL,
    number   bigint NOT NULL,
    PRIMARY KEY (shop_id, order_id)
);

-- What was numbered keeps its place (its number is already in its JSON); what was not waits.
INSERT INTO op_log (shop_id, seq, op_id)
    SELECT shop_id, seq, id FROM ops WHERE seq IS NOT NULL;
INSERT INTO op_queue (arrival, shop_id, op_id, creates)
    SELECT arrival, shop_id, id, creates FROM ops WHERE seq IS NULL;

DROP INDEX ops_unnumbered;
DROP INDEX ops_shop_seq;
ALTER TABLE ops ALTER COLUMN arrival DROP DEFAULT, ALTER COLUMN arrival DROP NOT NULL;

-- The hub never looks inside an op or an order in SQL: it reads them whole into Rust. As
-- `json` (checked, kept as sent) instead of `jsonb` (parsed into a binary tree on every
-- write) they cost a fraction of the CPU per write, which the push path spends per op.
ALTER TABLE ops ALTER COLUMN envelope TYPE json USING envelope::json;
ALTER TABLE orders ALTER COLUMN body TYPE json USING body::json;
