-- Which merchant holds each deposit wallet, per mode. Two merchants deriving addresses from one
-- wallet hand out the same addresses, which UNIQUE (deposit_address, chain) then refuses, turn
-- about. The first merchant to save (or, for keys saved before this table, to use) a wallet
-- holds it for good, even after moving to another one: its sessions paid to addresses from it.
-- `wallet_id` is `ExtendedPublicKey::wallet_id`: the hex SHA-256 of the chain code and public
-- key, so an xpub and a tpub of one key, or one key with another header, are one wallet.
CREATE TABLE deposit_wallets (
    livemode    INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    wallet_id   TEXT    NOT NULL CHECK (length(wallet_id) = 64),
    merchant_id TEXT    NOT NULL REFERENCES merchants (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (livemode, wallet_id)
) STRICT, WITHOUT ROWID;

-- Timestamps the API takes are 0 to 253402300799 (the end of year 9999); expiries stored
-- before that bound existed are brought into it (reads clamp the same way).
UPDATE payment_links SET expires_at = 253402300799 WHERE expires_at > 253402300799;
UPDATE payment_links SET expires_at = 0 WHERE expires_at < 0;
