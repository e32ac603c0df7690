-- Payout mode: a merchant without an xpub gives a payout address, and each quote's deposit
-- address is the CREATE2 address of a forwarder bound to it (shared::payout). One mode at a
-- time per merchant and mode (PATCH /v1/account refuses both); a quote keeps how its address
-- was made, so a later switch changes nothing for it.
ALTER TABLE checkout_settings ADD COLUMN payout_address TEXT;  -- EIP-55, or NULL

-- Detection counts what arrived (transfers in, and balance increases nothing else explains)
-- instead of reading balances, so money moved out of a deposit address (a sweep, or an xpub
-- merchant's own transfer) changes nothing a session shows. The last block whose
-- transactions the watcher scanned for ETH payments, per chain.
ALTER TABLE chain_checks ADD COLUMN scanned_block INTEGER;

-- A quote's address is either an xpub index (deposit_index) or a forwarder (payout_address,
-- factory_address, salt): deposit_index becomes nullable, which SQLite cannot do in place,
-- so the table is rebuilt. `amount_moved_out` is what left the address (ETH: the confirmed
-- balance fell with no payment taken back), base units: what it held is received less that.
CREATE TABLE checkout_quotes_next (
    id               TEXT    PRIMARY KEY NOT NULL,        -- qt_<hex>
    session_id       TEXT    NOT NULL REFERENCES checkout_sessions (id),
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
    amount_received  TEXT    NOT NULL DEFAULT '0',        -- arrived, to the chain head
    amount_confirmed TEXT    NOT NULL DEFAULT '0',        -- arrived, confirmations deep
    deposit_index    INTEGER,                             -- xpub mode: …/0/index
    deposit_address  TEXT    NOT NULL,                    -- EIP-55
    expires_at       INTEGER NOT NULL,                    -- the quote lock
    payments         TEXT    NOT NULL DEFAULT '[]',       -- JSON: [{tx_hash, amount, block_number}]
    checked_block    INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    payout_address   TEXT,                                -- payout mode: the forwarder's payout
    factory_address  TEXT,                                -- … the factory that deploys it
    salt             TEXT,                                -- … and its CREATE2 salt (0x + 64 hex)
    amount_moved_out TEXT    NOT NULL DEFAULT '0',
    CHECK ((deposit_index IS NOT NULL AND payout_address IS NULL AND factory_address IS NULL
            AND salt IS NULL)
        OR (deposit_index IS NULL AND payout_address IS NOT NULL
            AND factory_address IS NOT NULL AND salt IS NOT NULL)),
    UNIQUE (merchant_id, livemode, deposit_index),
    UNIQUE (deposit_address, chain)
) STRICT;

INSERT INTO checkout_quotes_next (id, session_id, merchant_id, livemode, status, asset, chain,
    token_address, rate, amount_due, accept_from, amount_received, amount_confirmed,
    deposit_index, deposit_address, expires_at, payments, checked_block, created_at, updated_at)
SELECT id, session_id, merchant_id, livemode, status, asset, chain, token_address, rate,
    amount_due, accept_from, amount_received, amount_confirmed, deposit_index, deposit_address,
    expires_at, payments, checked_block, created_at, updated_at
FROM checkout_quotes ORDER BY rowid; -- kept in the order made (see checkout::statements::quotes_of)

DROP TABLE checkout_quotes;
ALTER TABLE checkout_quotes_next RENAME TO checkout_quotes;

CREATE INDEX checkout_quotes_by_session ON checkout_quotes (session_id, created_at, id);
-- GET /v1/sweeps: a merchant's forwarders that received something, newest first.
CREATE INDEX checkout_quotes_sweepable ON checkout_quotes
    (merchant_id, livemode, created_at DESC, id DESC)
    WHERE payout_address IS NOT NULL AND amount_received != '0';
