-- Events, and their deliveries to webhook endpoints: an outbox written in the same D1
-- transaction as the change that caused the event, so nothing is lost if the worker dies.
CREATE TABLE events (
    id          TEXT    PRIMARY KEY NOT NULL,          -- evt_<hex>
    merchant_id TEXT    NOT NULL REFERENCES merchants (id),
    livemode    INTEGER NOT NULL CHECK (livemode IN (0, 1)),
    type        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    data        TEXT    NOT NULL                       -- JSON: the object as the API returns it
) STRICT;

CREATE INDEX events_page ON events (merchant_id, livemode, created_at DESC, id DESC);

CREATE TABLE webhook_deliveries (
    id              TEXT    PRIMARY KEY NOT NULL,      -- whd_<hex>
    event_id        TEXT    NOT NULL REFERENCES events (id),
    endpoint_id     TEXT    NOT NULL REFERENCES webhook_endpoints (id),
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,                           -- NULL once settled
    locked_until    INTEGER,                           -- a sender holds it until then
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
    delivery_id   TEXT    NOT NULL REFERENCES webhook_deliveries (id),
    attempt       INTEGER NOT NULL,
    status_code   INTEGER,
    duration_ms   INTEGER NOT NULL,
    response_body TEXT,
    error         TEXT,
    attempted_at  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
) STRICT;

-- Since when an endpoint has failed without a success in between; 3 days disables it.
ALTER TABLE webhook_endpoints ADD COLUMN failing_since INTEGER;
ALTER TABLE webhook_endpoints ADD COLUMN disabled_reason TEXT;
