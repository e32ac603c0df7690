//! The transaction a browser wallet is asked to send for a quote, built without floats.

use shared::api::sessions::Quote;

/// `transfer(address,uint256)`: the ERC-20 selector, first 4 bytes of its Keccak-256.
const TRANSFER_SELECTOR: &str = "a9059cbb";

/// The fields of an `eth_sendTransaction` request besides `from`: the deposit address with a
/// value for the native coin, or the token contract with `transfer` call data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// `0x` + 40 hex digits: the deposit address or the token contract.
    pub to: String,
    /// Wei as `0x`-hex, for the native coin.
    pub value: Option<String>,
    /// ABI-encoded `transfer(deposit_address, amount_due)`, for a token.
    pub data: Option<String>,
}

/// Why a quote cannot be turned into a transaction (a server bug; the QR code still works).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferError {
    Amount,
    Address,
}

impl std::fmt::Display for TransferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TransferError::Amount => "the amount due is not a whole number of base units",
            TransferError::Address => "an address in the quote is not 0x and 40 hex digits",
        })
    }
}

/// `0x` + lower-case hex of `text`, a decimal string of base units (no sign, no dot).
pub fn hex_quantity(text: &str) -> Result<String, TransferError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TransferError::Amount);
    }
    let units: u128 = text.parse().map_err(|_| TransferError::Amount)?;
    Ok(format!("0x{units:x}"))
}

/// The 40 hex digits of an address, lower case, checked for shape (not for its checksum:
/// the server derived it).
fn address_digits(address: &str) -> Result<String, TransferError> {
    let digits = address
        .strip_prefix("0x")
        .filter(|d| d.len() == 40 && d.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or(TransferError::Address)?;
    Ok(digits.to_ascii_lowercase())
}

impl Transfer {
    /// What pays `quote` exactly: `amount_due` base units to `deposit_address`.
    pub fn for_quote(quote: &Quote) -> Result<Self, TransferError> {
        let recipient = address_digits(&quote.deposit_address)?;
        match &quote.token_address {
            None => Ok(Transfer {
                to: format!("0x{recipient}"),
                value: Some(hex_quantity(&quote.amount_due)?),
                data: None,
            }),
            Some(token) => {
                let contract = address_digits(token)?;
                let amount = hex_quantity(&quote.amount_due)?;
                let data = format!(
                    "0x{TRANSFER_SELECTOR}{recipient:0>64}{:0>64}",
                    amount.strip_prefix("0x").unwrap_or(&amount)
                );
                Ok(Transfer {
                    to: format!("0x{contract}"),
                    value: None,
                    data: Some(data),
                })
            }
        }
    }
}

/// `0x` + hex of an EIP-155 chain id, as `wallet_switchEthereumChain` and `eth_chainId` use.
pub fn chain_id_hex(chain_id: u64) -> String {
    format!("0x{chain_id:x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPOSIT: &str = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
    const USDC: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    fn quote(token: Option<&str>, due: &str) -> Quote {
        Quote {
            id: "qt_000000000000000000000001".into(),
            asset: if token.is_some() { "USDC" } else { "ETH" }.into(),
            decimals: if token.is_some() { 6 } else { 18 },
            chain: "anvil".into(),
            chain_name: "Local test chain".into(),
            chain_id: 31337,
            token_address: token.map(Into::into),
            rate: "3000.00".into(),
            amount_due: due.into(),
            amount_due_decimal: String::new(),
            amount_due_shown: String::new(),
            deposit_address: DEPOSIT.into(),
            payment_uri: String::new(),
            expires_at: 0,
        }
    }

    #[test]
    fn ether_goes_to_the_deposit_address_as_a_hex_value() {
        let tx = Transfer::for_quote(&quote(None, "4166666666666667")).unwrap();
        assert_eq!(tx.to, DEPOSIT.to_ascii_lowercase());
        assert_eq!(tx.value.as_deref(), Some("0xecd8fae906aab"));
        assert_eq!(tx.data, None);
    }

    #[test]
    fn a_token_is_a_transfer_call_on_its_contract() {
        let tx = Transfer::for_quote(&quote(Some(USDC), "12500000")).unwrap();
        assert_eq!(tx.to, USDC.to_ascii_lowercase());
        assert_eq!(tx.value, None);
        let data = tx.data.unwrap();
        assert_eq!(data.len(), 2 + 8 + 64 + 64);
        assert_eq!(
            data,
            "0xa9059cbb\
             0000000000000000000000009858effd232b4033e47d90003d41ec34ecaeda94\
             0000000000000000000000000000000000000000000000000000000000bebc20"
        );
    }

    #[test]
    fn amounts_past_two_to_the_fifty_three_stay_exact() {
        // 2^53 + 1 wei: a float would round it to 2^53.
        assert_eq!(
            hex_quantity("9007199254740993").unwrap(),
            "0x20000000000001"
        );
        assert_eq!(
            hex_quantity(&u128::MAX.to_string()).unwrap(),
            format!("0x{}", "f".repeat(32))
        );
        assert_eq!(hex_quantity("0").unwrap(), "0x0");
    }

    #[test]
    fn amounts_that_are_not_base_unit_integers_are_refused() {
        for bad in ["", "1.5", "-1", "+1", "0x10", "1e18", " 1"] {
            assert_eq!(hex_quantity(bad), Err(TransferError::Amount), "{bad:?}");
        }
        let past = format!("{}0", u128::MAX);
        assert_eq!(hex_quantity(&past), Err(TransferError::Amount));
    }

    #[test]
    fn malformed_addresses_are_refused() {
        let mut q = quote(None, "1");
        q.deposit_address = "0x1234".into();
        assert_eq!(Transfer::for_quote(&q), Err(TransferError::Address));
        let q = quote(Some("9858EfFD232B4033E47d90003D41EC34EcaEda9400"), "1");
        assert_eq!(Transfer::for_quote(&q), Err(TransferError::Address));
    }

    #[test]
    fn chain_ids_are_hex_quantities() {
        assert_eq!(chain_id_hex(31337), "0x7a69");
        assert_eq!(chain_id_hex(8453), "0x2105");
        assert_eq!(chain_id_hex(1), "0x1");
    }
}
