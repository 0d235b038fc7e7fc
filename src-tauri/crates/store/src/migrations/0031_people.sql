-- The shop's people (issue 14, point 3): who may sign in at this desk and with what role.
-- `pin_hash` is an argon2 PHC string (never the PIN); a person without one cannot sign in.
-- `failed_tries` and `retry_after` (unix ms) hold the lockout after wrong PINs in a row, so a
-- restart does not reset it. A removed person is kept (the history names them) but cannot
-- sign in. Responsible stages are the stages' own `responsible_users`, not kept here.
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    pin_hash     TEXT,
    failed_tries INTEGER NOT NULL DEFAULT 0,
    retry_after  INTEGER,
    created_at   INTEGER NOT NULL,
    removed_at   INTEGER
) STRICT;
