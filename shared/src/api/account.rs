//! The merchant's checkout settings per mode: where deposits go and how long quotes hold.

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::hd::{ACCOUNT_DEPTH, ExtendedPublicKey};

/// Shortest and longest quote lock a merchant may choose, in seconds.
pub const QUOTE_LOCK_RANGE: (u32, u32) = (60, 3600);

/// Checkout settings as the API shows them (`GET /v1/account`, `checkout`).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckoutSettings {
    /// Extended public key of one account of the merchant's wallet (`m/44'/60'/n'`); every
    /// session pays to a fresh address derived from it (`…/0/index`). `null` until set:
    /// sessions cannot be created before.
    pub deposit_xpub: Option<String>,
    /// How long a quote holds, 60 to 3600 seconds (default 900).
    pub quote_lock_seconds: u32,
}

/// `PATCH /v1/account` applies a JSON merge patch of `checkout` onto the current settings;
/// the result is checked here.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccountRequest {
    pub checkout: CheckoutSettings,
}

impl CheckoutSettings {
    /// Checks the xpub (an account-level public key; a private key is refused) and the lock.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut add = |param: &str, code: &str, message: &str| {
            errors.push(FieldError {
                code: code.into(),
                message: message.into(),
                param: param.into(),
            })
        };
        if let Some(text) = &self.deposit_xpub {
            match ExtendedPublicKey::parse(text.trim()) {
                Ok(key) if key.depth() == ACCOUNT_DEPTH => {}
                Ok(_) => add(
                    "checkout.deposit_xpub",
                    "xpub_not_account_level",
                    "Give the xpub of an account (path m/44'/60'/0'), not of a wallet root or an address.",
                ),
                Err(e) => add(
                    "checkout.deposit_xpub",
                    e.code(),
                    &format!("deposit_xpub: {e}."),
                ),
            }
        }
        let (low, high) = QUOTE_LOCK_RANGE;
        if !(low..=high).contains(&self.quote_lock_seconds) {
            add(
                "checkout.quote_lock_seconds",
                "quote_lock_seconds_invalid",
                "quote_lock_seconds is 60 to 3600.",
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// `GET /v1/account` and `PATCH /v1/account`: who the calling key belongs to, what it may do,
/// and the checkout settings of its mode.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub object: String,
    pub name: String,
    pub livemode: bool,
    pub key_kind: String,
    pub scopes: Vec<String>,
    pub checkout: CheckoutSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The account xpub m/44'/60'/0' of anvil's default mnemonic (derived in the `hd` tests).
    fn account_xpub() -> String {
        "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP".to_owned()
    }

    fn settings(xpub: Option<String>, lock: u32) -> CheckoutSettings {
        CheckoutSettings {
            deposit_xpub: xpub,
            quote_lock_seconds: lock,
        }
    }

    fn codes(result: Result<(), Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn an_account_xpub_and_a_lock_in_range_are_accepted() {
        assert_eq!(settings(Some(account_xpub()), 900).validate(), Ok(()));
        assert_eq!(settings(None, 60).validate(), Ok(()));
        assert_eq!(settings(None, 3600).validate(), Ok(()));
    }

    #[test]
    fn a_lock_out_of_range_is_refused() {
        assert_eq!(
            codes(settings(None, 59).validate()),
            ["quote_lock_seconds_invalid"]
        );
        assert_eq!(
            codes(settings(None, 3601).validate()),
            ["quote_lock_seconds_invalid"]
        );
    }

    #[test]
    fn garbage_and_keys_not_at_account_depth_are_refused() {
        assert_eq!(
            codes(settings(Some("xpub123".into()), 900).validate()),
            ["xpub_bad_length"]
        );
        let child = ExtendedPublicKey::parse(&account_xpub())
            .unwrap()
            .derive_child(0)
            .unwrap()
            .to_string();
        assert_eq!(
            codes(settings(Some(child), 900).validate()),
            ["xpub_not_account_level"]
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let parsed = serde_json::from_str::<UpdateAccountRequest>(
            r#"{"checkout":{"deposit_xpub":null,"quote_lock_seconds":900,"xprv":"x"}}"#,
        );
        assert!(parsed.is_err());
    }
}
