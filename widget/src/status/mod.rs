//! What a checkout session's status means to the customer, in plain words, decided purely.

pub mod panel;
pub(crate) mod poll;

use shared::money::{Asset, CryptoAmount};
use shared::session::SessionStatus;

use crate::objects::Session;

/// How a status reads at a glance; each maps to a colour in the stylesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Waiting,
    Done,
    Problem,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Waiting => "status status-waiting",
            Tone::Done => "status status-done",
            Tone::Problem => "status status-problem",
        }
    }
}

/// The status as shown: a headline and a sentence for the live region, and what was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusView {
    pub tone: Tone,
    pub headline: String,
    pub detail: String,
    /// For money that is the merchant's: what arrived and the transactions that carried it.
    pub receipt: Option<Receipt>,
    /// Whether the customer may get a fresh quote from here: the quote ran out unpaid (a new
    /// quote on the same session), or a link's session expired (a new session on the link).
    pub can_requote: bool,
    /// Money beyond what settled the session (a payment to an earlier quote's address), in
    /// whole units with the symbol: received, and the merchant's to settle with the customer.
    pub extras: Vec<String>,
}

/// What arrived, for the customer's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// Whole units and symbol, e.g. `0.004166666666666667 ETH`.
    pub amount: String,
    /// Hashes of the transactions seen, when the chain watcher knows them.
    pub tx_hashes: Vec<String>,
}

/// `text` base units of `asset` in whole units with the symbol; the raw text if the asset is
/// unknown.
fn show(asset: &str, text: &str) -> String {
    match (Asset::parse(asset), text.parse::<u128>()) {
        (Ok(asset), Ok(units)) => {
            format!("{} {asset}", CryptoAmount::from_base_units(units, asset))
        }
        _ => text.to_owned(),
    }
}

fn units(text: &str) -> u128 {
    text.parse().unwrap_or(0)
}

fn confirmations(n: u32) -> String {
    match n {
        1 => "1 confirmation".into(),
        n => format!("{n} confirmations"),
    }
}

