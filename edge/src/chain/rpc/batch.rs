//! `Batch`: the calls payment detection makes, collected into one JSON-RPC batch body.
//!
//! One HTTP request per sweep instead of one per call: providers bill and rate-limit per
//! request, and a Worker has a cap on subrequests.

use serde_json::{Value, json};

use super::address::{address_word, normalize_address};
use super::error::RpcError;
use super::filter::transfer_filter;
use super::quantity::format_u64;

/// Selector of ERC-20 `balanceOf(address)`: the first 4 bytes of keccak256 of the signature.
pub const BALANCE_OF_SELECTOR: &str = "0x70a08231";

/// The block a call reads: a number, or the node's newest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockTag {
    /// A block height, sent as a hex quantity.
    Number(u64),
    /// The node's head, sent as `"latest"`: not final, a reorganisation may still replace it.
    Latest,
}

impl BlockTag {
    pub(super) fn to_param(self) -> Value {
        match self {
            BlockTag::Number(n) => Value::String(format_u64(n)),
            BlockTag::Latest => Value::String("latest".into()),
        }
    }
}

/// Calls collected for one batch. The call added n-th (from 0) gets JSON-RPC id n + 1, and its
/// answer is at index n of what [`super::parse_batch`] returns; every `add` method returns n.
///
/// Ids start at 1, as most clients' do, so no answer hinges on a server handling id 0 (falsy
/// in JavaScript, which several node proxies are written in) correctly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    calls: Vec<Value>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many calls; pass it as `expected` to [`super::parse_batch`].
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// No calls yet: an empty batch is not a valid JSON-RPC request, so do not send it.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// `eth_blockNumber`: the node's newest block.
    pub fn add_block_number(&mut self) -> usize {
        self.push("eth_blockNumber", json!([]))
    }

    /// `eth_getBalance(address, block)`: the native balance (wei) of `address`.
    pub fn add_balance(&mut self, address: &str, block: BlockTag) -> Result<usize, RpcError> {
        let address = normalize_address(address)?;
        Ok(self.push("eth_getBalance", json!([address, block.to_param()])))
    }

    /// `eth_call` of ERC-20 `balanceOf(holder)` on `token`, at `block`.
    pub fn add_token_balance(
        &mut self,
        token: &str,
        holder: &str,
        block: BlockTag,
    ) -> Result<usize, RpcError> {
        let token = normalize_address(token)?;
        let data = format!(
            "{BALANCE_OF_SELECTOR}{}",
            address_word(&normalize_address(holder)?)
        );
        // "data" rather than "input": every node takes "data", older ones only that.
        Ok(self.push(
            "eth_call",
            json!([{ "to": token, "data": data }, block.to_param()]),
        ))
    }

    /// `eth_getLogs` of `token`'s `Transfer` events to any of `recipients`, in the inclusive
    /// block range `from..=to`; refused as [`super::transfer_filter`] says.
    pub fn add_transfer_logs<S: AsRef<str>>(
        &mut self,
        token: &str,
        recipients: &[S],
        from: BlockTag,
        to: BlockTag,
    ) -> Result<usize, RpcError> {
        let filter = transfer_filter(token, recipients, from, to)?;
        Ok(self.push("eth_getLogs", json!([filter])))
    }

    /// `eth_getBlockByNumber(number, true)`: a block with its full transactions.
    pub fn add_block(&mut self, number: u64) -> usize {
        self.push(
            "eth_getBlockByNumber",
            json!([BlockTag::Number(number).to_param(), true]),
        )
    }

    /// `eth_getTransactionReceipt(hash)`; `hash` as a decoded answer gave it.
    pub fn add_receipt(&mut self, hash: &str) -> usize {
        self.push("eth_getTransactionReceipt", json!([hash]))
    }

    /// The batch as the JSON array to POST.
    pub fn to_json(&self) -> String {
        let mut body = String::from("[");
        for (n, call) in self.calls.iter().enumerate() {
            if n > 0 {
                body.push(',');
            }
            body.push_str(&call.to_string());
        }
        body.push(']');
        body
    }

    fn push(&mut self, method: &str, params: Value) -> usize {
        let index = self.calls.len();
        let id = index as u64 + 1;
        self.calls
            .push(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        index
    }
}

