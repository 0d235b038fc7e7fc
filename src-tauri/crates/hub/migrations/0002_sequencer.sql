-- Ops commit without a shop-wide lock and are numbered afterwards by the sequencer
-- (sequencer.rs), so concurrent pushes share PostgreSQL's WAL flushes instead of queueing on
-- the shop row through each commit's fsync.

-- Taken inside the op's transaction after the order's row lock: for two ops on one order,
-- the later one always has the larger arrival, so numbering by arrival keeps their order.
CREATE SEQUENCE op_arrival;

ALTER TABLE ops DROP CONSTRAINT ops_pkey;
ALTER TABLE ops ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE ops ADD COLUMN arrival bigint NOT NULL DEFAULT nextval('op_arrival');
-- The order a CreateOrder op made: the sequencer gives it its number.
ALTER TABLE ops ADD COLUMN creates uuid;
CREATE UNIQUE INDEX ops_shop_seq ON ops (shop_id, seq);
CREATE INDEX ops_unnumbered ON ops (arrival) WHERE seq IS NULL;
