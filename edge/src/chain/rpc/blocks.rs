//! Blocks with their transactions (`eth_getBlockByNumber(n, true)`) and receipts
//! (`eth_getTransactionReceipt`), read for native-coin payments: a block's top-level
//! transactions name their recipient, value and hash; a receipt says whether one succeeded
//! and where it is now (a reorg moves or drops it).

use serde::Deserialize;
use serde_json::Value;

use super::address::normalize_address;
use super::error::{RpcError, snippet};
use super::quantity::{parse_u64, parse_u128};

/// A top-level transaction with value to an address: the native coin's own "transfer log".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueTransfer {
    /// Lower-case `0x` hex.
    pub tx_hash: String,
    /// Lower-case `0x` address.
    pub to: String,
    /// Wei.
    pub value: u128,
    pub block_number: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireBlock {
    number: String,
    transactions: Vec<WireTx>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireTx {
    hash: String,
    // Null for a contract creation.
    to: Option<String>,
    value: String,
}

/// The transactions with value in a block read with full transactions. `null` (a block past
/// the node's head) and a block of hashes only (`false` was sent) are refused.
pub fn decode_block_transfers(result: &Value) -> Result<Vec<ValueTransfer>, RpcError> {
    if result.is_null() {
        return Err(RpcError::Decode("no such block".into()));
    }
    let block = WireBlock::deserialize(result).map_err(|e| {
        RpcError::Decode(format!(
            "not a block with transactions: {}",
            snippet(&e.to_string())
        ))
    })?;
    let number = parse_u64(&block.number)?;
    let mut found = Vec::new();
    for tx in block.transactions {
        let value = parse_u128(&tx.value)?;
        let Some(to) = tx.to else { continue };
        if value == 0 {
            continue;
        }
        found.push(ValueTransfer {
            tx_hash: hash(&tx.hash)?,
            to: normalize_address(&to)?,
            value,
            block_number: number,
        });
    }
    Ok(found)
}

/// Where a transaction is now, by its receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    pub block_number: u64,
    /// `status` 1: the value moved. A reverted transaction moved nothing but its fee.
    pub success: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireReceipt {
    block_number: Option<String>,
    status: Option<String>,
}

/// A receipt, or `None` when the node knows no mined transaction of that hash (never sent,
/// still pending, or dropped by a reorg).
pub fn decode_receipt(result: &Value) -> Result<Option<Receipt>, RpcError> {
    if result.is_null() {
        return Ok(None);
    }
    let receipt = WireReceipt::deserialize(result)
        .map_err(|e| RpcError::Decode(format!("not a receipt: {}", snippet(&e.to_string()))))?;
    let Some(block) = receipt.block_number else {
        return Ok(None);
    };
    let success = match receipt.status.as_deref() {
        Some("0x1") => true,
        Some("0x0") => false,
        other => {
            return Err(RpcError::Decode(format!(
                "a receipt status of {}",
                snippet(&format!("{other:?}"))
            )));
        }
    };
    Ok(Some(Receipt {
        block_number: parse_u64(&block)?,
        success,
    }))
}

/// A 32-byte hash, lower-cased.
pub(super) fn hash(text: &str) -> Result<String, RpcError> {
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

    use super::*;

    const H1: &str = "0xA489d434075793cbcffa1048dbc7175ef84c58d175d7ae5989ada58610b4bdc9";
    const H2: &str = "0x8cde0dd66e3ea6416b3b9228a74853f5c4aebbb174286c817dc6cca28cc37d20";

    /// Shaped as anvil 1.7.1 answers `eth_getBlockByNumber("0x5", true)` (fields trimmed).
    fn block() -> Value {
        json!({
            "number": "0x5",
            "hash": "0x99ff",
            "transactions": [
                { "hash": H1, "from": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                  "to": "0x1111111111111111111111111111111111111111", "value": "0xde0b6b3a7640000",
                  "input": "0x", "blockNumber": "0x5" },
                { "hash": H2, "to": null, "value": "0x0", "input": "0x6080" },
                { "hash": H2, "to": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "value": "0x0",
                  "input": "0xa9059cbb" },
            ],
        })
    }

    #[test]
    fn a_blocks_transactions_with_value_are_its_transfers() {
        assert_eq!(
            decode_block_transfers(&block()),
            Ok(vec![ValueTransfer {
                tx_hash: H1.to_ascii_lowercase(),
                to: "0x1111111111111111111111111111111111111111".into(),
                value: 1_000_000_000_000_000_000,
                block_number: 5,
            }])
        );
    }

    #[test]
    fn no_block_and_a_block_of_hashes_are_refused() {
        assert!(decode_block_transfers(&Value::Null).is_err());
        let hashes = json!({ "number": "0x5", "transactions": [H1] });
        assert!(decode_block_transfers(&hashes).is_err());
        let mut bad = block();
        bad["transactions"][0]["value"] = json!("12");
        assert!(decode_block_transfers(&bad).is_err());
    }

    #[test]
    fn a_receipt_says_where_and_whether_and_null_is_none() {
        let ok = json!({ "blockNumber": "0x7", "status": "0x1", "transactionHash": H1 });
        assert_eq!(
            decode_receipt(&ok),
            Ok(Some(Receipt {
                block_number: 7,
                success: true
            }))
        );
        let reverted = json!({ "blockNumber": "0x7", "status": "0x0" });
        assert_eq!(
            decode_receipt(&reverted).unwrap().map(|r| r.success),
            Some(false)
        );
        assert_eq!(decode_receipt(&Value::Null), Ok(None));
        assert!(decode_receipt(&json!({ "blockNumber": "0x7", "status": "1" })).is_err());
        assert!(decode_receipt(&json!("0x1")).is_err());
    }
}
