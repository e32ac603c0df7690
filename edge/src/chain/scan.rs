//! The block scan, pure: which blocks a check reads with their transactions (once per block
//! and chain in the cron sweep, not once per session), and the top-level transfers in them
//! to the addresses watched.
//!
//! The chain's cursor (`chain_checks.scanned_block`) is the last block the sweep read. A check
//! reads the blocks after it up to the head, at most [`MAX_SCAN_BLOCKS`]: after an outage the
//! older blocks are skipped, and a payment in them is counted by balance (`tx_hash: null`)
//! rather than keeping every confirmation waiting until the scan caught up.

use serde_json::Value;

use crate::chain::rpc::{Batch, RpcError, ValueTransfer, decode_block_transfers};

/// Most blocks one check reads (a minute of Base is 30).
pub const MAX_SCAN_BLOCKS: u64 = 64;
/// Most blocks per JSON-RPC batch: full blocks are large, and a node caps its answers.
pub const BLOCKS_PER_BATCH: u64 = 16;

/// The blocks `from..=to` a check reads; empty when `from > to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: u64,
    pub to: u64,
}

impl Range {
    pub fn is_empty(&self) -> bool {
        self.from > self.to
    }

    pub fn len(&self) -> u64 {
        if self.is_empty() {
            0
        } else {
            self.to - self.from + 1
        }
    }
}

/// The blocks to read after `cursor` up to `head`. A chain that went back (`head` at or
/// below the cursor, after a reorg to a shorter chain) reads nothing: its blocks up to the
/// head were read, and re-mined ones are checked by the receipts of the credits they held.
pub fn range(cursor: Option<u64>, head: u64) -> Range {
    let oldest = head.saturating_sub(MAX_SCAN_BLOCKS - 1);
    let from = cursor.map_or(oldest, |c| (c + 1).max(oldest));
    Range { from, to: head }
}

/// The blocks a check asks for beside the head, before it knows it: the most a scan reads
/// after the cursor. Blocks not mined yet answer `null`. Without a cursor (the chain's first
/// check) the head comes first.
pub fn ahead(cursor: Option<u64>) -> Option<Range> {
    let from = cursor?.checked_add(1)?;
    Some(Range {
        from,
        to: from.saturating_add(MAX_SCAN_BLOCKS - 1),
    })
}

/// The transfers to `watched` in the blocks [`range`] gives for `cursor` and `head`, read from
/// the answers for the blocks `asked` ahead (in order). `None` when they do not hold the whole
/// range: the chain ran further ahead than a scan reads, or a block up to the head was not
/// mined yet when it was asked; the caller then reads the range itself.
pub fn read_ahead(
    asked: Range,
    answers: &[Result<Value, RpcError>],
    cursor: Option<u64>,
    head: u64,
    watched: &[String],
) -> Option<Result<Vec<ValueTransfer>, RpcError>> {
    let wanted = range(cursor, head);
    if wanted.is_empty() {
        return Some(Ok(Vec::new()));
    }
    if wanted.from < asked.from || wanted.to > asked.to {
        return None;
    }
    let first = usize::try_from(wanted.from - asked.from).ok()?;
    let count = usize::try_from(wanted.len()).ok()?;
    let blocks = answers.get(first..first + count)?;
    if blocks.iter().any(|b| matches!(b, Ok(Value::Null))) {
        return None;
    }
    Some(transfers(blocks, watched))
}

/// The batches that read `range`, each with the first block it holds.
pub fn batches(range: Range) -> Vec<Batch> {
    let mut batches = Vec::new();
    let mut block = range.from;
    while block <= range.to {
        let mut batch = Batch::new();
        let last = range.to.min(block + BLOCKS_PER_BATCH - 1);
        for n in block..=last {
            batch.add_block(n);
        }
        batches.push(batch);
        block = last + 1;
    }
    batches
}

