-- Who paid: a link or checkout asks its payer for details, custom fields and a quantity
-- (`shared::payer`), and each session keeps the answers until they are redacted or the
-- account's retention after the session ended has passed.

-- The form, as `shared::payer::PayerForm` JSON. A session copies its link's when it opens,
-- so a later edit of the link changes no open session's rules.
ALTER TABLE payment_links ADD COLUMN payer_form TEXT NOT NULL DEFAULT '{}';
ALTER TABLE checkout_sessions ADD COLUMN payer_form TEXT NOT NULL DEFAULT '{}';

-- The price of one (NULL: `amount`, as for every session before this migration); `amount`
-- is it times `quantity`, exactly in minor units.
ALTER TABLE checkout_sessions ADD COLUMN unit_amount TEXT;
ALTER TABLE checkout_sessions ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1
    CHECK (quantity BETWEEN 1 AND 1000);

-- Payer data, NULL when none: `customer` is `shared::payer::Customer` JSON (its email is
-- also `customer_email`), `custom_fields` the answers `[{key, label, value}]`. Erasing sets
-- all three to NULL and stamps `customer_data_redacted_at`.
ALTER TABLE checkout_sessions ADD COLUMN customer TEXT;
ALTER TABLE checkout_sessions ADD COLUMN custom_fields TEXT;
ALTER TABLE checkout_sessions ADD COLUMN customer_data_redacted_at INTEGER;

-- The retention sweep: sessions still holding payer data, by account.
CREATE INDEX checkout_sessions_payer_data ON checkout_sessions (merchant_id, livemode)
    WHERE customer IS NOT NULL OR custom_fields IS NOT NULL OR customer_email IS NOT NULL;

-- A quote prices the session at the quantity of its time: a payment to an earlier quote
-- settles the session at that quote's quantity, not at one chosen after it.
ALTER TABLE checkout_quotes ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1;

-- Days payer data is kept after a session ended (0 to 3650).
ALTER TABLE checkout_settings ADD COLUMN customer_data_retention_days INTEGER NOT NULL
    DEFAULT 90 CHECK (customer_data_retention_days BETWEEN 0 AND 3650);

-- The object an event is about, so erasing a session's payer data finds its events (their
-- `data` copies the session) without reading every event of the merchant.
ALTER TABLE events ADD COLUMN object_id TEXT;
UPDATE events SET object_id = json_extract(data, '$.id')
    WHERE type LIKE 'checkout_session.%' OR type LIKE 'payment_link.%';
CREATE INDEX events_by_object ON events (object_id) WHERE object_id IS NOT NULL;

-- Erasing a session's payer data also drops what its deliveries' receivers answered (an
-- answer may echo the payload): deliveries found by their event.
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id);
