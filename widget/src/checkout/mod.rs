//! Checkout of one session: choose an asset (and on a custom link an amount), get a quote,
//! then follow it until the money arrives. A link's page opens the session at the first
//! choice and resumes it on the next visit; a merchant's checkout page starts with its
//! session. Every later choice (another asset, a fresh quote after the lock) keeps the
//! session's id.

pub mod amount;
pub mod amount_field;
pub mod api;
pub mod asset_choice;
pub mod copy;
pub mod countdown;
pub mod qr;
pub mod quote_view;
pub mod stored;

use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;
use shared::api::links::CustomAmount;
use shared::api::sessions::{CreateSessionRequest, PublicSession};
use shared::money::Currency;
use shared::slug::Slug;
use wasm_bindgen::JsCast;

use self::api::{Opened, Problem};
use self::stored::Reference;
use crate::checkout::amount::check;
use crate::checkout::amount_field::AmountField;
use crate::checkout::asset_choice::AssetChoice;
use crate::checkout::countdown::{ClockOffset, browser_ms, seconds_left};
use crate::checkout::quote_view::QuoteView;
use crate::status::panel::{StatusPanel, WayBack};
use crate::status::poll::poll_every;
use crate::wallet::PayWithWallet;

/// Where new sessions are opened (a link's page; `None` on a merchant's checkout, whose one
/// session is given), with what, and the clock quotes run on.
#[derive(Debug, Clone)]
struct Order {
    slug: Option<Slug>,
    custom: Option<(Currency, Option<CustomAmount>)>,
    reference: Reference,
    /// How far the server's clock is from the browser's, as of the last quote. Kept here
    /// rather than in a value of its own: each stored type adds code to the page.
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
        code: String::new(),
    })
}

fn is_open(s: &PublicSession) -> bool {
    s.status == "open"
}

