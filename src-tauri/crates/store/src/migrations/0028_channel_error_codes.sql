-- A connection's last error and pause as a stable code with its params (a JSON object of
-- strings), beside the English technical text kept in `last_error` / `paused_reason` for logs:
-- the card words the code in the manager's language. NULL for errors recorded before.
ALTER TABLE channel_state ADD COLUMN last_error_code TEXT;
ALTER TABLE channel_state ADD COLUMN last_error_params TEXT;
ALTER TABLE channel_state ADD COLUMN paused_code TEXT;
ALTER TABLE channel_state ADD COLUMN paused_params TEXT;
