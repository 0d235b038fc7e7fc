-- Two customer cards the manager confirmed are one person (issue 14, point 5: "never merging
-- two people silently: a suggested merge the manager confirms"). The card `key` shows inside
-- the card `into_key`, its orders counted there, and leaves the list; a merge made into a
-- card later merged itself is re-pointed, so `into_key` is never merged. Local to this PC
-- like the cards' corrections (migration 0034): every desk derives its cards itself.
CREATE TABLE customer_merges (
    key      TEXT PRIMARY KEY,
    into_key TEXT NOT NULL
) STRICT;

CREATE INDEX customer_merges_into ON customer_merges (into_key);

-- Pairs the manager said are two people (a < b, the cards' keys): not suggested again.
CREATE TABLE customer_merges_declined (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (a, b)
) STRICT;

-- A merge is suggested for cards with the same e-mail, or a card whose phone the manager
-- corrected to another card's: both looked up by index.
CREATE INDEX customer_cards_email ON customer_cards (lower(coalesce(own_email, email)));
CREATE INDEX customer_cards_own_phone ON customer_cards (own_phone) WHERE own_phone IS NOT NULL;
