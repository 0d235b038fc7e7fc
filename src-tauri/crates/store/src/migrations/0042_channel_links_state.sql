-- What we last knew of a removed connection's order: the channel's status and change date, the
-- status we last pushed, and the order's flags. Adding the site again re-links the order with
-- them, so a change the site made while the connection was gone is seen as newer and followed
-- (and the flags are not lost). Rows kept before this migration have none: such an order is
-- compared with the site afresh.
ALTER TABLE channel_links ADD COLUMN remote_status TEXT;
ALTER TABLE channel_links ADD COLUMN remote_modified INTEGER;
ALTER TABLE channel_links ADD COLUMN pushed_status TEXT;
ALTER TABLE channel_links ADD COLUMN flags TEXT;