#[cfg(test)]
mod tests {
    use super::super::TRANSFER_TOPIC;
    use super::*;

    const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const DEV: &str = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    const DEPOSIT_1: &str = "0x1111111111111111111111111111111111111111";

    fn body(batch: &Batch) -> Value {
        serde_json::from_str(&batch.to_json()).unwrap()
    }

    #[test]
    fn calls_get_ids_from_one_in_order_and_return_their_index() {
        let mut batch = Batch::new();
        assert!(batch.is_empty());
        assert_eq!(batch.add_block_number(), 0);
        assert_eq!(batch.add_balance(DEV, BlockTag::Latest), Ok(1));
        assert_eq!(
            batch.add_token_balance(TOKEN, DEV, BlockTag::Number(16)),
            Ok(2)
        );
        assert_eq!(batch.len(), 3);
        let ids: Vec<u64> = body(&batch)
            .as_array()
            .unwrap()
            .iter()
            .map(|call| call["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn the_body_is_an_array_of_json_rpc_calls() {
        let mut batch = Batch::new();
        batch.add_block_number();
        batch.add_balance(DEV, BlockTag::Number(16)).unwrap();
        batch
            .add_token_balance(TOKEN, DEPOSIT_1, BlockTag::Latest)
            .unwrap();
        let expected = json!([
            { "jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber", "params": [] },
            { "jsonrpc": "2.0", "id": 2, "method": "eth_getBalance", "params": [DEV, "0x10"] },
            { "jsonrpc": "2.0", "id": 3, "method": "eth_call", "params": [{
                "to": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "data": "0x70a082310000000000000000000000001111111111111111111111111111111111111111",
            }, "latest"] },
        ]);
        assert_eq!(body(&batch), expected);
    }

    #[test]
    fn an_empty_batch_is_an_empty_array() {
        assert_eq!(Batch::new().to_json(), "[]");
    }

    #[test]
    fn a_call_with_an_invalid_address_is_refused_and_not_added() {
        let mut batch = Batch::new();
        let short = "0x1111";
        assert!(matches!(
            batch.add_balance(short, BlockTag::Latest),
            Err(RpcError::InvalidAddress(_))
        ));
        assert!(
            batch
                .add_token_balance(short, DEV, BlockTag::Latest)
                .is_err()
        );
        assert!(
            batch
                .add_token_balance(TOKEN, short, BlockTag::Latest)
                .is_err()
        );
        assert!(
            batch
                .add_transfer_logs(short, &[DEV], BlockTag::Number(0), BlockTag::Latest)
                .is_err()
        );
        assert!(
            batch
                .add_transfer_logs(TOKEN, &[DEV, short], BlockTag::Number(0), BlockTag::Latest)
                .is_err()
        );
        assert!(batch.is_empty());
    }

    #[test]
    fn a_transfer_log_query_is_an_eth_get_logs_call_with_its_filter() {
        let mut batch = Batch::new();
        let index = batch
            .add_transfer_logs(
                TOKEN,
                &[DEPOSIT_1],
                BlockTag::Number(3),
                BlockTag::Number(20),
            )
            .unwrap();
        assert_eq!(index, 0);
        let expected = json!([{ "jsonrpc": "2.0", "id": 1, "method": "eth_getLogs", "params": [{
            "fromBlock": "0x3",
            "toBlock": "0x14",
            "address": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "topics": [
                TRANSFER_TOPIC,
                null,
                "0x0000000000000000000000001111111111111111111111111111111111111111",
            ],
        }] }]);
        assert_eq!(body(&batch), expected);
    }
}