/// The transfers to `watched` (lower-case addresses) in a batch's answers; any failed call
/// fails the scan (never a guess: the check then stops for this chain).
pub fn transfers(
    answers: &[Result<Value, RpcError>],
    watched: &[String],
) -> Result<Vec<ValueTransfer>, RpcError> {
    let mut found = Vec::new();
    for answer in answers {
        let block = answer.as_ref().map_err(Clone::clone)?;
        found.extend(
            decode_block_transfers(block)?
                .into_iter()
                .filter(|t| watched.contains(&t.to)),
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_scan_reads_from_after_the_cursor_to_the_head() {
        assert_eq!(range(Some(100), 105), Range { from: 101, to: 105 });
        assert_eq!(range(Some(105), 105).len(), 0);
        assert!(range(Some(110), 105).is_empty(), "a chain that went back");
    }

    #[test]
    fn a_first_scan_or_one_after_an_outage_reads_only_the_newest_blocks() {
        assert_eq!(
            range(None, 1_000),
            Range {
                from: 937,
                to: 1_000
            }
        );
        assert_eq!(range(Some(10), 1_000).len(), MAX_SCAN_BLOCKS);
        assert_eq!(range(None, 3), Range { from: 0, to: 3 });
    }

    fn block(n: u64) -> Result<Value, RpcError> {
        let to = "0x1111111111111111111111111111111111111111";
        let hash = format!("0x{}", "a".repeat(64));
        Ok(json!({ "number": format!("0x{n:x}"), "transactions": [
            { "hash": hash, "to": to, "value": "0x5" },
        ] }))
    }

    #[test]
    fn blocks_asked_ahead_are_the_next_a_scan_reads_and_none_before_a_cursor() {
        assert_eq!(ahead(None), None);
        assert_eq!(
            ahead(Some(100)),
            Some(Range {
                from: 101,
                to: 100 + MAX_SCAN_BLOCKS
            })
        );
    }

    #[test]
    fn the_blocks_asked_ahead_serve_the_scan_up_to_the_head_and_the_later_ones_are_left() {
        let watched = ["0x1111111111111111111111111111111111111111".to_owned()];
        let asked = ahead(Some(100)).unwrap();
        // 101..=103 mined, the rest not yet.
        let mut answers: Vec<_> = (101..=103).map(block).collect();
        answers.resize_with(MAX_SCAN_BLOCKS as usize, || Ok(Value::Null));
        let found = read_ahead(asked, &answers, Some(100), 103, &watched)
            .unwrap()
            .unwrap();
        assert_eq!(
            found.iter().map(|t| t.block_number).collect::<Vec<_>>(),
            [101, 102, 103]
        );
        // Nothing new, or a chain that went back: nothing to read.
        assert_eq!(
            read_ahead(asked, &answers, Some(100), 100, &watched).map(|r| r.unwrap().len()),
            Some(0)
        );
    }

    #[test]
    fn blocks_asked_ahead_that_miss_part_of_the_range_are_read_again() {
        let watched = ["0x1111111111111111111111111111111111111111".to_owned()];
        let asked = ahead(Some(100)).unwrap();
        let mut answers: Vec<_> = (101..=102).map(block).collect();
        answers.resize_with(MAX_SCAN_BLOCKS as usize, || Ok(Value::Null));
        // Block 103 was mined after it was asked for, before the head was.
        assert!(read_ahead(asked, &answers, Some(100), 103, &watched).is_none());
        // The chain ran further than a scan reads: the range starts later than what was asked.
        assert!(
            read_ahead(
                asked,
                &answers,
                Some(100),
                100 + MAX_SCAN_BLOCKS + 5,
                &watched
            )
            .is_none()
        );
        // A failed call still fails the scan.
        answers[0] = Err(RpcError::Transport("down".into()));
        assert!(matches!(
            read_ahead(asked, &answers, Some(100), 102, &watched),
            Some(Err(_))
        ));
    }

    #[test]
    fn blocks_are_read_in_bounded_batches_with_full_transactions() {
        let all = batches(Range { from: 1, to: 40 });
        assert_eq!(all.iter().map(Batch::len).collect::<Vec<_>>(), [16, 16, 8]);
        let body: Value = serde_json::from_str(&all[0].to_json()).unwrap();
        assert_eq!(body[0]["method"], "eth_getBlockByNumber");
        assert_eq!(body[0]["params"], json!(["0x1", true]));
        assert!(batches(Range { from: 5, to: 4 }).is_empty());
    }

    #[test]
    fn only_transfers_to_watched_addresses_are_kept_and_a_failed_block_fails_the_scan() {
        let to = |a: &str, hash: char| json!({ "hash": format!("0x{}", hash.to_string().repeat(64)), "to": a, "value": "0x5" });
        let mine = "0x1111111111111111111111111111111111111111";
        let block = json!({ "number": "0x9", "transactions": [
            to(mine, 'a'), to("0x2222222222222222222222222222222222222222", 'b'),
        ] });
        let found = transfers(&[Ok(block.clone())], &[mine.to_owned()]).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].value, found[0].block_number), (5, 9));
        let failed = Err(RpcError::Rpc {
            code: -32000,
            message: "header not found".into(),
        });
        assert!(transfers(&[Ok(block), failed], &[mine.to_owned()]).is_err());
    }
}
