//! What a payout address may not be, beyond its own form (`shared::api::account`): a token
//! contract configured here, or a forwarder factory. Either would take the money into a
//! contract that cannot send it back.

use shared::chain::Chain;
use shared::hd::EvmAddress;
use shared::money::Asset;

use crate::api::error::ApiError;
use crate::ops::config;

fn refused(code: &'static str, message: &str) -> ApiError {
    ApiError::Validation(vec![shared::api::error::FieldError {
        code: code.into(),
        message: message.into(),
        param: "checkout.payout_address".into(),
    }])
}

/// Refuses `payout` (already parsed and EIP-55) when it is a token contract or the forwarder
/// factory of any chain as this deployment configures them.
pub fn refuse_contracts(
    payout: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<(), ApiError> {
    let payout = EvmAddress::parse(payout)
        .map_err(|e| ApiError::internal(format!("a validated payout address: {e}")))?;
    for chain in Chain::ALL {
        let Ok(settings) = config::chain(lookup, chain) else {
            continue;
        };
        if settings.factory == payout {
            return Err(refused(
                "payout_address_is_contract",
                "This is the forwarder factory's address: give your wallet's address.",
            ));
        }
        for asset in Asset::ALL {
            let token = settings.token(asset, lookup).ok().flatten();
            if token.is_some_and(|t| EvmAddress::parse(&t).is_ok_and(|t| t == payout)) {
                return Err(refused(
                    "payout_address_is_contract",
                    "This is a token contract's address: give your wallet's address.",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_usdc(name: &str) -> Option<String> {
        (name == "TOKEN_USDC_ANVIL").then(|| "0x5fbdb2315678afecb367f032d93f642f64180aa3".into())
    }

    fn code(result: Result<(), ApiError>) -> String {
        match result {
            Err(ApiError::Validation(errors)) => errors[0].code.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_wallet_address_is_taken() {
        let wallet = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
        assert!(refuse_contracts(wallet, &with_usdc).is_ok());
    }

    #[test]
    fn configured_tokens_built_in_tokens_and_the_factory_are_refused() {
        let local_usdc = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        assert_eq!(
            code(refuse_contracts(local_usdc, &with_usdc)),
            "payout_address_is_contract"
        );
        let base_usdc = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
        assert_eq!(
            code(refuse_contracts(base_usdc, &|_| None)),
            "payout_address_is_contract"
        );
        let factory = shared::payout::CANONICAL_FACTORY.to_string();
        assert_eq!(
            code(refuse_contracts(&factory, &|_| None)),
            "payout_address_is_contract"
        );
    }
}
