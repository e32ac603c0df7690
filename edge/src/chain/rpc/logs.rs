//! ERC-20 `Transfer` logs out of an `eth_getLogs` result, checked so that nothing else can be
//! read as a payment.

use serde::Deserialize;
use serde_json::Value;

use super::address::{normalize_address, topic_address};
use super::error::{RpcError, snippet};
use super::filter::TRANSFER_TOPIC;
use super::quantity::{parse_u64, parse_word_u128};

/// One `Transfer(from, to, amount)` of the token asked about.
///
/// Addresses and the hash are lower-case `0x` hex. `removed` is true when a reorganisation
/// dropped the log: a payment seen earlier through it no longer counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferLog {
    pub tx_hash: String,
    pub block_number: u64,
    pub log_index: u64,
    pub from: String,
    pub to: String,
    /// Token base units (6 decimals for USDC and EURC).
    pub amount: u128,
    pub removed: bool,
}

/// A log as nodes send it. Unknown fields are allowed: nodes add their own (anvil sends
/// `blockTimestamp`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLog {
    address: String,
    topics: Vec<String>,
    data: String,
    // Null for a pending log; `eth_getLogs` over mined blocks should never send one.
    block_number: Option<String>,
    transaction_hash: Option<String>,
    log_index: Option<String>,
    // Absent is read as not removed; anvil and geth always send it.
    #[serde(default)]
    removed: bool,
}

/// The transfers in an `eth_getLogs` result, in the node's order.
///
/// Refuses the whole result if any log is of another contract than `token` (a node answering
/// another query), is not a 3-topic `Transfer` (ERC-721 `Transfer` has the same topic0 but an
/// indexed token id as a 4th topic and no data), is pending, or carries a malformed field.
pub fn decode_transfer_logs(result: &Value, token: &str) -> Result<Vec<TransferLog>, RpcError> {
    let token = normalize_address(token)?;
    let logs = Vec::<WireLog>::deserialize(result).map_err(|e| {
        RpcError::Decode(format!("not a list of logs: {}", snippet(&e.to_string())))
    })?;
    logs.into_iter().map(|log| transfer(log, &token)).collect()
}

fn transfer(log: WireLog, token: &str) -> Result<TransferLog, RpcError> {
    if !log.address.eq_ignore_ascii_case(token) {
        return Err(RpcError::Decode(format!(
            "a log of another contract: {}",
            snippet(&log.address)
        )));
    }
    let [topic0, from, to] = log.topics.as_slice() else {
        return Err(RpcError::Decode(format!(
            "a log with {} topics, not an ERC-20 Transfer",
            log.topics.len()
        )));
    };
    if !topic0.eq_ignore_ascii_case(TRANSFER_TOPIC) {
        return Err(RpcError::Decode(format!(
            "not a Transfer event: {}",
            snippet(topic0)
        )));
    }
    let mined = |field: Option<String>, name: &str| {
        field.ok_or_else(|| RpcError::Decode(format!("a pending log without {name}")))
    };
    Ok(TransferLog {
        tx_hash: hash(&mined(log.transaction_hash, "transactionHash")?)?,
        block_number: parse_u64(&mined(log.block_number, "blockNumber")?)?,
        log_index: parse_u64(&mined(log.log_index, "logIndex")?)?,
        from: topic_address(from)?,
        to: topic_address(to)?,
        amount: parse_word_u128(&log.data)?,
        removed: log.removed,
    })
}

