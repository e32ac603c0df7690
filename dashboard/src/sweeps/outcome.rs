//! Where one sweep transaction stands, from the wallet's first prompt to its receipt, and the
//! words each state shows the merchant: pure, so the host tests check every rule.

use paylink_widget::wallet::WalletError;

/// One sweep transaction's state on the page. A sweep is sent once: a second send of the
/// same plan after it was mined would only pay gas to move nothing, so [`Outcome::can_send`]
/// is false from the moment the wallet has it until a receipt says it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not sent yet.
    Ready,
    /// The wallet is asking the merchant.
    Asking,
    /// The wallet did not send it (cancelled, unknown chain, …): nothing left the page.
    Refused(String),
    /// The wallet sent it; no receipt yet.
    Pending { hash: String },
    /// Mined and succeeded: the deposits are at the payout address.
    Swept { hash: String, block: u64 },
    /// Mined and reverted: nothing moved, gas was spent.
    Reverted { hash: String, block: u64 },
    /// Still no receipt after the page stopped waiting.
    Unseen { hash: String },
}

impl Outcome {
    /// What the wallet's refusal means for the merchant, in their words.
    pub fn refused(error: WalletError) -> Self {
        Outcome::Refused(match error {
            WalletError::Rejected => "You cancelled in your wallet; nothing was sent.".into(),
            WalletError::UnknownChain(id) => {
                format!("Your wallet does not know chain {id}: add it there, then retry.")
            }
            WalletError::NoAccount => "Your wallet shared no account to send from.".into(),
            WalletError::Quote(e) => format!("This transaction cannot be sent: {e}."),
            WalletError::Other(m) => format!("Your wallet said: {m}"),
        })
    }

    /// A receipt's `status` and `blockNumber` (`0x` quantities, as EIP-1474 answers them);
    /// `None` when they are not that, so a malformed answer is waited on, not believed.
    pub fn of_receipt(hash: &str, status: &str, block: &str) -> Option<Self> {
        let block = quantity(block)?;
        let hash = hash.to_owned();
        match quantity(status)? {
            1 => Some(Outcome::Swept { hash, block }),
            0 => Some(Outcome::Reverted { hash, block }),
            _ => None,
        }
    }

    /// The sentence shown for this state; empty before anything happened.
    pub fn words(&self) -> String {
        match self {
            Outcome::Ready => String::new(),
            Outcome::Asking => "Confirm in your wallet…".into(),
            Outcome::Refused(why) => why.clone(),
            Outcome::Pending { .. } => "Sent; waiting for it to be mined…".into(),
            Outcome::Swept { block, .. } => {
                format!("Swept in block {block}: the funds are at the payout address.")
            }
            // A flush reverts only when it runs out of gas (ARCHITECTURE.md, payout mode), so
            // the way out is the same transaction with the limit the plan gave.
            Outcome::Reverted { block, .. } => format!(
                "This sweep failed in block {block} and moved nothing, most likely for want of \
                 gas: send it again with the gas limit shown."
            ),
            Outcome::Unseen { .. } => "Sent, but not mined yet: check it in your wallet, and \
                 reload this page once it is."
                .into(),
        }
    }

    /// The transaction's hash, once the wallet has sent it.
    pub fn hash(&self) -> Option<&str> {
        match self {
            Outcome::Pending { hash }
            | Outcome::Swept { hash, .. }
            | Outcome::Reverted { hash, .. }
            | Outcome::Unseen { hash } => Some(hash),
            Outcome::Ready | Outcome::Asking | Outcome::Refused(_) => None,
        }
    }

    /// Whether the send button works: not while the wallet asks or the chain has it, and not
    /// once it succeeded; again after a failure, or once the page gave up waiting (the
    /// transaction may have been dropped, and sending a sweep twice only costs gas).
    pub fn can_send(&self) -> bool {
        match self {
            Outcome::Ready
            | Outcome::Refused(_)
            | Outcome::Reverted { .. }
            | Outcome::Unseen { .. } => true,
            Outcome::Asking | Outcome::Pending { .. } | Outcome::Swept { .. } => false,
        }
    }

