-- Webhook endpoints. The signing secret is kept (it must sign every delivery) and shown to the
-- merchant only on creation and rotation; after a rotation the previous one signs too for 24 h.
CREATE TABLE webhook_endpoints (
    id                    TEXT    PRIMARY KEY NOT NULL,   -- we_<hex>
    merchant_id           TEXT    NOT NULL REFERENCES merchants (id),
    livemode              INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    url                   TEXT    NOT NULL,
    enabled_events        TEXT    NOT NULL,               -- space-separated names, or "*"
    description           TEXT,
    enabled               INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    secret                TEXT    NOT NULL,
    previous_secret       TEXT,
    previous_secret_until INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    deleted_at            INTEGER
) STRICT;

CREATE INDEX webhook_endpoints_by_merchant
    ON webhook_endpoints (merchant_id, livemode, created_at DESC, id DESC);
