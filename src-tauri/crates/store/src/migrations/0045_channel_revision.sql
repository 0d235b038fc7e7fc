-- What a channel changes without an op — a flag on an order (a refused push, a status not
-- mapped, a conflicting site edit), the channel's status beside ours, an order kept as a
-- problem, the connection's state — counted, so the window's "data changed" revision (the
-- newest op plus this) moves and the window reads again. Only ops moved it, so such a change
-- waited for the manager's next click.
CREATE TABLE channel_revision (n INTEGER NOT NULL) STRICT;
INSERT INTO channel_revision (n) VALUES (0);

CREATE TRIGGER channel_orders_revised AFTER UPDATE OF flags, remote_status, problem
ON channel_orders BEGIN
    UPDATE channel_revision SET n = n + 1;
END;

CREATE TRIGGER channel_orders_problem AFTER INSERT ON channel_orders
WHEN new.order_id IS NULL BEGIN
    UPDATE channel_revision SET n = n + 1;
END;

CREATE TRIGGER channel_state_revised AFTER UPDATE ON channel_state BEGIN
    UPDATE channel_revision SET n = n + 1;
END;
