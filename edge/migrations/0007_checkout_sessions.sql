-- Checkout: each merchant's deposit wallet per mode, and the sessions customers pay.

-- One row per merchant and mode. `next_deposit_index` only grows: an index, and so a deposit
-- address, is handed out once (UPDATE … RETURNING allocates it atomically).
CREATE TABLE checkout_settings (
    merchant_id        TEXT    NOT NULL REFERENCES merchants (id),
    livemode           INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    deposit_xpub       TEXT,                             -- account-level xpub (m/44'/60'/n')
    next_deposit_index INTEGER NOT NULL DEFAULT 0 CHECK (next_deposit_index >= 0),
    quote_lock_secs    INTEGER NOT NULL DEFAULT 900 CHECK (quote_lock_secs BETWEEN 60 AND 3600),
    frame_ancestors    TEXT    NOT NULL DEFAULT '',      -- space-separated origins
    updated_at         INTEGER NOT NULL,
    PRIMARY KEY (merchant_id, livemode)
) STRICT;

-- Amounts: fiat as a decimal string in `currency`; crypto as base units (integer strings,
-- since wei pass 2^53 and SQLite's 64-bit integers).
CREATE TABLE checkout_sessions (
    id               TEXT    PRIMARY KEY NOT NULL,      -- cs_<hex>
    merchant_id      TEXT    NOT NULL REFERENCES merchants (id),
    link_id          TEXT    NOT NULL REFERENCES payment_links (id),
    livemode         INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    status           TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'paid', 'expired',
                         'underpaid', 'overpaid', 'paid_late', 'canceled')),
    amount           TEXT    NOT NULL,
    currency         TEXT    NOT NULL,
    asset            TEXT    NOT NULL,
    chain            TEXT    NOT NULL,
    token_address    TEXT,                              -- NULL for the native coin
    rate             TEXT    NOT NULL,
    amount_due       TEXT    NOT NULL,                  -- base units
    accept_from      TEXT    NOT NULL,                  -- amount_due less the chain's tolerance
    amount_received  TEXT    NOT NULL DEFAULT '0',      -- base units, at the chain head
    amount_confirmed TEXT    NOT NULL DEFAULT '0',      -- base units, confirmations deep
    deposit_index    INTEGER NOT NULL,
    deposit_address  TEXT    NOT NULL,                  -- EIP-55
    success_url      TEXT,
    expires_at       INTEGER NOT NULL,
    watch_until      INTEGER NOT NULL,
    payments         TEXT    NOT NULL DEFAULT '[]',     -- JSON: [{tx_hash, amount, block_number}]
    checked_block    INTEGER,                           -- chain head at the last check
    counted          INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)), -- in payments_count
    last_event_id    TEXT,                              -- set with each status change
    checked_at       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    paid_at          INTEGER,
    canceled_at      INTEGER,
    UNIQUE (merchant_id, livemode, deposit_index),
    UNIQUE (deposit_address, chain)
) STRICT;

CREATE INDEX checkout_sessions_page ON checkout_sessions (merchant_id, livemode, created_at DESC, id DESC);
CREATE INDEX checkout_sessions_by_link ON checkout_sessions (link_id, created_at DESC, id DESC);
-- The watcher's sweep: sessions still watched, oldest check first.
CREATE INDEX checkout_sessions_watched ON checkout_sessions (watch_until, checked_at)
    WHERE status IN ('open', 'pending', 'expired', 'underpaid', 'paid');
