-- A shared device: one PC of the shop that several members take turns at (issue 14). Each
-- signs in there with their PIN; the ops it pushes are each the signed-in member's, and the
-- hub checks that member, not the device's user. The PIN's argon2 hash is kept here so every
-- shared PC can check it offline.
ALTER TABLE devices ADD COLUMN shared boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN pin_hash text;
