-- Why a marketplace action is not made, as a code and its params (JSON object of strings)
-- beside the technical text: the queue and the order's card word it in the manager's
-- language. Rows from before keep their text only, which the window shows as it is.
ALTER TABLE channel_pushes ADD COLUMN last_error_code TEXT;
ALTER TABLE channel_pushes ADD COLUMN last_error_params TEXT;
