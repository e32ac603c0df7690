-- A session is one order, paid through its quotes: the customer's first asset choice makes a
-- quote, and another asset or a new price after the lock adds one, under the same session id.
-- Each quote has its own deposit address, watched for the session's watch window, so a
-- payment to any of them is found. Sessions made by the merchant need no link.
--
-- SQLite cannot make `link_id` nullable in place: the table is rebuilt. The quotes table
-- references the new table by its interim name; renaming it rewrites that reference.

CREATE TABLE checkout_sessions_next (
    id                  TEXT    PRIMARY KEY NOT NULL,     -- cs_<hex>
    merchant_id         TEXT    NOT NULL REFERENCES merchants (id),
    link_id             TEXT    REFERENCES payment_links (id), -- NULL: made with its own amount
    livemode            INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    status              TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'paid', 'expired',
                            'underpaid', 'overpaid', 'paid_late', 'canceled')),
    amount              TEXT    NOT NULL,                 -- decimal string in `currency`
    currency            TEXT    NOT NULL,
    assets              TEXT    NOT NULL,                 -- comma-separated symbols
    chain               TEXT    NOT NULL,
    url                 TEXT    NOT NULL,                 -- the hosted page, /c/{id}
    title               TEXT,
    description         TEXT,
    client_reference_id TEXT    CHECK (length(client_reference_id) <= 200),
    metadata            TEXT    NOT NULL DEFAULT '{}',    -- JSON object of strings
    customer_email      TEXT,
    success_url         TEXT,
    cancel_url          TEXT,
    expires_at          INTEGER NOT NULL,                 -- payable until
    watch_until         INTEGER NOT NULL,                 -- its quotes' addresses watched until
    quotes_count        INTEGER NOT NULL DEFAULT 0 CHECK (quotes_count >= 0),
    -- Bumped by every write that reads the session first (a check, a quote); the write's
    -- token lands in `last_event_id`, which the quote and event statements of its batch
    -- require, so a writer that lost a race writes nothing.
    revision            INTEGER NOT NULL DEFAULT 0,
    last_event_id       TEXT,
    amount_reversed     TEXT    NOT NULL DEFAULT '0',     -- base units of the settling quote
    counted             INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),
    checked_at          INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    paid_at             INTEGER,
    canceled_at         INTEGER
) STRICT;

-- Amounts in base units as integer strings (wei pass 2^53 and SQLite's 64-bit integers).
CREATE TABLE checkout_quotes (
    id               TEXT    PRIMARY KEY NOT NULL,        -- qt_<hex>
    session_id       TEXT    NOT NULL REFERENCES checkout_sessions_next (id),
    merchant_id      TEXT    NOT NULL REFERENCES merchants (id),
    livemode         INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    status           TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'paid', 'expired',
                         'underpaid', 'overpaid', 'paid_late')),
    asset            TEXT    NOT NULL,
    chain            TEXT    NOT NULL,
    token_address    TEXT,                                -- NULL for the native coin
    rate             TEXT    NOT NULL,
    amount_due       TEXT    NOT NULL,
    accept_from      TEXT    NOT NULL,                    -- amount_due less the tolerance
    amount_received  TEXT    NOT NULL DEFAULT '0',        -- at the chain head
    amount_confirmed TEXT    NOT NULL DEFAULT '0',        -- confirmations deep
    deposit_index    INTEGER NOT NULL,
    deposit_address  TEXT    NOT NULL,                    -- EIP-55
    expires_at       INTEGER NOT NULL,                    -- the quote lock
    payments         TEXT    NOT NULL DEFAULT '[]',       -- JSON: [{tx_hash, amount, block_number}]
    checked_block    INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (merchant_id, livemode, deposit_index),
    UNIQUE (deposit_address, chain)
) STRICT;

-- Every existing session was one quote; it keeps its amounts under a quote of the same hex.
INSERT INTO checkout_sessions_next (id, merchant_id, link_id, livemode, status, amount,
    currency, assets, chain, url, title, description, metadata, success_url, cancel_url,
    expires_at, watch_until, quotes_count, revision, last_event_id, amount_reversed, counted,
    checked_at, created_at, updated_at, paid_at, canceled_at)
SELECT s.id, s.merchant_id, s.link_id, s.livemode, s.status, s.amount, s.currency, l.assets,
    s.chain, '/c/' || s.id, l.title, l.description, '{}', s.success_url, l.cancel_url,
    s.expires_at, s.watch_until, 1, 0, s.last_event_id, s.amount_reversed, s.counted,
    s.checked_at, s.created_at, s.updated_at, s.paid_at, s.canceled_at
FROM checkout_sessions s JOIN payment_links l ON l.id = s.link_id;

INSERT INTO checkout_quotes (id, session_id, merchant_id, livemode, status, asset, chain,
    token_address, rate, amount_due, accept_from, amount_received, amount_confirmed,
    deposit_index, deposit_address, expires_at, payments, checked_block, created_at, updated_at)
SELECT 'qt_' || substr(id, 4), id, merchant_id, livemode,
    CASE status WHEN 'canceled' THEN 'expired' ELSE status END, asset, chain, token_address,
    rate, amount_due, accept_from, amount_received, amount_confirmed, deposit_index,
    deposit_address, expires_at, payments, checked_block, created_at, updated_at
FROM checkout_sessions;

DROP TABLE checkout_sessions;
ALTER TABLE checkout_sessions_next RENAME TO checkout_sessions;

CREATE INDEX checkout_sessions_page ON checkout_sessions (merchant_id, livemode, created_at DESC, id DESC);
CREATE INDEX checkout_sessions_by_link ON checkout_sessions (link_id, created_at DESC, id DESC);
CREATE INDEX checkout_sessions_by_reference ON checkout_sessions
    (merchant_id, livemode, client_reference_id, created_at DESC, id DESC)
    WHERE client_reference_id IS NOT NULL;
-- The watcher's sweep. Canceled sessions stay watched while they have quotes: a customer
-- may still pay a quote they were shown (the cancel ends the watch of a session without).
CREATE INDEX checkout_sessions_watched ON checkout_sessions (watch_until, checked_at)
    WHERE status IN ('open', 'pending', 'paid', 'expired', 'underpaid', 'overpaid',
        'paid_late', 'canceled');
CREATE INDEX checkout_quotes_by_session ON checkout_quotes (session_id, created_at, id);
