-- The shop's customers (issue 14, point 5), derived from its orders: one card per normalised
-- phone, or per e-mail for an order that came without a phone (a marketplace's buyer with
-- neither gets no card). Every desk derives the same cards from the orders it syncs, so no
-- new data travels; the manager's own corrections (own_*, note) stay on this PC.
--
-- A card keeps only what its search needs (the latest order's name, phone and e-mail): the
-- order count, total, addresses and company requisites are read from the card's orders
-- through the phone and e-mail indexes, so the writes of orders (the money ops that change
-- totals above all) do not pay for a register they do not touch. Only an order's insert does.
CREATE TABLE customer_cards (
    id          INTEGER PRIMARY KEY,
    -- The orders' phone (digits, 7XXXXXXXXXX) or, without one, their e-mail lower-cased.
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL,
    email       TEXT,
    -- The latest order's created_at: which order's contacts the card shows.
    last_at     INTEGER NOT NULL,
    own_name    TEXT,
    own_phone   TEXT,
    own_email   TEXT,
    own_address TEXT,
    note        TEXT,
    -- What the search finds, ё folded to е (the trigram tokenizer folds case itself).
    search TEXT GENERATED ALWAYS AS (
        replace(replace(
            coalesce(own_name, name) || '  ' || phone || '  ' || coalesce(own_phone, '')
            || '  ' || coalesce(own_email, email, ''),
        'ё', 'е'), 'Ё', 'Е')
    ) VIRTUAL
) STRICT;

CREATE INDEX customer_cards_recent ON customer_cards (last_at);

-- Any part of a name, phone or e-mail: trigrams, so «915105» and «mail.r» are found inside.
CREATE VIRTUAL TABLE customer_search USING fts5(
    search,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

-- The backfill: one pass over the orders, grouped; the bare columns come from the row with
-- the latest created_at (SQLite's documented MAX() rule).
INSERT INTO customer_cards (key, name, phone, email, last_at)
SELECT key, customer_name, phone, email, MAX(created_at) FROM (
    SELECT CASE WHEN phone <> '' THEN phone ELSE lower(email) END AS key,
           customer_name, phone, email, created_at
    FROM orders WHERE phone <> '' OR coalesce(email, '') <> ''
) GROUP BY key;

-- An order without e-mail keeps the e-mail an earlier order of the same phone gave.
UPDATE customer_cards SET email = (
    SELECT o.email FROM orders o WHERE o.phone = customer_cards.key
    AND coalesce(o.email, '') <> '' ORDER BY o.created_at DESC LIMIT 1
) WHERE coalesce(email, '') = '' AND phone <> '';

INSERT INTO customer_search (rowid, search) SELECT id, search FROM customer_cards;

-- During a channel's import (search_deferral, migration 0018) new cards wait here and are
-- indexed with the orders' names at its end.
CREATE TABLE pending_customer_cards (id INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER customer_cards_order AFTER INSERT ON orders
WHEN new.phone <> '' OR coalesce(new.email, '') <> '' BEGIN
    INSERT INTO customer_cards (key, name, phone, email, last_at)
    VALUES (CASE WHEN new.phone <> '' THEN new.phone ELSE lower(new.email) END,
            new.customer_name, new.phone, nullif(new.email, ''), new.created_at)
    ON CONFLICT (key) DO UPDATE SET name = excluded.name,
        email = coalesce(excluded.email, email), last_at = excluded.last_at
    WHERE excluded.last_at >= last_at;
END;

CREATE TRIGGER customer_search_insert AFTER INSERT ON customer_cards
WHEN (SELECT deferring FROM search_deferral) = 0 BEGIN
    INSERT INTO customer_search (rowid, search) VALUES (new.id, new.search);
END;

CREATE TRIGGER customer_search_insert_deferred AFTER INSERT ON customer_cards
WHEN (SELECT deferring FROM search_deferral) = 1 BEGIN
    -- Not OR IGNORE: inside a trigger fired by an upsert the outer statement's conflict
    -- policy wins, and an import of two orders of one customer failed on the second.
    INSERT INTO pending_customer_cards (id)
    SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM pending_customer_cards WHERE id = new.id);
END;

-- A repeat order that changes nothing searchable leaves the index alone.
CREATE TRIGGER customer_search_update AFTER UPDATE ON customer_cards
WHEN old.search IS NOT new.search AND (SELECT deferring FROM search_deferral) = 0 BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, search) VALUES (new.id, new.search);
END;

CREATE TRIGGER customer_search_update_deferred AFTER UPDATE ON customer_cards
WHEN old.search IS NOT new.search AND (SELECT deferring FROM search_deferral) = 1 BEGIN
    -- Not OR IGNORE: inside a trigger fired by an upsert the outer statement's conflict
    -- policy wins, and an import of two orders of one customer failed on the second.
    INSERT INTO pending_customer_cards (id)
    SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM pending_customer_cards WHERE id = new.id);
END;