/// A 32-byte hash, lower-cased.
fn hash(text: &str) -> Result<String, RpcError> {
    let valid = text
        .strip_prefix("0x")
        .is_some_and(|d| d.len() == 64 && d.bytes().all(|b| b.is_ascii_hexdigit()));
    if valid {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(RpcError::Decode(format!(
            "not a transaction hash: {}",
            snippet(text)
        )))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{parse_batch, recorded};
    use super::*;

    const DEV: &str = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    fn mint_log() -> Value {
        serde_json::from_str(recorded::MINT_LOG).unwrap()
    }

    fn decode_one(log: Value) -> Result<Vec<TransferLog>, RpcError> {
        decode_transfer_logs(&json!([log]), recorded::TOKEN)
    }

    fn is_decode(outcome: Result<Vec<TransferLog>, RpcError>) -> bool {
        matches!(outcome, Err(RpcError::Decode(_)))
    }

    #[test]
    fn the_recorded_logs_decode_as_transfers() {
        let results = parse_batch(recorded::BATCH, 9).unwrap();
        let logs = decode_transfer_logs(results[3].as_ref().unwrap(), recorded::TOKEN).unwrap();
        assert_eq!(
            logs,
            [
                TransferLog {
                    tx_hash: "0xa489d434075793cbcffa1048dbc7175ef84c58d175d7ae5989ada58610b4bdc9"
                        .into(),
                    block_number: 3,
                    log_index: 0,
                    from: DEV.into(),
                    to: "0x1111111111111111111111111111111111111111".into(),
                    amount: 12_345_678,
                    removed: false,
                },
                TransferLog {
                    tx_hash: "0x8cde0dd66e3ea6416b3b9228a74853f5c4aebbb174286c817dc6cca28cc37d20"
                        .into(),
                    block_number: 4,
                    log_index: 0,
                    from: DEV.into(),
                    to: "0x2222222222222222222222222222222222222222".into(),
                    amount: 5_000_000,
                    removed: false,
                },
            ]
        );
    }

    #[test]
    fn a_mint_is_a_transfer_from_the_zero_address() {
        let logs = decode_one(mint_log()).unwrap();
        assert_eq!(logs[0].from, format!("0x{}", "0".repeat(40)));
        assert_eq!(logs[0].to, DEV);
        assert_eq!(logs[0].amount, 1_000_000_000);
    }

    #[test]
    fn the_token_address_is_compared_without_case() {
        let checksummed = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        assert!(decode_transfer_logs(&json!([mint_log()]), checksummed).is_ok());
    }

    #[test]
    fn no_logs_is_no_transfers() {
        assert_eq!(
            decode_transfer_logs(&json!([]), recorded::TOKEN),
            Ok(vec![])
        );
    }

    #[test]
    fn a_result_that_is_not_a_list_of_logs_is_refused() {
        for result in [
            Value::Null,
            json!({}),
            json!("0x"),
            json!([{"address": recorded::TOKEN}]),
        ] {
            assert!(
                is_decode(decode_transfer_logs(&result, recorded::TOKEN)),
                "{result}"
            );
        }
    }

    #[test]
    fn an_invalid_token_address_is_refused() {
        assert!(matches!(
            decode_transfer_logs(&json!([]), "0x5fbdb"),
            Err(RpcError::InvalidAddress(_))
        ));
    }

    #[test]
    fn a_log_of_another_contract_is_refused() {
        let mut log = mint_log();
        log["address"] = json!("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
        assert!(is_decode(decode_one(log)));
    }

    #[test]
    fn an_nft_transfer_with_four_topics_is_refused() {
        let mut log = mint_log();
        log["topics"]
            .as_array_mut()
            .unwrap()
            .push(json!(format!("0x{:064x}", 7)));
        log["data"] = json!("0x");
        assert!(is_decode(decode_one(log)));
    }

    #[test]
    fn another_event_is_refused() {
        let mut log = mint_log();
        // topic0 of Approval(address,address,uint256).
        log["topics"][0] =
            json!("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925");
        assert!(is_decode(decode_one(log)));
    }

    #[test]
    fn a_pending_log_is_refused() {
        for field in ["blockNumber", "transactionHash", "logIndex"] {
            let mut log = mint_log();
            log[field] = Value::Null;
            assert!(is_decode(decode_one(log)), "{field}");
        }
    }

    #[test]
    fn a_removed_log_is_kept_and_flagged() {
        let mut log = mint_log();
        log["removed"] = json!(true);
        assert!(decode_one(log).unwrap()[0].removed);
    }

    #[test]
    fn a_log_without_the_removed_field_counts_as_not_removed() {
        let mut log = mint_log();
        log.as_object_mut().unwrap().remove("removed");
        assert!(!decode_one(log).unwrap()[0].removed);
    }

    #[test]
    fn malformed_fields_are_refused() {
        let cases = [
            ("data", json!("0x3b9aca00")),
            ("transactionHash", json!("0xeb805e6c")),
            ("blockNumber", json!("2")),
            ("logIndex", json!("0x")),
            ("removed", json!("false")),
        ];
        for (field, value) in cases {
            let mut log = mint_log();
            log[field] = value;
            assert!(is_decode(decode_one(log)), "{field}");
        }
        let mut log = mint_log();
        log["topics"][2] = json!(format!("0x{}", "f".repeat(64)));
        assert!(is_decode(decode_one(log)), "a topic that is not an address");
    }

    #[test]
    fn an_amount_above_u128_is_too_large() {
        let mut log = mint_log();
        log["data"] = json!(format!("0x{}", "f".repeat(64)));
        assert!(matches!(
            decode_one(log),
            Err(RpcError::TooLarge { bits: 128, .. })
        ));
    }
}
