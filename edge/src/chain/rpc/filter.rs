//! The `eth_getLogs` filter for ERC-20 `Transfer` events of one token to deposit addresses.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::address::{address_word, normalize_address};
use super::batch::BlockTag;
use super::error::RpcError;

/// topic0 of `Transfer(address,address,uint256)`: keccak256 of that signature.
pub const TRANSFER_TOPIC: &str =
    "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

/// Most deposit addresses in one filter: geth refuses more than 1000 alternatives in one topic
/// position ("exceed max topics"); a caller with more splits them over several calls.
pub const MAX_LOG_ADDRESSES: usize = 1000;

/// The filter object for `token`'s transfers to any of `recipients` in blocks `from..=to`:
/// topic 2 is the recipient's 32-byte word, alone or as an array of alternatives.
///
/// Refuses an empty recipient list (an empty alternative list is a wildcard to nodes: it
/// would return every transfer of the token), more than [`MAX_LOG_ADDRESSES`] distinct
/// recipients, an invalid address, and a range that is reversed or starts at `Latest` but ends
/// at a number. Recipients repeated in any letter case are named once.
pub fn transfer_filter<S: AsRef<str>>(
    token: &str,
    recipients: &[S],
    from: BlockTag,
    to: BlockTag,
) -> Result<Value, RpcError> {
    let token = normalize_address(token)?;
    check_range(from, to)?;
    let mut seen = BTreeSet::new();
    let mut topics = Vec::new();
    for recipient in recipients {
        let recipient = normalize_address(recipient.as_ref())?;
        if seen.insert(recipient.clone()) {
            topics.push(Value::String(format!("0x{}", address_word(&recipient))));
        }
    }
    let recipient_topic = match topics.len() {
        0 => return Err(RpcError::InvalidRequest("no recipient to look for")),
        1 => topics.swap_remove(0),
        n if n > MAX_LOG_ADDRESSES => {
            return Err(RpcError::InvalidRequest(
                "more recipients than one query may name",
            ));
        }
        _ => Value::Array(topics),
    };
    Ok(json!({
        "fromBlock": from.to_param(),
        "toBlock": to.to_param(),
        "address": token,
        // Position 1 (the sender) is null: a payment may come from anyone.
        "topics": [TRANSFER_TOPIC, Value::Null, recipient_topic],
    }))
}

fn check_range(from: BlockTag, to: BlockTag) -> Result<(), RpcError> {
    match (from, to) {
        (BlockTag::Number(from), BlockTag::Number(to)) if from > to => Err(
            RpcError::InvalidRequest("block range ends before it starts"),
        ),
        (BlockTag::Latest, BlockTag::Number(_)) => Err(RpcError::InvalidRequest(
            "block range starts at \"latest\" but ends at a fixed block",
        )),
        (BlockTag::Number(_), BlockTag::Number(_))
        | (BlockTag::Number(_), BlockTag::Latest)
        | (BlockTag::Latest, BlockTag::Latest) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const DEPOSIT_1: &str = "0x1111111111111111111111111111111111111111";
    const DEPOSIT_2: &str = "0x2222222222222222222222222222222222222222";
    const ALL_BLOCKS: (BlockTag, BlockTag) = (BlockTag::Number(0), BlockTag::Latest);

    fn filter<S: AsRef<str>>(recipients: &[S]) -> Result<Value, RpcError> {
        transfer_filter(TOKEN, recipients, ALL_BLOCKS.0, ALL_BLOCKS.1)
    }

    #[test]
    fn one_recipient_is_topic_2_alone() {
        let expected = json!({
            "fromBlock": "0x3",
            "toBlock": "0x14",
            "address": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "topics": [
                TRANSFER_TOPIC,
                null,
                "0x0000000000000000000000001111111111111111111111111111111111111111",
            ],
        });
        let built = transfer_filter(
            TOKEN,
            &[DEPOSIT_1],
            BlockTag::Number(3),
            BlockTag::Number(20),
        );
        assert_eq!(built, Ok(expected));
    }

    #[test]
    fn many_recipients_are_one_array_without_duplicates() {
        let upper = DEPOSIT_2.to_uppercase().replacen("0X", "0x", 1);
        let built = filter(&[DEPOSIT_1, DEPOSIT_2, &upper]).unwrap();
        assert_eq!(built["toBlock"], "latest");
        assert_eq!(
            built["topics"][2],
            json!([
                "0x0000000000000000000000001111111111111111111111111111111111111111",
                "0x0000000000000000000000002222222222222222222222222222222222222222",
            ])
        );
    }

    #[test]
    fn at_least_one_recipient_is_needed() {
        let none: [&str; 0] = [];
        assert!(matches!(filter(&none), Err(RpcError::InvalidRequest(_))));
    }

    #[test]
    fn at_most_the_limit_of_recipients_is_taken() {
        let addresses: Vec<String> = (0..=MAX_LOG_ADDRESSES)
            .map(|n| format!("0x{n:040x}"))
            .collect();
        assert!(filter(&addresses[..MAX_LOG_ADDRESSES]).is_ok());
        assert!(matches!(
            filter(&addresses),
            Err(RpcError::InvalidRequest(_))
        ));
    }

    #[test]
    fn invalid_addresses_are_refused() {
        assert!(matches!(
            transfer_filter("0x5fbdb", &[DEPOSIT_1], ALL_BLOCKS.0, ALL_BLOCKS.1),
            Err(RpcError::InvalidAddress(_))
        ));
        assert!(matches!(
            filter(&[DEPOSIT_1, "0x1111"]),
            Err(RpcError::InvalidAddress(_))
        ));
    }

    #[test]
    fn a_block_range_must_not_run_backwards() {
        let one = [DEPOSIT_1];
        let ok = [
            (BlockTag::Number(7), BlockTag::Number(7)),
            (BlockTag::Latest, BlockTag::Latest),
        ];
        for (from, to) in ok {
            assert!(transfer_filter(TOKEN, &one, from, to).is_ok());
        }
        let backwards = [
            (BlockTag::Number(8), BlockTag::Number(7)),
            (BlockTag::Latest, BlockTag::Number(7)),
        ];
        for (from, to) in backwards {
            assert!(matches!(
                transfer_filter(TOKEN, &one, from, to),
                Err(RpcError::InvalidRequest(_))
            ));
        }
    }
}
