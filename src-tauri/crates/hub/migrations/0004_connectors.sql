-- Shops whose channel connectors run on this hub (`orderdesk-hub connector enable`): the
-- worker signs in as `device_id`, whose token is in the shop's private secret file under
-- the hub's data directory, never here.
CREATE TABLE connector_workers (
    shop_id    uuid PRIMARY KEY REFERENCES shops (id),
    device_id  uuid NOT NULL REFERENCES devices (id),
    enabled_at timestamptz NOT NULL DEFAULT now()
);
