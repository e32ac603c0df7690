//! What a link create takes for the fields it leaves out: USD, the account's default chain,
//! and every asset that chain offers in this deployment.

use crate::api::error::FieldError;
use crate::chain::Chain;
use crate::money::{Asset, Currency};

/// The currency of a link that names none.
pub const DEFAULT_CURRENCY: Currency = Currency::Usd;

/// The code of a link create that names no chain when the account has no default chain.
pub const CHAIN_REQUIRED: &str = "chain_required";

/// Whether `errors` (from [`CreateLinkRequest::parse`](super::CreateLinkRequest::parse)) say the link needs a chain: the request
/// may be well formed, yet cannot be done as sent (422, not 400).
pub fn needs_chain(errors: &[FieldError]) -> bool {
    errors.iter().any(|e| e.code == CHAIN_REQUIRED)
}

pub(super) fn chain_required() -> FieldError {
    FieldError {
        code: CHAIN_REQUIRED.into(),
        message: "Name the link's chain, or set a default once with PATCH /v1/account \
                  {\"checkout\": {\"default_chain\": \"base\"}}: in live mode no chain is \
                  assumed."
            .into(),
        param: "chain".into(),
    }
}

/// What a create takes for the fields it does not send, as this deployment and account have
/// them: decided at create time and stored, so a later change of either leaves the link alone.
pub struct LinkDefaults<'a> {
    /// The account's default chain in this mode (set, or assumed for test mode); `None`: a
    /// link must name its chain.
    pub chain: Option<Chain>,
    /// Every asset a chain offers here, in `Asset::ALL` order: ETH, and each token with a
    /// contract on it (configured or canonical).
    pub assets: &'a dyn Fn(Chain) -> Vec<Asset>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::links::CreateLinkRequest;
    use crate::link::Pricing;
    use serde_json::json;

    /// As a deployment with a USDC contract on anvil and canonical tokens elsewhere offers.
    fn offered(chain: Chain) -> Vec<Asset> {
        match chain {
            Chain::Anvil => vec![Asset::Eth, Asset::Usdc],
            _ => Asset::ALL.to_vec(),
        }
    }

    fn defaults(chain: Option<Chain>) -> LinkDefaults<'static> {
        LinkDefaults {
            chain,
            assets: &offered,
        }
    }

    fn parse(
        body: serde_json::Value,
        livemode: bool,
        defaults: &LinkDefaults<'_>,
    ) -> Result<crate::api::links::NewLink, Vec<FieldError>> {
        serde_json::from_value::<CreateLinkRequest>(body)
            .unwrap()
            .parse(livemode, 0, defaults)
    }

    #[test]
    fn a_title_and_an_amount_make_a_fixed_usd_link_on_the_default_chain_with_its_assets() {
        let link = parse(
            json!({"title": "Beans", "amount": "5"}),
            false,
            &defaults(Some(Chain::Anvil)),
        )
        .unwrap();
        assert_eq!(link.pricing.kind(), "fixed");
        assert_eq!(link.pricing.currency(), Currency::Usd);
        assert_eq!(link.chain, Chain::Anvil);
        assert_eq!(link.assets, [Asset::Eth, Asset::Usdc]);
    }

    #[test]
    fn default_assets_are_those_of_the_chain_the_link_names() {
        let link = parse(
            json!({"title": "Beans", "amount": "5", "chain": "sepolia"}),
            false,
            &defaults(Some(Chain::Anvil)),
        )
        .unwrap();
        assert_eq!(link.chain, Chain::Sepolia);
        assert_eq!(link.assets, Asset::ALL);
    }

    #[test]
    fn fields_sent_win_over_the_defaults() {
        let link = parse(
            json!({"title": "Beans", "amount": "5", "currency": "EUR", "assets": ["EURC"]}),
            false,
            &defaults(Some(Chain::BaseSepolia)),
        )
        .unwrap();
        assert_eq!(link.pricing.currency(), Currency::Eur);
        assert_eq!(link.assets, [Asset::Eurc]);
        let empty = parse(
            json!({"title": "Beans", "amount": "5", "assets": []}),
            false,
            &defaults(Some(Chain::Anvil)),
        )
        .unwrap_err();
        assert_eq!(
            empty[0].code, "assets_required",
            "an empty list is not a default"
        );
    }

    #[test]
    fn only_custom_bounds_make_a_custom_link() {
        let link = parse(
            json!({"title": "Tips", "custom_amount": {"minimum": "1"}}),
            false,
            &defaults(Some(Chain::Anvil)),
        )
        .unwrap();
        assert!(matches!(link.pricing, Pricing::Custom(_)));
        let neither = parse(
            json!({"title": "Tips"}),
            false,
            &defaults(Some(Chain::Anvil)),
        );
        assert_eq!(neither.unwrap_err()[0].code, "amount_required");
    }

    #[test]
    fn no_chain_and_no_default_is_chain_required_listed_first_with_the_other_failures() {
        let errors = parse(json!({"title": "", "amount": "5"}), true, &defaults(None)).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.param.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [("chain", CHAIN_REQUIRED), ("title", "title_invalid")]
        );
        assert!(needs_chain(&errors));
        assert!(errors[0].message.contains("default_chain"));
        let named = parse(
            json!({"title": "Beans", "amount": "5", "chain": "base"}),
            true,
            &defaults(None),
        )
        .unwrap();
        assert_eq!(named.chain, Chain::Base);
    }

    #[test]
    fn a_bad_chain_is_its_own_error_and_not_chain_required() {
        let errors = parse(
            json!({"title": "Beans", "amount": "5", "chain": "mars"}),
            false,
            &defaults(Some(Chain::Anvil)),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].code, "chain_unsupported");
        assert!(!needs_chain(&errors));
    }
}
