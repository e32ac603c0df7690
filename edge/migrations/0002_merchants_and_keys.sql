-- Merchants and their API keys. Keys are stored only as SHA-256 hashes; the full key is shown once.
CREATE TABLE merchants (
    id         TEXT    PRIMARY KEY NOT NULL,           -- mer_<hex>
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at INTEGER NOT NULL                         -- unix seconds
) STRICT;

CREATE TABLE api_keys (
    id          TEXT    PRIMARY KEY NOT NULL,          -- key_<hex>
    merchant_id TEXT    NOT NULL REFERENCES merchants (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('secret', 'restricted')),
    livemode    INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    key_hash    TEXT    NOT NULL UNIQUE,               -- lower-case hex SHA-256 of the key
    last4       TEXT    NOT NULL,
    scopes      TEXT    NOT NULL,                      -- space-separated scope names
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER                                -- NULL while the key works
) STRICT;

CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id, created_at);
