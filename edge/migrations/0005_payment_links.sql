-- Payment links. Amounts are decimal strings in the link's currency (never floats); the page
-- index serves every list page by seeking from its cursor.
CREATE TABLE payment_links (
    id               TEXT    PRIMARY KEY NOT NULL,     -- pl_<hex>
    merchant_id      TEXT    NOT NULL REFERENCES merchants (id),
    livemode         INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    slug             TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL,
    description      TEXT,
    kind             TEXT    NOT NULL CHECK (kind IN ('fixed', 'custom')),
    amount           TEXT,                             -- fixed links only
    currency         TEXT    NOT NULL,
    custom_minimum   TEXT,
    custom_maximum   TEXT,
    custom_preset    TEXT,
    assets           TEXT    NOT NULL,                 -- comma-separated symbols
    chain            TEXT    NOT NULL,
    max_payments     INTEGER CHECK (max_payments > 0),
    payments_count   INTEGER NOT NULL DEFAULT 0,
    expires_at       INTEGER,
    active           INTEGER NOT NULL CHECK (active IN (0, 1)),
    inactive_message TEXT,
    success_url      TEXT,
    cancel_url       TEXT,
    metadata         TEXT    NOT NULL,                 -- JSON object of strings
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    archived_at      INTEGER,
    CHECK ((kind = 'fixed') = (amount IS NOT NULL))
) STRICT;

CREATE INDEX payment_links_page ON payment_links (merchant_id, livemode, created_at DESC, id DESC);