    /// Whether the button is shown at all: a mined sweep has nothing left to send.
    pub fn offers_send(&self) -> bool {
        !matches!(self, Outcome::Swept { .. })
    }
}

/// `gas` (decimal, as the API answers it) as the `0x` quantity a wallet takes; `None` if it
/// is no number.
pub fn hex_gas(gas: &str) -> Option<String> {
    gas.parse::<u64>().ok().map(|g| format!("0x{g:x}"))
}

/// A `0x` hex quantity (EIP-1474: no leading zeros required here, at least one digit).
fn quantity(text: &str) -> Option<u64> {
    let digits = text.strip_prefix("0x")?;
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0xabc";

    #[test]
    fn gas_becomes_a_hex_quantity() {
        assert_eq!(hex_gas("12000000").as_deref(), Some("0xb71b00"));
        assert_eq!(hex_gas("lots"), None);
    }

    #[test]
    fn a_receipt_with_status_one_is_swept_and_zero_reverted_in_its_block() {
        assert_eq!(
            Outcome::of_receipt(HASH, "0x1", "0x2a"),
            Some(Outcome::Swept {
                hash: HASH.into(),
                block: 42
            })
        );
        assert_eq!(
            Outcome::of_receipt(HASH, "0x0", "0x2a"),
            Some(Outcome::Reverted {
                hash: HASH.into(),
                block: 42
            })
        );
    }

    #[test]
    fn a_receipt_that_is_not_hex_quantities_is_not_believed() {
        for (status, block) in [
            ("1", "0x2a"),
            ("0x1", "42"),
            ("0x", "0x2a"),
            ("0x2", "0x2a"),
            ("0x1", "0xzz"),
        ] {
            assert_eq!(
                Outcome::of_receipt(HASH, status, block),
                None,
                "{status} {block}"
            );
        }
    }

    #[test]
    fn the_button_works_before_and_after_a_failure_only() {
        let pending = Outcome::Pending { hash: HASH.into() };
        let swept = Outcome::Swept {
            hash: HASH.into(),
            block: 1,
        };
        let reverted = Outcome::Reverted {
            hash: HASH.into(),
            block: 1,
        };
        assert!(Outcome::Ready.can_send());
        assert!(Outcome::refused(WalletError::Rejected).can_send());
        assert!(reverted.can_send());
        assert!(Outcome::Unseen { hash: HASH.into() }.can_send());
        assert!(!Outcome::Asking.can_send());
        assert!(!pending.can_send());
        assert!(!swept.can_send());
        assert!(!swept.offers_send());
        assert!(pending.offers_send());
    }

    #[test]
    fn the_hash_is_shown_once_the_wallet_sent_it() {
        assert_eq!(Outcome::Pending { hash: HASH.into() }.hash(), Some(HASH));
        assert_eq!(Outcome::Unseen { hash: HASH.into() }.hash(), Some(HASH));
        assert_eq!(Outcome::Asking.hash(), None);
        assert_eq!(Outcome::refused(WalletError::NoAccount).hash(), None);
    }

    #[test]
    fn a_refusal_says_what_happened_and_what_to_do() {
        assert_eq!(
            Outcome::refused(WalletError::UnknownChain(31337)).words(),
            "Your wallet does not know chain 31337: add it there, then retry."
        );
        assert_eq!(
            Outcome::refused(WalletError::Rejected).words(),
            "You cancelled in your wallet; nothing was sent."
        );
        assert_eq!(Outcome::Ready.words(), "");
        assert_eq!(
            Outcome::Reverted {
                hash: HASH.into(),
                block: 7
            }
            .words(),
            "This sweep failed in block 7 and moved nothing, most likely for want of gas: send \
             it again with the gas limit shown."
        );
        assert_eq!(
            Outcome::Swept {
                hash: HASH.into(),
                block: 7
            }
            .words(),
            "Swept in block 7: the funds are at the payout address."
        );
    }
}
