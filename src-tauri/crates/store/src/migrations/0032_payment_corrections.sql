-- A payment entry that corrects or voids an earlier one names it (issue 15, point 4). The
-- earlier entry is never rewritten: the two add up to what the payment counts.
ALTER TABLE payments ADD COLUMN corrects TEXT;
