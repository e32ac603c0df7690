//! The statements that keep one deposit wallet to one merchant per mode (`deposit_wallets`,
//! migration 0011), as text, so host tests run them against the real migrations.
//!
//! A claim runs first in a D1 batch (one transaction); the statements after it do their work
//! only if the merchant holds the wallet, so two merchants can never both save, or both take
//! indexes of, one wallet. Each statement lists its parameters.

/// Claims wallet ?2 in mode ?1 for merchant ?3 at ?4, unless someone holds it already.
pub const CLAIM: &str = "INSERT INTO deposit_wallets (livemode, wallet_id, merchant_id, created_at) \
     VALUES (?1, ?2, ?3, ?4) ON CONFLICT (livemode, wallet_id) DO NOTHING";

/// Saves settings (?3 xpub or NULL, ?4 quote lock, ?5 now, ?6 framing origins, ?8 default
/// chain or NULL) when ?7 (the xpub's wallet id) is NULL or held by the merchant; changes no
/// row otherwise.
pub const SAVE: &str = "INSERT INTO checkout_settings (merchant_id, livemode, deposit_xpub, \
     quote_lock_secs, updated_at, frame_ancestors, default_chain) \
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?8 WHERE ?7 IS NULL OR EXISTS (SELECT 1 FROM \
     deposit_wallets w WHERE w.livemode = ?2 AND w.wallet_id = ?7 AND w.merchant_id = ?1) \
     ON CONFLICT (merchant_id, livemode) DO UPDATE SET deposit_xpub = excluded.deposit_xpub, \
     quote_lock_secs = excluded.quote_lock_secs, updated_at = excluded.updated_at, \
     frame_ancestors = excluded.frame_ancestors, default_chain = excluded.default_chain";

/// Saves payout address ?3 (or NULL) and the payer data retention ?5 (days) after [`SAVE`] in
/// the same batch, under the same condition (?4: the xpub's wallet id, or NULL), so a refused
/// save changes neither.
pub const SAVE_PAYOUT: &str = "UPDATE checkout_settings SET payout_address = ?3, \
     customer_data_retention_days = ?5 \
     WHERE merchant_id = ?1 AND livemode = ?2 AND (?4 IS NULL OR EXISTS (SELECT 1 FROM \
     deposit_wallets w WHERE w.livemode = ?2 AND w.wallet_id = ?4 AND w.merchant_id = ?1))";

/// Takes the next deposit index of xpub ?3 (wallet ?7) when the merchant still has that xpub
/// and holds its wallet; ?4 to ?6 are unused (bind NULL), so the numbering matches [`SAVE`].
pub const TAKE: &str = "UPDATE checkout_settings SET next_deposit_index = next_deposit_index + 1 \
     WHERE merchant_id = ?1 AND livemode = ?2 AND deposit_xpub = ?3 AND EXISTS (SELECT 1 FROM \
     deposit_wallets w WHERE w.livemode = ?2 AND w.wallet_id = ?7 AND w.merchant_id = ?1) \
     AND coalesce(?4, ?5, ?6) IS NULL \
     RETURNING next_deposit_index - 1 AS deposit_index";

/// Takes deposit index ?4 of xpub ?3 (wallet ?5), the one the caller read as next, only if
/// it is still next and the merchant still has that xpub and holds its wallet. The statement
/// after it in the batch requires `changes() = 1`, so a quote whose index another quote took
/// meanwhile writes nothing, and its caller takes an index the slow way ([`TAKE`]).
pub const TAKE_AT: &str = "UPDATE checkout_settings SET next_deposit_index = next_deposit_index + 1 \
     WHERE merchant_id = ?1 AND livemode = ?2 AND deposit_xpub = ?3 AND next_deposit_index = ?4 \
     AND EXISTS (SELECT 1 FROM deposit_wallets w WHERE w.livemode = ?2 AND w.wallet_id = ?5 \
     AND w.merchant_id = ?1)";

/// Who holds wallet ?2 in mode ?1.
pub const HOLDER: &str =
    "SELECT merchant_id FROM deposit_wallets WHERE livemode = ?1 AND wallet_id = ?2";
