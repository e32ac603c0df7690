//! Typed values out of single call results: block numbers and balances.

use serde_json::Value;

use super::error::{RpcError, snippet};
use super::quantity::{parse_u64, parse_u128, parse_word_u128};

/// The block number answered to `eth_blockNumber`.
pub fn decode_block_number(result: &Value) -> Result<u64, RpcError> {
    parse_u64(string(result)?)
}

/// The balance in wei answered to `eth_getBalance`.
pub fn decode_balance(result: &Value) -> Result<u128, RpcError> {
    parse_u128(string(result)?)
}

/// The token balance in base units answered to an `eth_call` of `balanceOf`: one ABI word.
///
/// `0x` is [`RpcError::NoContract`]: a call to an account without code succeeds with no
/// output, and reading that as a zero balance would hide a wrong token address.
pub fn decode_token_balance(result: &Value) -> Result<u128, RpcError> {
    match string(result)? {
        "0x" => Err(RpcError::NoContract),
        word => parse_word_u128(word),
    }
}

fn string(result: &Value) -> Result<&str, RpcError> {
    result.as_str().ok_or_else(|| {
        RpcError::Decode(format!(
            "expected a hex string, got {}",
            snippet(&result.to_string())
        ))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{parse_batch, recorded};
    use super::*;

    fn recorded_results() -> Vec<Result<Value, RpcError>> {
        parse_batch(recorded::BATCH, 9).unwrap()
    }

    #[test]
    fn the_recorded_block_number_and_balances_decode() {
        let results = recorded_results();
        assert_eq!(decode_block_number(results[0].as_ref().unwrap()), Ok(4));
        assert_eq!(
            decode_balance(results[1].as_ref().unwrap()),
            Ok(9_999_998_625_294_190_566_858)
        );
        assert_eq!(
            decode_token_balance(results[2].as_ref().unwrap()),
            Ok(12_345_678)
        );
    }

    #[test]
    fn a_token_balance_from_an_account_without_code_is_no_contract() {
        let results = recorded_results();
        assert_eq!(
            decode_token_balance(results[4].as_ref().unwrap()),
            Err(RpcError::NoContract)
        );
    }

    #[test]
    fn a_token_balance_must_be_one_word() {
        for result in [
            json!("0x0"),
            json!("0xbc614e"),
            json!(format!("0x{}", "0".repeat(128))),
        ] {
            assert!(
                matches!(decode_token_balance(&result), Err(RpcError::Decode(_))),
                "{result}"
            );
        }
    }

    #[test]
    fn a_token_balance_above_u128_is_too_large() {
        let result = json!(format!("0x{}", "f".repeat(64)));
        assert!(matches!(
            decode_token_balance(&result),
            Err(RpcError::TooLarge { bits: 128, .. })
        ));
    }

    #[test]
    fn results_that_are_not_hex_strings_are_refused() {
        for result in [
            Value::Null,
            json!(4),
            json!(["0x4"]),
            json!({"result": "0x4"}),
            json!("4"),
        ] {
            assert!(
                matches!(decode_block_number(&result), Err(RpcError::Decode(_))),
                "{result}"
            );
            assert!(
                matches!(decode_balance(&result), Err(RpcError::Decode(_))),
                "{result}"
            );
            assert!(
                matches!(decode_token_balance(&result), Err(RpcError::Decode(_))),
                "{result}"
            );
        }
    }

    #[test]
    fn a_balance_above_u128_is_too_large_not_truncated() {
        let result = json!(format!("0x1{}", "0".repeat(32)));
        assert!(matches!(
            decode_balance(&result),
            Err(RpcError::TooLarge { bits: 128, .. })
        ));
    }
}
