//! The merchant's checkout settings per mode: where deposits go, how long quotes hold, who may
//! frame the pay page, and the chain of links created without one.

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::chain::Chain;
use crate::hd::{ACCOUNT_DEPTH, EvmAddress, ExtendedPublicKey, HdError};

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
    /// Payout mode: any EVM address (a wallet, a Safe, an exchange deposit address); each
    /// quote then pays to a fresh forwarder that can only ever send to it, and `/v1/sweeps`
    /// moves the money there. One of `deposit_xpub` and `payout_address` at a time: send
    /// `null` for the other to switch (existing quotes keep their addresses).
    #[serde(default)]
    pub payout_address: Option<String>,
    /// The chain a link settles on when its create names none. Until set (or after `null`):
    /// in test mode the local chain (`anvil`) when this deployment has an RPC URL for it,
    /// else `base-sepolia`; in live mode `null`, and a live link must then name its chain.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::chain::Chain>"))]
    pub default_chain: Option<String>,
    /// Days a session keeps its payer's data (customer details and custom field answers) after
    /// it ended (paid, expired, underpaid or canceled), 0 to 3650 (default 90); then the cron
    /// sweep erases it. 0: at the first sweep after it ended.
    #[serde(default = "default_retention_days")]
    #[cfg_attr(feature = "openapi", schemars(range(max = 3650)))]
    pub customer_data_retention_days: u32,
}

/// How long payer data is kept after a session ended unless the merchant says otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// The longest a merchant may keep it: ten years.
pub const MAX_RETENTION_DAYS: u32 = 3650;

fn default_retention_days() -> u32 {
    DEFAULT_RETENTION_DAYS
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

/// A payout address as given: `0x` and 40 hex digits, EIP-55 checked when mixed case, never
/// the zero address (a forwarder bound to it could never be swept: its constructor refuses).
/// Token contracts are refused by the edge, which knows the configured ones.
pub fn payout_address(text: &str) -> Result<EvmAddress, (&'static str, &'static str)> {
    match EvmAddress::parse(text.trim()) {
        Ok(address) if address.as_bytes() == &[0; 20] => Err((
            "payout_address_zero",
            "The zero address burns what it receives: give your wallet's address.",
        )),
        Ok(address) => Ok(address),
        Err(HdError::AddressBadChecksum) => Err((
            "payout_address_bad_checksum",
            "The capitals of this address do not match its EIP-55 checksum: copy it again.",
        )),
        Err(_) => Err((
            "payout_address_invalid",
            "A payout address is 0x and 40 hex digits.",
        )),
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
        if let Some(text) = &self.payout_address {
            match payout_address(text) {
                Ok(address) => self.payout_address = Some(address.to_string()),
                Err((code, message)) => add("checkout.payout_address", code, message),
            }
            if self.deposit_xpub.is_some() {
                add(
                    "checkout.payout_address",
                    "deposit_mode_conflict",
                    "Set deposit_xpub or payout_address, not both: send null for the other to switch.",
                );
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
                    if crate::idn::has_unicode_host(origin) {
                        "An origin's host is sent in its ASCII form (xn--…), as a browser's address bar shows it when copied."
                    } else {
                        "An origin is https://host[:port], without a path (http://localhost in test mode)."
                    },
                ),
            }
        }
        if self.customer_data_retention_days > MAX_RETENTION_DAYS {
            add(
                "checkout.customer_data_retention_days",
                crate::payer::codes::CUSTOMER_DATA_RETENTION_DAYS_INVALID,
                "customer_data_retention_days is 0 to 3650.",
            );
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
#[path = "account_tests.rs"]
mod tests;
