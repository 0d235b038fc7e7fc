-- Route sheets as made out: one number per courier and day, kept so that a reprint is the
-- same paper and two couriers of one day never share a number. The number's digits come from
-- the courier's name (so the shop's PCs agree offline); when another courier of that day
-- already holds them, the next free ones are taken and kept here. `courier_key` is the name
-- as the numbers know it (spaces, case and ё aside); like invoices, kept on the device that
-- made the sheet.
CREATE TABLE route_sheets (
    day         TEXT NOT NULL,
    courier_key TEXT NOT NULL,
    courier     TEXT NOT NULL,
    number      TEXT NOT NULL UNIQUE,
    made_at     INTEGER NOT NULL,
    PRIMARY KEY (day, courier_key)
) STRICT;
