-- The hub's schema. Append-only: a change is a new numbered file.

CREATE TABLE shops (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    -- domain::Shop (workflow, tariffs, VAT) the ops are validated and priced against.
    settings    jsonb NOT NULL,
    -- The last accepted op's place: gap-free, taken inside the op's transaction.
    seq         bigint NOT NULL DEFAULT 0,
    -- The last order number given; orders are numbered here so PCs never clash.
    last_number bigint NOT NULL DEFAULT 10000,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id      uuid PRIMARY KEY,
    shop_id uuid NOT NULL REFERENCES shops (id),
    login   text NOT NULL,
    name    text NOT NULL,
    role    text NOT NULL CHECK (role IN ('admin', 'manager', 'picker', 'dispatcher')),
    UNIQUE (shop_id, login)
);

CREATE TABLE devices (
    id           uuid PRIMARY KEY,
    shop_id      uuid NOT NULL REFERENCES shops (id),
    user_id      uuid NOT NULL REFERENCES users (id),
    name         text NOT NULL,
    -- sha256 of the token: a leaked table does not let anyone in.
    token_sha256 bytea NOT NULL UNIQUE,
    revoked_at   timestamptz,
    -- This device's last rejection number (its rejections cursor).
    rejections   bigint NOT NULL DEFAULT 0
);

-- Orders as the hub has them: a domain::Order snapshot, and the op that saved its version.
CREATE TABLE orders (
    shop_id    uuid NOT NULL REFERENCES shops (id),
    id         uuid NOT NULL,
    body       jsonb NOT NULL,
    version_op uuid,
    PRIMARY KEY (shop_id, id)
);

-- Accepted ops, in shop order.
CREATE TABLE ops (
    shop_id    uuid NOT NULL REFERENCES shops (id),
    seq        bigint NOT NULL,
    id         uuid NOT NULL,
    device_id  uuid NOT NULL REFERENCES devices (id),
    device_seq bigint NOT NULL,
    envelope   jsonb NOT NULL,
    PRIMARY KEY (shop_id, seq),
    UNIQUE (shop_id, id)
);

-- Refused ops: kept so a repeated push gets the same answer, and for the device to pull.
CREATE TABLE rejections (
    shop_id   uuid NOT NULL REFERENCES shops (id),
    device_id uuid NOT NULL REFERENCES devices (id),
    n         bigint NOT NULL,
    op_id     uuid NOT NULL,
    code      text NOT NULL,
    message   text NOT NULL,
    current   jsonb,
    PRIMARY KEY (device_id, n),
    UNIQUE (shop_id, op_id)
);
