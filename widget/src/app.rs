//! The app's components: the page frame and the states of a payment link.

use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use shared::money::Currency;
use shared::slug::Slug;

use crate::checkout::Checkout;
use crate::lookup::{self, Lookup};
use crate::objects::{Link, Session};
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
            crate::warn("link lookup:", reason);
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
                    <SummaryView summary=Summary::of_session(&session)/>
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
            crate::warn("session lookup:", reason);
            EitherOf3::C(view! { <Unavailable/> })
        }
    }
}

/// What the customer is paying for, as one shape for a link and a merchant's checkout: each
/// distinct view costs the page its own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Shown above the title; `None` when the title already is the merchant's name.
    pub merchant: Option<String>,
    pub title: String,
    pub description: Option<String>,
    /// The price in the customer's locale; `None` when the amount field asks for it.
    pub price: Option<String>,
    /// "Pay with ETH, USDC on Base".
    pub means: String,
    /// Why the link cannot be paid now.
    pub notice: Option<String>,
}

impl Summary {
    /// A merchant's checkout; one without a title is named by its merchant.
    pub fn of_session(session: &Session) -> Self {
        Self {
            merchant: session
                .title
                .as_ref()
                .map(|_| session.merchant_name.clone()),
            title: session
                .title
                .clone()
                .unwrap_or_else(|| session.merchant_name.clone()),
            description: session.description.clone(),
            price: Some(crate::locale::fiat(&session.amount, &session.currency)),
            means: format!(
                "Pay with {} on {}",
                session.assets.join(", "),
                session.chain_name
            ),
            notice: None,
        }
    }
}

/// Who is asking for how much, for what, how it can be paid, and whether it can be now.
#[component]
pub fn SummaryView(
    /// What to show.
    summary: Summary,
) -> impl IntoView {
    let Summary {
        merchant,
        title,
        description,
        price,
        means,
        notice,
    } = summary;
    view! {
        {merchant.map(|m| view! { <p class="merchant">{m}</p> })}
        <h1 id="page-title">{title}</h1>
        {description.map(|d| view! { <p class="description">{d}</p> })}
        {price.map(|p| view! { <p class="price">{p}</p> })}
        <p class="assets">{means}</p>
        {notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })}
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

/// What a link sells, and whether the customer can pay now.
#[component]
pub fn LinkSummary(
    /// The link as the public API returned it.
    link: Link,
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
    // A custom link that can be paid shows the checkout's amount field instead, which names
    // the currency.
    let asks_amount =
        link.kind == "custom" && link.state == "payable" && Currency::parse(&link.currency).is_ok();
    let summary = Summary {
        merchant: Some(link.merchant_name),
        title: link.title,
        description: link.description,
        price: (!asks_amount).then_some(price),
        means: format!("Pay with {} on {}", link.assets.join(", "), link.chain_name),
        notice,
    };
    view! { <SummaryView summary=summary/> }
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
