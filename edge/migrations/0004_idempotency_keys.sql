-- Idempotency keys: the first answer to a write, replayed for 24 h to repeats with the same key.
CREATE TABLE idempotency_keys (
    scope       TEXT    NOT NULL,                      -- "<merchant id>:test|live", or "admin"
    key         TEXT    NOT NULL,                      -- the Idempotency-Key header
    fingerprint TEXT    NOT NULL,                      -- SHA-256 of method, path and body
    created_at  INTEGER NOT NULL,
    status      INTEGER,                               -- NULL while the first request runs
    response    TEXT,                                  -- its JSON body once finished
    PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
