//! The checkout settings as a public write reads them inside its first D1 batch: beside the
//! rate limit and the link or session, with the merchant's name and the next deposit index,
//! so neither the answer nor the quote's deposit address costs a round trip of its own.

use serde::Deserialize;
use shared::api::account::{CheckoutSettings, DEFAULT_RETENTION_DAYS};

use crate::platform::sql::{Arg, Query};

/// Settings of a merchant and mode that never set any.
pub const DEFAULT_QUOTE_LOCK_SECS: u32 = 900;

/// A `checkout_settings` row as saved.
#[derive(Debug, Deserialize)]
pub struct Saved {
    pub deposit_xpub: Option<String>,
    pub quote_lock_secs: u32,
    pub frame_ancestors: String,
    pub payout_address: Option<String>,
    pub default_chain: Option<String>,
    pub customer_data_retention_days: u32,
}

/// The settings saved, or the defaults of a merchant that saved none.
pub fn saved_or_default(row: Option<Saved>) -> CheckoutSettings {
    match row {
        Some(row) => CheckoutSettings {
            deposit_xpub: row.deposit_xpub,
            quote_lock_seconds: row.quote_lock_secs,
            frame_ancestors: row
                .frame_ancestors
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            payout_address: row.payout_address,
            default_chain: row.default_chain,
            customer_data_retention_days: row.customer_data_retention_days,
        },
        None => CheckoutSettings {
            deposit_xpub: None,
            quote_lock_seconds: DEFAULT_QUOTE_LOCK_SECS,
            frame_ancestors: Vec::new(),
            payout_address: None,
            default_chain: None,
            customer_data_retention_days: DEFAULT_RETENTION_DAYS,
        },
    }
}

/// What [`for_link`] and [`for_session`] select: the merchant's name, and the settings of the
/// subject's merchant and mode, all null when none were saved (`saved` tells).
const COLUMNS: &str = "m.name AS merchant_name, s.merchant_id AS saved, s.deposit_xpub, \
     s.next_deposit_index, s.quote_lock_secs, s.frame_ancestors, s.payout_address, \
     s.default_chain, s.customer_data_retention_days";

/// The settings of the unarchived link with slug ?1 (its merchant, its mode).
pub fn for_link(slug: &str) -> Query {
    Query {
        sql: format!(
            "SELECT {COLUMNS} FROM payment_links l JOIN merchants m ON m.id = l.merchant_id \
             LEFT JOIN checkout_settings s ON s.merchant_id = l.merchant_id \
             AND s.livemode = l.livemode WHERE l.slug = ?1 AND l.archived_at IS NULL"
        ),
        args: vec![Arg::Text(slug.to_owned())],
    }
}

/// The settings of session ?1 (its merchant, its mode).
pub fn for_session(id: &str) -> Query {
    Query {
        sql: format!(
            "SELECT {COLUMNS} FROM checkout_sessions c JOIN merchants m ON m.id = c.merchant_id \
             LEFT JOIN checkout_settings s ON s.merchant_id = c.merchant_id \
             AND s.livemode = c.livemode WHERE c.id = ?1"
        ),
        args: vec![Arg::Text(id.to_owned())],
    }
}

/// A row of [`COLUMNS`].
#[derive(Debug, Deserialize)]
pub struct Joined {
    pub merchant_name: String,
    pub saved: Option<String>,
    pub deposit_xpub: Option<String>,
    pub next_deposit_index: Option<u32>,
    pub quote_lock_secs: Option<u32>,
    pub frame_ancestors: Option<String>,
    pub payout_address: Option<String>,
    pub default_chain: Option<String>,
    pub customer_data_retention_days: Option<u32>,
}

/// The settings in force and what a quote needs besides them.
#[derive(Debug)]
pub struct InForce {
    pub merchant_name: String,
    pub settings: CheckoutSettings,
    /// The deposit index a quote would take now; `None` without saved settings.
    pub next_index: Option<u32>,
}

impl Joined {
    pub fn in_force(self) -> InForce {
        let saved = self.saved.is_some().then(|| Saved {
            deposit_xpub: self.deposit_xpub,
            quote_lock_secs: self.quote_lock_secs.unwrap_or(DEFAULT_QUOTE_LOCK_SECS),
            frame_ancestors: self.frame_ancestors.unwrap_or_default(),
            payout_address: self.payout_address,
            default_chain: self.default_chain,
            customer_data_retention_days: self
                .customer_data_retention_days
                .unwrap_or(DEFAULT_RETENTION_DAYS),
        });
        InForce {
            merchant_name: self.merchant_name,
            next_index: saved.as_ref().and(self.next_deposit_index),
            settings: saved_or_default(saved),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(saved: bool) -> Joined {
        Joined {
            merchant_name: "Shop".into(),
            saved: saved.then(|| "mer_1".into()),
            deposit_xpub: saved.then(|| "xpub".into()),
            next_deposit_index: saved.then_some(7),
            quote_lock_secs: saved.then_some(120),
            frame_ancestors: saved.then(|| "https://a.example https://b.example".into()),
            payout_address: None,
            default_chain: None,
            customer_data_retention_days: saved.then_some(0),
        }
    }

    #[test]
    fn saved_settings_read_as_saved_with_the_next_index() {
        let read = joined(true).in_force();
        assert_eq!(read.next_index, Some(7));
        assert_eq!(read.settings.quote_lock_seconds, 120);
        assert_eq!(read.settings.customer_data_retention_days, 0);
        assert_eq!(read.settings.frame_ancestors.len(), 2);
        assert_eq!(read.merchant_name, "Shop");
    }

    #[test]
    fn a_merchant_without_settings_gets_the_defaults_and_no_index() {
        let read = joined(false).in_force();
        assert_eq!(read.next_index, None);
        assert_eq!(read.settings.quote_lock_seconds, DEFAULT_QUOTE_LOCK_SECS);
        assert_eq!(
            read.settings.customer_data_retention_days,
            DEFAULT_RETENTION_DAYS
        );
        assert!(read.settings.deposit_xpub.is_none());
    }
}