/// The checkout: the form until a quote runs, then the quote and the session's status.
#[component]
pub fn Checkout(
    /// The assets the customer may pick from.
    assets: Vec<String>,
    /// The link's slug on a link's page: sessions are opened (and remembered) on it.
    slug: Option<Slug>,
    /// For custom links: the currency and bounds of the amount the customer enters.
    custom: Option<(Currency, Option<CustomAmount>)>,
    /// The session the page is for when it exists already (a merchant's checkout).
    session: Option<PublicSession>,
) -> impl IntoView {
    let can_change = custom.is_some() || assets.len() > 1;
    let field = custom.clone();
    let resume = slug.clone();
    let order = StoredValue::new(Order {
        slug,
        custom,
        reference: Reference::of_page(),
        offset: ClockOffset::default(),
    });
    let chosen = RwSignal::new(
        session
            .as_ref()
            .and_then(|s| s.quote.as_ref().map(|q| q.asset.clone()))
            .or_else(|| assets.first().cloned()),
    );
    let amount_text = RwSignal::new(String::new());
    // The session whose quote is shown (replaced by each new quote), and as last read.
    let opened = RwSignal::new(session.clone());
    let live = RwSignal::new(session);
    // The customer asked to pay another way: the form shows over the running session.
    let choosing = RwSignal::new(false);
    let left = RwSignal::new(0_u64);
    let over = RwSignal::new(false);
    let trouble = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    // The countdown, on the server's clock; each signal is written only when it changes, so
    // the status is not re-rendered every second. Read from the session as last polled: the
    // server may end a quote's lock early.
    let tick = move || {
        let Some(expires_at) = live.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.quote.as_ref().map(|q| q.expires_at))
        }) else {
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
    tick();
    if let Ok(timer) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || timer.clear());
    }
    poll_every(Duration::from_secs(2), live);
    // Framed by the embed: the merchant's page hears of the payment, and navigates itself.
    let embedded = crate::embed::parent();
    if let Some(parent) = embedded.clone() {
        crate::embed::report_paid(parent, live);
    }

    // A session answered by the API becomes the one shown.
    // The quote shown before goes first, and the new one is built on the next turn: a quote
    // view rebuilt in place for another quote kept the old one's nodes, which then stayed
    // in the page when the view was replaced (seen switching asset after a new quote).
    let show = move |s: PublicSession| {
        chosen.set(s.quote.as_ref().map(|q| q.asset.clone()));
        live.set(Some(s.clone()));
        choosing.set(false);
        opened.set(None);
        set_timeout(move || opened.set(Some(s)), Duration::ZERO);
        tick();
    };
    // Reads the session again, after a refusal that says it changed.
    let refresh = move |id: String| {
        leptos::task::spawn_local(async move {
            if let Ok(s) = api::read(&id).await {
                live.set(Some(s));
            }
        });
    };

    // A link's session kept by this browser: resumed while it can still be paid.
    if let Some(slug) = resume {
        let reference = order.with_value(|o| o.reference.clone());
        if let Some(id) = stored::remembered(slug.as_str(), &reference) {
            busy.set(true);
            leptos::task::spawn_local(async move {
                match api::read(&id).await {
                    Ok(s) if matches!(s.status.as_str(), "open" | "pending") => {
                        amount_text.set(s.amount.clone());
                        if s.quote.is_none() {
                            live.set(Some(s));
                        } else {
                            show(s);
                        }
                    }
                    _ => stored::forget(slug.as_str()),
                }
                busy.set(false);
            });
        }
    }

    // Gets a quote for the chosen asset: on the open session, else on a new session of the
    // link. From Continue, Try again and Get a new quote alike.
    let ask = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(asset) = chosen.get_untracked() else {
            trouble.set(problem("Choose what to pay with."));
            return;
        };
        let Order {
            slug,
            custom,
            reference,
            ..
        } = order.get_value();
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
        // Another amount is another order: it gets its own session.
        let current = live
            .get_untracked()
            .filter(|s| is_open(s) && amount.as_ref().is_none_or(|a| *a == s.amount));
        // The open session's id for a new quote, or the link to open a session on.
        let Some(target) = current
            .as_ref()
            .map(|s| Either::Left(s.id.clone()))
            .or_else(|| slug.clone().map(Either::Right))
        else {
            return;
        };
        busy.set(true);
        trouble.set(None);
        leptos::task::spawn_local(async move {
            let answer: Result<Opened, Problem> = match &target {
                Either::Left(id) => api::quote(id, &asset).await,
                Either::Right(slug) => {
                    let request = CreateSessionRequest {
                        asset: Some(asset),
                        amount,
                        client_reference_id: reference.client_reference_id.clone(),
                        customer_email: reference.customer_email.clone(),
                        customer: None,
                        custom_fields: None,
                        quantity: None,
                    };
                    api::open(slug, &request).await
                }
            };
            match answer {
                Ok(new) => {
                    if let Some(slug) = &slug {
                        stored::remember(slug.as_str(), &new.session.id, &reference);
                    }
                    order.update_value(|o| o.offset = new.offset);
                    show(new.session);
                    // After the quote is rendered, on the next turn of the event loop.
                    set_timeout(|| focus("quote-title"), Duration::ZERO);
                }
                Err(p) => {
                    // Money reached the quote shown, or the session ended: show it as it is.
                    if let Some(s) = current.filter(|_| !p.code.is_empty() && !p.retry) {
                        if p.code == "quote_has_payment" {
                            choosing.set(false);
                        }
                        refresh(s.id);
                    }
                    trouble.set(Some(p));
                }
            }
            busy.set(false);
        });
    };

    let received_nothing = move || {
        live.with(|s| {
            s.as_ref()
                .is_some_and(|s| is_open(s) && s.amount_received == "0")
        })
    };
    // Waiting for money on a running quote: the wallet makes sense.
    let waiting = move || !over.get() && received_nothing();
    // The form: before any session, and while an open session has no quote or the customer
    // is choosing again. Only its changes rebuild the view.
    // A signal kept by an effect rather than a `Memo`: a memo brings its own bookkeeping
    // (about 2 KiB of wasm) for one boolean.
    let wants_form = move || {
        live.with(|s| {
            s.as_ref()
                .is_none_or(|s| is_open(s) && (choosing.get() || s.quote.is_none()))
        })
    };
    let form_shown = RwSignal::new(untrack(wants_form));
    Effect::new(move |_| {
        let shown = wants_form();
        if form_shown.get_untracked() != shown {
            form_shown.set(shown);
        }
    });
    let session_view = move |session: PublicSession| {
        let quote = session.quote?;
        let wallet_quote = quote.clone();
        // Once the session is no longer open, the receipt or the next step replaces the quote.
        let settled = move || live.with(|s| s.as_ref().is_some_and(|s| !is_open(s)));
        Some(view! {
            <div hidden=settled>
                <QuoteView
                    quote=quote
                    amount=session.amount
                    currency=session.currency
                    seconds_left=left
                />
            </div>
            <div hidden=move || !waiting()>
                <PayWithWallet quote=wallet_quote/>
            </div>
        })
    };
    let form = move || {
        let field = field.clone().map(|(currency, bounds)| {
            view! { <AmountField currency=currency bounds=bounds text=amount_text/> }
        });
        // Back to the quote shown, when the customer only looked at the other ways to pay.
        view! {
            <form class="checkout" on:submit=move |ev| {
                ev.prevent_default();
                ask();
            }>
                {field}
                <AssetChoice assets=assets.clone() chosen=chosen/>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Getting your quote…" } else { "Continue" }}
                </button>
            </form>
        }
    };
    let problem_box = move || {
        trouble.get().map(|p| {
            let retry = p.retry.then(|| {
                view! { <button type="button" on:click=move |_| ask()>"Try again"</button> }
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
            {move || {
                if form_shown.get() {
                    Either::Left(form())
                } else {
                    Either::Right(opened.get().and_then(session_view))
                }
            }}
            <div hidden=move || form_shown.get()>
                <StatusPanel
                    live=live
                    quote_over=over
                    embedded=embedded.is_some()
                    on_requote=ask
                />
            </div>
            <button
                type="button"
                class="link-button"
                hidden=move || !(can_change && !form_shown.get() && received_nothing())
                on:click=move |_| {
                    trouble.set(None);
                    choosing.set(true);
                }
            >
                "Change how you pay"
            </button>
            {problem_box}
            <WayBack live=live embedded=embedded.is_some()/>
        </div>
    }
}
