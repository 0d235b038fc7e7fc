-- Papers other than the invoice that keep the number and date they were first made with, so a
-- reprint is the same paper: a товарная накладная printed again a week later still reads
-- «№ 1042 от 22 ноября 2026 г.». One row per order and kind of paper (`kind` is the paper's
-- code, e.g. `delivery_note`); like invoices, kept on the device that made the paper.
CREATE TABLE paper_dates (
    order_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    number   TEXT NOT NULL,
    dated_on TEXT NOT NULL,
    made_at  INTEGER NOT NULL,
    PRIMARY KEY (order_id, kind)
) STRICT;