impl StatusView {
    /// Every status the API sends, matched without a catch-all so a new one must be worded.
    /// `quote_over`: the page's countdown reached zero (the server may not have said so yet).
    pub fn of(session: &Session, quote_over: bool) -> Self {
        let (asset, due) = session
            .quote
            .as_ref()
            .map_or(("", "0"), |q| (q.asset.as_str(), q.amount_due.as_str()));
        let u = |text: &str| show(asset, text);
        let received = units(&session.amount_received);
        let due = units(due);
        let receipt = || {
            Some(Receipt {
                amount: u(&session.amount_received),
                tx_hashes: session
                    .payments
                    .iter()
                    .filter(|p| !p.extra)
                    .filter_map(|p| p.tx_hash.clone())
                    .collect(),
            })
        };
        // A link's session can start over on the link; a merchant's checkout only through the
        // merchant.
        let on_link = session.payment_link.is_some();
        let start_again = if on_link {
            "Get a new quote to pay."
        } else if session.cancel_url.is_some() {
            "Return to the merchant to start again."
        } else {
            "Ask the merchant for a new checkout."
        };
        let view = |tone, headline: &str, detail: String| StatusView {
            tone,
            headline: headline.into(),
            detail,
            receipt: None,
            can_requote: false,
            extras: session
                .payments
                .iter()
                .filter(|p| p.extra)
                .map(|p| show(&p.asset, &p.amount))
                .collect(),
        };
        let Some(status) = SessionStatus::parse(&session.status) else {
            return view(
                Tone::Waiting,
                "Checking your payment",
                "This page updates by itself.".into(),
            );
        };
        match status {
            // A payment sent just in time can still be seen: the chain is watched a while.
            SessionStatus::Open if quote_over && received == 0 => StatusView {
                can_requote: true,
                ..view(
                    Tone::Problem,
                    "The quote has run out",
                    "If you already paid, this page updates by itself. Otherwise, get a new quote \
                     or choose another way to pay."
                        .into(),
                )
            },
            SessionStatus::Open if received > 0 => view(
                Tone::Waiting,
                "Waiting for your payment",
                format!(
                    "Received so far: {} of {}.",
                    u(&session.amount_received),
                    u(session
                        .quote
                        .as_ref()
                        .map_or("0", |q| q.amount_due.as_str()))
                ),
            ),
            SessionStatus::Open => view(
                Tone::Waiting,
                "Waiting for your payment",
                "This page updates by itself once your payment is seen.".into(),
            ),
            SessionStatus::Pending => view(
                Tone::Waiting,
                "Payment seen, waiting for confirmations",
                format!(
                    "The network needs {} before the payment counts. This page updates by itself.",
                    confirmations(session.confirmations_required)
                ),
            ),
            SessionStatus::Paid => StatusView {
                receipt: receipt(),
                ..view(
                    Tone::Done,
                    "Payment received",
                    format!("Thank you. {} arrived.", u(&session.amount_received)),
                )
            },
            // Overpaid by extra payments to other quotes only: they are named on their own.
            SessionStatus::Overpaid if received <= due => StatusView {
                receipt: receipt(),
                ..view(
                    Tone::Done,
                    "Payment received",
                    format!("Thank you. {} arrived.", u(&session.amount_received)),
                )
            },
            SessionStatus::Overpaid => StatusView {
                receipt: receipt(),
                ..view(
                    Tone::Done,
                    "Payment received",
                    format!(
                        "Thank you. You sent {} more than the amount due; ask the merchant \
                         about the difference.",
                        u(&received.saturating_sub(due).to_string())
                    ),
                )
            },
            SessionStatus::PaidLate => StatusView {
                receipt: receipt(),
                ..view(
                    Tone::Problem,
                    "Payment received after the quote ended",
                    "The merchant will contact you.".into(),
                )
            },
            SessionStatus::Underpaid => view(
                Tone::Problem,
                "Payment incomplete",
                format!(
                    "The quote ended with {} received, {} short. Contact the merchant to settle \
                     the rest.",
                    u(&session.amount_received),
                    u(&session.amount_remaining)
                ),
            ),
            SessionStatus::Expired => StatusView {
                can_requote: on_link,
                ..view(
                    Tone::Problem,
                    "This checkout has expired",
                    ["Nothing was received. ", start_again].concat(),
                )
            },
            SessionStatus::Canceled => view(
                Tone::Problem,
                "This checkout was canceled",
                [
                    "Nothing was charged. ",
                    if session.cancel_url.is_some() {
                        "Return to the merchant to start again."
                    } else {
                        "Ask the merchant how to pay."
                    },
                ]
                .concat(),
            ),
        }
    }
}

/// `url` when it is a web address: nothing else is offered as a place to go.
pub(crate) fn web_url(url: &Option<String>) -> Option<String> {
    url.clone()
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
}

/// The session's way back to the merchant, when it offers one (a web address only), and its
/// words: cancelling while the session is open, returning once it ended.
pub fn way_back(session: &Session) -> Option<(String, &'static str)> {
    let url = web_url(&session.cancel_url)?;
    let words = match SessionStatus::parse(&session.status) {
        Some(SessionStatus::Open) => "Cancel and return",
        _ => "Return",
    };
    Some((url, words))
}

/// Whether the page should keep asking about `status`: until the money is settled, since an
/// expired or short session can still turn into a late payment.
pub fn keeps_polling(status: &str) -> bool {
    match SessionStatus::parse(status) {
        Some(
            SessionStatus::Open
            | SessionStatus::Pending
            | SessionStatus::Expired
            | SessionStatus::Underpaid,
        ) => true,
        Some(SessionStatus::Paid | SessionStatus::Overpaid)
        | Some(SessionStatus::PaidLate | SessionStatus::Canceled) => false,
        // A status this page does not know yet: keep reading, the server knows better.
        None => true,
    }
}

#[cfg(test)]
mod tests;
