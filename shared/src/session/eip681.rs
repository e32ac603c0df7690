//! EIP-681 payment URIs: what a wallet scans or opens to pay a session exactly.

use crate::money::CryptoAmount;

/// `ethereum:<to>@<chain>?value=<wei>` for the native coin, or
/// `ethereum:<token>@<chain>/transfer?address=<to>&uint256=<units>` for an ERC-20.
/// Amounts are integers of base units, so no wallet has to guess decimals.
pub fn payment_uri(amount: CryptoAmount, token: Option<&str>, to: &str, chain_id: u64) -> String {
    let units = amount.to_base_units_string();
    match token {
        None => format!("ethereum:{to}@{chain_id}?value={units}"),
        Some(token) => {
            format!("ethereum:{token}@{chain_id}/transfer?address={to}&uint256={units}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Asset;

    const TO: &str = "0x70997970C51812dc3A010C7d01b50e0d73dc79C8";

    #[test]
    fn ether_is_paid_by_value_in_wei() {
        let amount = CryptoAmount::from_base_units(4_166_666_666_666_667, Asset::Eth);
        assert_eq!(
            payment_uri(amount, None, TO, 8453),
            "ethereum:0x70997970C51812dc3A010C7d01b50e0d73dc79C8@8453?value=4166666666666667"
        );
    }

    #[test]
    fn a_token_is_paid_by_calling_transfer_on_its_contract() {
        let amount = CryptoAmount::from_base_units(12_500_000, Asset::Usdc);
        let token = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
        assert_eq!(
            payment_uri(amount, Some(token), TO, 8453),
            format!("ethereum:{token}@8453/transfer?address={TO}&uint256=12500000")
        );
    }
}
