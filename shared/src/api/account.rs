//! The merchant's checkout settings per mode: where deposits go, how long quotes hold, who may
//! frame the pay page, and the chain of links created without one.

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::chain::Chain;
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
    #[cfg_attr(feature = "openapi", schemars(range(min = 60, max = 3600)))]
    pub quote_lock_seconds: u32,
    /// Origins allowed to frame the pay page (the embed), e.g. `https://shop.example`. Empty:
    /// any https origin (and, in test mode, http on localhost).
    #[serde(default)]
    pub frame_ancestors: Vec<String>,
    /// The chain a link settles on when its create names none. Until set (or after `null`):
    /// in test mode the local chain (`anvil`) when this deployment has an RPC URL for it,
    /// else `base-sepolia`; in live mode `null`, and a live link must then name its chain.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::chain::Chain>"))]
    pub default_chain: Option<String>,
}

/// The default chain of a mode whose merchant chose none. Test mode needs no choice to start:
/// the local chain when the deployment serves one (`local_chain`: anvil under `wrangler dev`),
/// else the public test chain. Live mode assumes nothing, since there real money moves.
pub fn assumed_default_chain(livemode: bool, local_chain: bool) -> Option<Chain> {
    match (livemode, local_chain) {
        (true, _) => None,
        (false, true) => Some(Chain::Anvil),
        (false, false) => Some(Chain::BaseSepolia),
    }
}

/// At most this many framing origins.
pub const MAX_FRAME_ANCESTORS: usize = 10;

/// An origin a merchant may allow to frame the pay page: `https://host[:port]`, or in test
/// mode also `http://localhost[:port]` / `http://127.0.0.1[:port]`. Returned normalized.
pub fn frame_origin(input: &str, livemode: bool) -> Option<String> {
    let url = url::Url::parse(input.trim()).ok()?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1"));
    let scheme_ok = url.scheme() == "https" || (!livemode && url.scheme() == "http" && local);
    let bare = url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    (scheme_ok && bare && url.host_str().is_some()).then(|| url.origin().ascii_serialization())
}

