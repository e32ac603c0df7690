//! Checkout on a payable link: choose an asset (and an amount), open a session, then follow
//! its quote and status until the money arrives.

pub mod amount;
pub mod amount_field;
pub mod api;
pub mod asset_choice;
pub mod copy;
pub mod countdown;
pub mod qr;
pub mod quote_view;

use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;
use shared::api::links::CustomAmount;
use shared::api::public::PublicLink;
use shared::api::sessions::{CreateSessionRequest, PublicSession};
use shared::money::Currency;
use shared::slug::Slug;
use wasm_bindgen::JsCast;

use self::api::Problem;
use crate::checkout::amount::check;
use crate::checkout::amount_field::AmountField;
use crate::checkout::asset_choice::AssetChoice;
use crate::checkout::countdown::{ClockOffset, browser_ms, seconds_left};
use crate::checkout::quote_view::QuoteView;
use crate::status::panel::StatusPanel;
use crate::status::poll::poll_every;
use crate::wallet::PayWithWallet;

/// What sessions are opened for (the link, and for custom links the amount's rules), and the
/// clock their quotes run on.
#[derive(Debug, Clone)]
struct Order {
    slug: Slug,
    custom: Option<(Currency, Option<CustomAmount>)>,
    /// How far the server's clock is from the browser's, as of the last session opened. Kept
    /// here rather than in a value of its own: each stored type adds code to the page.
    offset: ClockOffset,
}

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn problem(message: impl Into<String>) -> Option<Problem> {
    Some(Problem {
        message: message.into(),
        retry: false,
    })
}

/// The checkout of one payable link.
#[component]
pub fn Checkout(
    /// The link's slug, which sessions are opened on.
    slug: Slug,
    /// The link as the public API returned it; its `state` is `payable`.
    link: PublicLink,
) -> impl IntoView {
    let custom = match (link.kind.as_str(), Currency::parse(&link.currency)) {
        ("custom", Ok(currency)) => Some((currency, link.custom_amount.clone())),
        _ => None,
    };
    let can_change = custom.is_some() || link.assets.len() > 1;
    let field = custom.clone();
    let order = StoredValue::new(Order {
        slug,
        custom,
        offset: ClockOffset::default(),
    });
    let chosen = RwSignal::new(link.assets.first().cloned());
    let amount_text = RwSignal::new(String::new());
    // The session as opened (its quote is what the page shows; replaced only by a new
    // session), and as last polled.
    let opened = RwSignal::new(None::<PublicSession>);
    let live = RwSignal::new(None::<PublicSession>);
    let left = RwSignal::new(0_u64);
    let over = RwSignal::new(false);
    let trouble = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    // The countdown, on the server's clock; each signal is written only when it changes, so
    // the status is not re-rendered every second.
    let tick = move || {
        let Some(expires_at) = opened.with_untracked(|s| s.as_ref().map(|s| s.quote.expires_at))
        else {
            return;
        };
        let now = order.with_value(|o| o.offset).server_secs(browser_ms());
        let secs = seconds_left(expires_at, now);
        if left.get_untracked() != secs {
            left.set(secs);
        }
        if over.get_untracked() != (secs == 0) {
            over.set(secs == 0);
        }
    };
    if let Ok(timer) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || timer.clear());
    }
    poll_every(Duration::from_secs(2), live);
    // Framed by the embed: the merchant's page hears of the payment, and navigates itself.
    let embedded = crate::embed::parent();
    if let Some(parent) = embedded.clone() {
        crate::embed::report_paid(parent, live);
    }

    // Opens a session for the chosen asset and amount: from Continue, Try again and Get a
    // new quote alike.
    let open = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(asset) = chosen.get_untracked() else {
            trouble.set(problem("Choose what to pay with."));
            return;
        };
        let Order { slug, custom, .. } = order.get_value();
        let amount = match custom {
            None => None,
            Some((currency, bounds)) => {
                match check(&amount_text.get_untracked(), currency, bounds.as_ref()) {
                    Ok(amount) => Some(amount.to_string()),
                    Err(p) => {
                        trouble.set(problem(p.to_string()));
                        focus("amount");
                        return;
                    }
                }
            }
        };
        busy.set(true);
        trouble.set(None);
        leptos::task::spawn_local(async move {
            let request = CreateSessionRequest { asset, amount };
            match api::open(&slug, &request).await {
                Ok(new) => {
                    order.update_value(|o| o.offset = new.offset);
                    live.set(Some(new.session.clone()));
                    opened.set(Some(new.session));
                    tick();
                    // After the quote is rendered, on the next turn of the event loop.
                    set_timeout(|| focus("quote-title"), Duration::ZERO);
                }
                Err(p) => trouble.set(Some(p)),
            }
            busy.set(false);
        });
    };

    // Waiting for money on a running quote: the wallet and "change" buttons make sense.
    let waiting = move || {
        !over.get()
            && live.with(|s| {
                s.as_ref()
                    .is_some_and(|s| s.status == "open" && s.amount_received == "0")
            })
    };
    let session_view = move |session: PublicSession| {
        let wallet_quote = session.quote.clone();
        // Once the session is no longer open, the receipt or the next step replaces the quote.
        let settled = move || live.with(|s| s.as_ref().is_some_and(|s| s.status != "open"));
        view! {
            <div hidden=settled>
                <QuoteView
                    quote=session.quote
                    amount=session.amount
                    currency=session.currency
                    seconds_left=left
                />
            </div>
            <div hidden=move || !waiting()>
                <PayWithWallet quote=wallet_quote/>
            </div>
            <StatusPanel
                live=live
                quote_over=over
                embedded=embedded.is_some()
                on_requote=open
            />
            <button
                type="button"
                class="link-button"
                hidden=move || !(can_change && waiting())
                on:click=move |_| {
                    opened.set(None);
                    live.set(None);
                }
            >
                "Change how you pay"
            </button>
        }
    };
    let form = move || {
        let field = field.clone().map(|(currency, bounds)| {
            view! { <AmountField currency=currency bounds=bounds text=amount_text/> }
        });
        view! {
            <form class="checkout" on:submit=move |ev| {
                ev.prevent_default();
                open();
            }>
                {field}
                <AssetChoice assets=link.assets.clone() chosen=chosen/>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Getting your quote…" } else { "Continue" }}
                </button>
            </form>
        }
    };
    let problem_box = move || {
        trouble.get().map(|p| {
            let retry = p.retry.then(|| {
                view! { <button type="button" on:click=move |_| open()>"Try again"</button> }
            });
            view! {
                <div class="problem-box">
                    <p class="problem" role="alert">{p.message}</p>
                    {retry}
                </div>
            }
        })
    };
    view! {
        <div class="checkout-area">
            {move || match opened.get() {
                Some(session) => Either::Right(session_view(session)),
                None => Either::Left(form()),
            }}
            {problem_box}
        </div>
    }
}
