-- Marketplace actions our stages trigger (Ozon ship, cancel, ...). One row per (connection,
-- posting, stage): reaching a stage queues its action once, with the op that moved the order
-- there. A row is never deleted: a failure that will not heal stays here, visible.
CREATE TABLE channel_pushes (
    id            TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    external_id   TEXT NOT NULL,
    order_id      TEXT NOT NULL,
    stage_id      TEXT NOT NULL,
    -- The op that moved the order into the stage (NULL if the history has none).
    op_id         TEXT,
    -- JSON of the connector's action.
    action        TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'stopped')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL,
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    UNIQUE (connection_id, external_id, stage_id)
) STRICT;
CREATE INDEX channel_pushes_due ON channel_pushes (connection_id, next_at)
    WHERE state = 'pending';
