-- An invoice's date as printed on it, in the shop's time when it was issued: a reprint is the
-- same paper, so its date is kept with its number rather than read again from the clock or
-- recomputed from issued_at in whatever time zone the shop uses later. NULL for invoices
-- issued before this column; the desk then dates them by issued_at.
ALTER TABLE invoices ADD COLUMN issued_on TEXT;