/// The `Content-Security-Policy` that says who may frame the pay page.
pub fn frame_policy(allowed: &[String], livemode: bool) -> String {
    if !allowed.is_empty() {
        return format!("frame-ancestors 'self' {}", allowed.join(" "));
    }
    if livemode {
        "frame-ancestors 'self' https:".to_owned()
    } else {
        "frame-ancestors 'self' https: http://localhost:* http://127.0.0.1:*".to_owned()
    }
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
    /// Checks the xpub (an account-level public key; a private key is refused), the lock, the
    /// framing origins (normalized in place) and the default chain (one of this mode's).
    pub fn validate(&mut self, livemode: bool) -> Result<(), Vec<FieldError>> {
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
        if self.frame_ancestors.len() > MAX_FRAME_ANCESTORS {
            add(
                "checkout.frame_ancestors",
                "frame_ancestors_too_many",
                "List at most 10 origins.",
            );
        }
        let mut origins = Vec::new();
        for (i, origin) in self.frame_ancestors.iter().enumerate() {
            match frame_origin(origin, livemode) {
                Some(origin) => origins.push(origin),
                None => add(
                    &format!("checkout.frame_ancestors[{i}]"),
                    "frame_ancestor_invalid",
                    "An origin is https://host[:port], without a path (http://localhost in test mode).",
                ),
            }
        }
        if let Some(name) = &self.default_chain
            && let Err(e) = Chain::parse_for_mode(name, livemode)
        {
            add(
                "checkout.default_chain",
                e.code(),
                &format!("default_chain: {e}."),
            );
        }
        if errors.is_empty() {
            self.frame_ancestors = origins;
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
    #[cfg_attr(feature = "openapi", schemars(with = "crate::auth::KeyKind"))]
    pub key_kind: String,
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::auth::Scope>"))]
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
            frame_ancestors: Vec::new(),
            default_chain: None,
        }
    }

    fn with_chain(name: &str) -> CheckoutSettings {
        CheckoutSettings {
            default_chain: Some(name.to_owned()),
            ..settings(None, 900)
        }
    }

    #[test]
    fn a_default_chain_is_one_of_the_modes_chains() {
        assert_eq!(with_chain("base").validate(true), Ok(()));
        assert_eq!(with_chain("anvil").validate(false), Ok(()));
        assert_eq!(with_chain("base-sepolia").validate(false), Ok(()));
        assert_eq!(settings(None, 900).validate(true), Ok(()), "null resets it");
    }

    #[test]
    fn a_default_chain_of_the_other_mode_or_none_at_all_is_refused_by_its_own_code() {
        let refused = |name: &str, live: bool| {
            let errors = with_chain(name).validate(live).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].param, "checkout.default_chain");
            errors[0].code.clone()
        };
        assert_eq!(refused("anvil", true), "chain_mode_mismatch");
        assert_eq!(refused("base", false), "chain_mode_mismatch");
        assert_eq!(refused("solana", false), "chain_unsupported");
        assert_eq!(refused("Base", true), "chain_unsupported");
        assert_eq!(refused("", true), "chain_unsupported");
    }

    #[test]
    fn test_mode_assumes_the_local_chain_when_served_and_live_mode_assumes_none() {
        assert_eq!(assumed_default_chain(false, true), Some(Chain::Anvil));
        assert_eq!(
            assumed_default_chain(false, false),
            Some(Chain::BaseSepolia)
        );
        assert_eq!(assumed_default_chain(true, true), None);
        assert_eq!(assumed_default_chain(true, false), None);
    }

    #[test]
    fn framing_origins_are_bare_https_origins_or_localhost_in_test_mode() {
        let origin = |text: &str, live: bool| frame_origin(text, live);
        assert_eq!(
            origin("https://Shop.Example", true).as_deref(),
            Some("https://shop.example")
        );
        assert_eq!(
            origin("https://shop.example:8443/", true).as_deref(),
            Some("https://shop.example:8443")
        );
        assert_eq!(
            origin("http://localhost:3000", false).as_deref(),
            Some("http://localhost:3000")
        );
        for bad in [
            "http://localhost:3000",
            "http://shop.example",
            "https://shop.example/path",
            "shop.example",
            "https://u:p@shop.example",
        ] {
            assert_eq!(origin(bad, true), None, "{bad}");
        }
        let mut many = settings(None, 900);
        many.frame_ancestors = (0..11).map(|i| format!("https://s{i}.example")).collect();
        assert_eq!(codes(many.validate(true)), ["frame_ancestors_too_many"]);
        let mut one = settings(None, 900);
        one.frame_ancestors = vec!["https://Shop.Example/".into(), "ftp://x".into()];
        assert_eq!(
            codes(one.clone().validate(true)),
            ["frame_ancestor_invalid"]
        );
        one.frame_ancestors.pop();
        assert_eq!(one.validate(true), Ok(()));
        assert_eq!(one.frame_ancestors, ["https://shop.example"]);
    }

    #[test]
    fn the_frame_policy_is_the_list_or_any_https_origin() {
        assert_eq!(
            frame_policy(&["https://a.example".into()], true),
            "frame-ancestors 'self' https://a.example"
        );
        assert_eq!(frame_policy(&[], true), "frame-ancestors 'self' https:");
        assert!(frame_policy(&[], false).contains("http://localhost:*"));
    }

    fn codes(result: Result<(), Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn an_account_xpub_and_a_lock_in_range_are_accepted() {
        assert_eq!(settings(Some(account_xpub()), 900).validate(true), Ok(()));
        assert_eq!(settings(None, 60).validate(true), Ok(()));
        assert_eq!(settings(None, 3600).validate(true), Ok(()));
    }

    #[test]
    fn a_lock_out_of_range_is_refused() {
        assert_eq!(
            codes(settings(None, 59).validate(true)),
            ["quote_lock_seconds_invalid"]
        );
        assert_eq!(
            codes(settings(None, 3601).validate(true)),
            ["quote_lock_seconds_invalid"]
        );
    }

    #[test]
    fn garbage_and_keys_not_at_account_depth_are_refused() {
        assert_eq!(
            codes(settings(Some("xpub123".into()), 900).validate(true)),
            ["xpub_bad_length"]
        );
        let child = ExtendedPublicKey::parse(&account_xpub())
            .unwrap()
            .derive_child(0)
            .unwrap()
            .to_string();
        assert_eq!(
            codes(settings(Some(child), 900).validate(true)),
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
