-- Reversals: a paid session keeps its status after a reorg deeper than the confirmation depth,
-- and records the confirmed base units the reorg took away (see shared::session::reversal).
ALTER TABLE checkout_sessions ADD COLUMN amount_reversed TEXT NOT NULL DEFAULT '0';

-- Paid statuses stay watched through their window, so such a reorg is seen on every one.
DROP INDEX checkout_sessions_watched;
CREATE INDEX checkout_sessions_watched ON checkout_sessions (watch_until, checked_at)
    WHERE status IN ('open', 'pending', 'paid', 'expired', 'underpaid', 'overpaid', 'paid_late');
