//! The app's components: the page frame and the states of a payment link.

use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use shared::api::public::PublicLink;
use shared::api::sessions::PublicSession;
use shared::money::Currency;
use shared::slug::Slug;

use crate::checkout::Checkout;
use crate::lookup::{self, Lookup};
use crate::page::Page;

/// The whole app: picks the page from the browser's location.
#[component]
pub fn App() -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    let body = match Page::for_path(&path) {
        Page::Pay(slug) => EitherOf4::A(view! { <PayPage slug=slug/> }),
        Page::UnknownLink => EitherOf4::B(view! { <LinkNotFound/> }),
        Page::Session(id) => EitherOf4::C(view! { <SessionPage id=id/> }),
        Page::Home => EitherOf4::D(view! { <Home/> }),
    };
    if let Some(parent) = crate::embed::parent() {
        crate::embed::report_height(parent);
    }
    view! {
        <main class="card" aria-labelledby="page-title">
            {body}
        </main>
        <footer class="footer">"Non-custodial crypto payments by Paylink"</footer>
    }
}

/// The pay page for one link: what it is, then what the customer can do. The link is known
/// before the first render (the worker inlined it), so no view here waits on it or is rebuilt
/// when it arrives: each view that can be rebuilt adds its own code to the page.
#[component]
pub fn PayPage(
    /// The link's public name, already validated.
    slug: Slug,
) -> impl IntoView {
    let found = lookup::find(&slug);
    // Outside the status region: the countdown and the session's own live region must not be
    // read out as part of the link's summary.
    let checkout = match &found {
        Lookup::Found(link) if link.state == "payable" => {
            let custom = match (link.kind.as_str(), Currency::parse(&link.currency)) {
                ("custom", Ok(currency)) => Some((currency, link.custom_amount.clone())),
                _ => None,
            };
            Some(view! {
                <Checkout
                    assets=link.assets.clone()
                    slug=Some(slug.clone())
                    custom=custom
                    session=None
                />
            })
        }
        _ => None,
    };
    let summary = match found {
        Lookup::Found(link) => EitherOf3::A(view! { <LinkSummary link=*link/> }),
        Lookup::NotFound => EitherOf3::B(view! { <LinkNotFound/> }),
        Lookup::Unavailable(reason) => {
            leptos::logging::warn!("link lookup: {reason}");
            EitherOf3::C(view! { <Unavailable/> })
        }
    };
    // No "Payment link <slug>" label: the slug means nothing to a customer.
    view! {
        <div role="status" aria-live="polite">{summary}</div>
        {checkout}
    }
}

/// The hosted page of a checkout the merchant made (`/c/{id}`): its session is inlined by
/// the worker, quote or not.
#[component]
pub fn SessionPage(
    /// The session id from the address (`cs_…`).
    id: String,
) -> impl IntoView {
    match lookup::find_session(&id) {
        Lookup::Found(session) => {
            let session = *session;
            EitherOf3::A(view! {
                <div role="status" aria-live="polite">
                    <SessionSummary session=session.clone()/>
                </div>
                <Checkout
                    assets=session.assets.clone()
                    slug=None
                    custom=None
                    session=Some(session)
                />
            })
        }
        Lookup::NotFound => EitherOf3::B(view! { <CheckoutNotFound/> }),
        Lookup::Unavailable(reason) => {
            leptos::logging::warn!("session lookup: {reason}");
            EitherOf3::C(view! { <Unavailable/> })
        }
    }
}

/// Who is asking for how much, for what, and how it can be paid.
#[component]
pub fn SessionSummary(
    /// The session as the worker inlined it.
    session: PublicSession,
) -> impl IntoView {
    // A checkout without a title is named by its merchant, which is then not repeated.
    let merchant = session
        .title
        .is_some()
        .then(|| view! { <p class="merchant">{session.merchant_name.clone()}</p> });
    let title = session.title.unwrap_or(session.merchant_name);
    view! {
        {merchant}
        <h1 id="page-title">{title}</h1>
        {session.description.map(|d| view! { <p class="description">{d}</p> })}
        <p class="price">{crate::locale::fiat(&session.amount, &session.currency)}</p>
        <p class="assets">"Pay with " {session.assets.join(", ")} " on " {session.chain_name}</p>
    }
}

/// Shown for a checkout address no session has.
#[component]
pub fn CheckoutNotFound() -> impl IntoView {
    view! {
        <h1 id="page-title">"This checkout does not exist"</h1>
        <p>
            "Check the address you were given, or go back to the shop and start the payment \
             again."
        </p>
    }
}

/// What the customer is paying for, and whether they can pay now.
#[component]
pub fn LinkSummary(
    /// The link as the public API returned it.
    link: PublicLink,
) -> impl IntoView {
    let price = match &link.amount {
        Some(amount) => crate::locale::fiat(amount, &link.currency),
        None => format!("Enter an amount in {}", link.currency),
    };
    let notice =
        match link.state.as_str() {
            "payable" => None,
            "expired" => Some("This payment link has expired.".to_owned()),
            "sold_out" => Some("This payment link is sold out.".to_owned()),
            _ => Some(link.inactive_message.clone().unwrap_or_else(|| {
                "This payment link is not accepting payments right now.".into()
            })),
        };
    let assets = link.assets.join(", ");
    // A custom link that can be paid shows the checkout's amount field instead, which names
    // the currency.
    let asks_amount =
        link.kind == "custom" && link.state == "payable" && Currency::parse(&link.currency).is_ok();
    view! {
        <p class="merchant">{link.merchant_name.clone()}</p>
        <h1 id="page-title">{link.title.clone()}</h1>
        {link.description.clone().map(|d| view! { <p class="description">{d}</p> })}
        {(!asks_amount).then(|| view! { <p class="price">{price}</p> })}
        <p class="assets">"Pay with " {assets} " on " {link.chain_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })}
    }
}

/// Shown for a slug no link has (or had, before it was archived).
#[component]
pub fn LinkNotFound() -> impl IntoView {
    view! {
        <h1 id="page-title">"Payment link not found"</h1>
        <p>"Check the address you were given, or ask the merchant for a new link."</p>
    }
}

/// Shown when the API could not answer; nothing was charged.
#[component]
fn Unavailable() -> impl IntoView {
    view! {
        <h1 id="page-title">"Payments are unavailable right now"</h1>
        <p>"Nothing was charged. Please try again in a minute."</p>
    }
}

/// The shell's own address, with no link named.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1 id="page-title">"Paylink"</h1>
        <p>"Open the payment link the merchant gave you to pay."</p>
    }
}
