//! The session's status as the customer follows it: a polite live region, the receipt once
//! paid, and the way back to the merchant.

use std::time::Duration;

use leptos::prelude::*;
use shared::session::SessionStatus;

use crate::objects::Session;
use crate::status::{Receipt, StatusView};

/// Where the merchant wants the customer sent, and whether to go there without a click (the
/// money is the merchant's and was on time). Only a web address is followed.
fn next_stop(session: &Session) -> Option<(String, bool)> {
    let url = crate::status::web_url(&session.success_url)?;
    let on_time = matches!(
        SessionStatus::parse(&session.status),
        Some(SessionStatus::Paid | SessionStatus::Overpaid)
    );
    Some((url, on_time))
}

/// The status of the session in `live`, in words. Rendered by one closure: a poll that
/// changes nothing leaves the DOM (and the live region) untouched, since equal text is not
/// rewritten.
#[component]
pub fn StatusPanel(
    /// The session as last polled; nothing shows while `None`.
    live: RwSignal<Option<Session>>,
    /// Whether the quote's countdown reached zero on this page.
    quote_over: RwSignal<bool>,
    /// How long the paid view shows before going to the merchant's `success_url`.
    #[prop(default = 3000)]
    redirect_after_ms: u64,
    /// Opens a fresh session; offered while the quote has run out unpaid. A plain closure,
    /// not a `Callback`: one caller, and a `Callback` costs the page ~0.3 KiB.
    on_requote: impl Fn() + Copy + Send + Sync + 'static,
    /// Framed by the embed: the merchant's page decides where to go, so nothing redirects by
    /// itself and the link leaves the frame.
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    move || {
        let over = quote_over.get();
        live.with(|s| {
            s.as_ref().map(|s| {
                let status = StatusView::of(s, over);
                let requote = status.can_requote.then(|| {
                    view! {
                        <button type="button" class="primary" on:click=move |_| on_requote()>
                            "Get a new quote"
                        </button>
                    }
                });
                let next = next_stop(s).map(|(url, go)| {
                    let after =
                        (go && !embedded).then_some(Duration::from_millis(redirect_after_ms));
                    view! { <ContinueToMerchant url=url after=after top=embedded/> }
                });
                view! {
                    <div
                        id="session-status"
                        class=status.tone.class()
                        aria-live="polite"
                        aria-atomic="true"
                    >
                        <p class="status-headline">{status.headline}</p>
                        <p class="status-detail">{status.detail}</p>
                    </div>
                    {requote}
                    {status.receipt.map(receipt)}
                    {extras(status.extras)}
                    {next}
                }
            })
        })
    }
}

/// What arrived, and the transactions that carried it.
fn receipt(receipt: Receipt) -> impl IntoView {
    // One element for every hash: a list would add its own view code to the page.
    let hashes = (!receipt.tx_hashes.is_empty()).then(|| {
        view! { <p>"Transactions: " <code class="tx">{receipt.tx_hashes.join(" ")}</code></p> }
    });
    view! {
        <section class="receipt" aria-label="Receipt">
            <p>"Received: " <strong class="receipt-amount">{receipt.amount}</strong></p>
            {hashes}
        </section>
    }
}

/// Money that came after the session was settled: received, so said, and left to the merchant.
fn extras(amounts: Vec<String>) -> Option<impl IntoView> {
    (!amounts.is_empty()).then(|| {
        view! {
            <p class="extra">
                "Extra payment received: " <strong>{amounts.join(", ")}</strong>
                ". The money arrived; the merchant will be in touch about it."
            </p>
        }
    })
}

/// The way back to the merchant, as the session offers it (`cancel_url`): "Cancel and return"
/// while it is open, "Return" once it ended without a sale. Rendered, empty or not, whenever
/// a session is known: the shell's own way back (for the page before a session) then hides.
#[component]
pub fn WayBack(
    /// The session as last read.
    live: RwSignal<Option<Session>>,
    /// Framed by the embed: the link leaves the frame.
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    move || {
        live.with(|s| {
            s.as_ref().map(|s| {
                let link = crate::status::way_back(s).map(|(url, words)| {
                    view! {
                        <a class="button" href=url target=embedded.then_some("_top")>
                            {words} " to " {s.merchant_name.clone()}
                        </a>
                    }
                });
                view! { <p class="way-back">{link}</p> }
            })
        })
    }
}

/// A link to the merchant, followed by itself after `after` when given.
#[component]
pub fn ContinueToMerchant(
    /// The merchant's page; the caller has checked it is a web address.
    url: String,
    /// When to go there without a click; `None` waits for the customer.
    after: Option<Duration>,
    /// Open in the whole window rather than in this frame.
    #[prop(optional)]
    top: bool,
) -> impl IntoView {
    if let Some(after) = after {
        let target = url.clone();
        let timer = set_timeout_with_handle(
            move || {
                let _ = window().location().set_href(&target);
            },
            after,
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }
    view! {
        <p class="continue">
            <a class="button primary" href=url target=top.then_some("_top")>
                "Continue to the merchant"
            </a>
            {after.map(|_| view! { <span class="field-help">"Taking you there in a moment…"</span> })}
        </p>
    }
}
