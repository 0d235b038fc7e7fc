-- The bank's name for the payment QR code, which GOST R 56042 limits to 45 characters, when
-- the official name printed on the papers is longer; empty when the official one fits.
ALTER TABLE shop_requisites ADD COLUMN bank_name_qr TEXT NOT NULL DEFAULT '';
