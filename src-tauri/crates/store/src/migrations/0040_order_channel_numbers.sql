-- The channel's own number of an order («Заказ №10301» on the site), as the op that made the
-- order carries it. Only the desk that runs a connector keeps the channel's link
-- (channel_orders); every desk of a team records the op, so every desk can search by the
-- number and show it on the card. No foreign key: a team desk may write it in the same
-- transaction as the order, and a row left by an order the hub refused finds nothing.
CREATE TABLE order_channel_numbers (
    order_id        TEXT NOT NULL,
    number          TEXT NOT NULL,
    -- The connection that brought the order, as the op named it.
    connection_id   TEXT,
    connection_name TEXT NOT NULL,
    PRIMARY KEY (order_id, number)
) STRICT;
CREATE INDEX order_channel_numbers_number ON order_channel_numbers (number);
