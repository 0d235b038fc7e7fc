-- The packages (грузовые места) an order's goods were packed into, counted at the pick and
-- printed on the transport waybill; NULL until counted. Set by the set_places op.
ALTER TABLE orders ADD COLUMN places INTEGER;
