//! One checkout session: its summary, every quote, every payment with its block-explorer
//! link, the customer's details, and the events about it; an open one can be canceled.

use leptos::prelude::*;
use shared::api::events::Event;
use shared::api::keys::List;
use shared::api::sessions::{CheckoutSession, Payment, SessionQuote};

use crate::api::Failure;
use crate::format::{address_url, time, tx_url, units};
use crate::route::Route;
use crate::ui::{Copy, Load, Notice, Status, api, load_into, show};

#[component]
pub fn SessionDetail(id: String) -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<CheckoutSession>::Loading);
    let events = RwSignal::new(Load::<List<Event>>::Loading);
    let reload = RwSignal::new(0u32);
    let session_path = format!("/v1/checkout_sessions/{id}");
    let events_path = format!("/v1/events?limit=50&object_id={id}");
    Effect::new(move |_| {
        reload.track();
        let (a, b) = (api.clone(), api.clone());
        let (sp, ep) = (session_path.clone(), events_path.clone());
        load_into(slot, async move { a.get(&sp).await });
        load_into(events, async move { b.get(&ep).await });
    });
    view! {
        <section>
            <p><a href=Route::Sessions.href()>"← All sessions"</a></p>
            {show(slot, move |s: CheckoutSession| view! { <Summary session=s reload=reload/> })}
            <h2>"Events"</h2>
            {show(events, |page: List<Event>| {
                if page.data.is_empty() {
                    return view! { <p class="empty">"No events yet: one is written at each change of status."</p> }.into_any();
                }
                view! {
                    <ul class="rows events">
                        {page.data.into_iter().map(|e| view! {
                            <li class="row"><code>{e.kind.clone()}</code><span class="sub">{time(e.created_at)}" · "<code>{e.id.clone()}</code></span></li>
                        }).collect_view()}
                    </ul>
                    {page.has_more.then(|| view! { <p class="hint">"Only the newest 50 are shown."</p> })}
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn Summary(session: CheckoutSession, reload: RwSignal<u32>) -> impl IntoView {
    let api = api();
    let failure = RwSignal::new(None::<Failure>);
    let id = session.id.clone();
    let cancel = move |_| {
        if !window()
            .confirm_with_message("Cancel this checkout? Its page stops taking new quotes.")
            .unwrap_or(false)
        {
            return;
        }
        let (api, id) = (api.clone(), id.clone());
        leptos::task::spawn_local(async move {
            match api
                .post::<CheckoutSession>(
                    &format!("/v1/checkout_sessions/{id}/expire"),
                    &serde_json::json!({}),
                )
                .await
            {
                Ok(_) => reload.update(|n| *n += 1),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let chain = session.chain.clone();
    let title = session
        .title
        .clone()
        .unwrap_or_else(|| "One-time checkout".into());
    let next = match session.status.as_str() {
        "open" => "Waiting for the customer to pay at the checkout's URL.",
        "pending" => "Payment seen; waiting for confirmations.",
        "paid" | "paid_late" => "Paid: fulfil the order.",
        "overpaid" => "Paid more than due: fulfil the order and consider refunding the extra.",
        "underpaid" => "Paid less than due: ask the customer for the rest or refund.",
        "expired" => "Expired unpaid: create a new checkout if the customer still wants to pay.",
        _ => "Canceled: nothing more to do.",
    };
    view! {
        <div class="heading">
            <h1>{format!("{} {}", session.amount, session.currency)}" · "{title}</h1>
            <Status status=session.status.clone()/>
        </div>
        <p class="next">{next}</p>
        {move || failure.get().map(|f| view! { <Notice failure=f/> })}
        <dl class="facts">
            <dt>"Session"</dt><dd><code>{session.id.clone()}</code></dd>
            <dt>"Checkout URL"</dt><dd><a href=session.url.clone() target="_blank" rel="noopener">{session.url.clone()}</a>" "<Copy text=session.url.clone() label="Copy URL"/></dd>
            <dt>"Order reference"</dt><dd>{session.client_reference_id.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>"Link"</dt><dd>{match session.payment_link.clone() {
                Some(l) => {
                    let href = Route::Link(l.clone()).href();
                    view! { <a href=href>{l}</a> }.into_any()
                }
                None => view! { "—" }.into_any(),
            }}</dd>
            <dt>"Chain"</dt><dd>{session.chain.clone()}</dd>
            <dt>"Created"</dt><dd>{time(session.created_at)}</dd>
            <dt>"Pays until"</dt><dd>{time(session.expires_at)}</dd>
            {session.paid_at.map(|t| view! { <dt>"Paid"</dt><dd>{time(t)}</dd> })}
            {session.canceled_at.map(|t| view! { <dt>"Canceled"</dt><dd>{time(t)}</dd> })}
        </dl>
        <h2>"Customer"</h2>
        {session.customer_data_redacted_at.map(|t| view! {
            <p class="hint">{format!("The payer's details were erased {} (redacted or past the retention).", time(t))}</p>
        })}
        <dl class="facts">
            <dt>"Email"</dt><dd>{session.customer.email.clone().or(session.customer_email.clone()).unwrap_or_else(|| "not given".into())}</dd>
            {session.customer.name.clone().map(|n| view! { <dt>"Name"</dt><dd>{n}</dd> })}
            {session.customer.phone.clone().map(|p| view! { <dt>"Phone"</dt><dd>{p}</dd> })}
            {session.customer.billing_address.clone().map(|a| view! { <dt>"Billing address"</dt><dd>{address(&a)}</dd> })}
            {session.customer.shipping_address.clone().map(|a| view! { <dt>"Shipping address"</dt><dd>{address(&a)}</dd> })}
            {session.custom_fields.clone().into_iter().map(|f| view! { <dt>{f.label}</dt><dd>{f.value}</dd> }).collect_view()}
            <dt>"Quantity"</dt><dd>{format!("{} × {} {}", session.quantity, session.unit_amount, session.currency)}</dd>
            {(!session.metadata.is_empty()).then(|| view! {
                <dt>"Metadata"</dt><dd>{session.metadata.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")}</dd>
            })}
        </dl>
        {(session.status == "open").then(|| view! {
            <button type="button" class="danger" on:click=cancel>"Cancel checkout"</button>
        })}
        <h2>"Payments"</h2>
        {if session.payments.is_empty() {
            view! { <p class="empty">"No payment yet. Payments to any of the quotes below show up here."</p> }.into_any()
        } else {
            let chain = chain.clone();
            view! { <ul class="rows payments">{session.payments.into_iter().map(|p| view! { <PaymentRow payment=p chain=chain.clone()/> }).collect_view()}</ul> }.into_any()
        }}
        <h2>"Quotes"</h2>
        {if session.quotes.is_empty() {
            view! { <p class="empty">"No quote yet: the customer has not picked an asset."</p> }.into_any()
        } else {
            view! { <ul class="rows quotes">{session.quotes.into_iter().map(|q| view! { <QuoteRow quote=q/> }).collect_view()}</ul> }.into_any()
        }}
    }
}

/// A postal address on one line, as a label would print it.
fn address(a: &shared::payer::Address) -> String {
    [
        Some(a.line1.clone()),
        a.line2.clone(),
        Some(a.city.clone()),
        a.postal_code.clone(),
        a.state.clone(),
        Some(a.country.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

#[component]
fn PaymentRow(payment: Payment, chain: String) -> impl IntoView {
    let hash = payment.tx_hash.clone();
    view! {
        <li class="row payment">
            <div class="main">
                <strong>{units(&payment.amount, &payment.asset)}</strong>
                {payment.extra.then(|| view! { <span class="badge status-overpaid">"extra"</span> })}
                <span class="sub">
                    {payment.block_number.map(|b| format!("block {b} · "))}
                    {match hash {
                        Some(h) => match tx_url(&chain, &h) {
                            Some(url) => view! { <a href=url target="_blank" rel="noopener">{format!("transaction {h}")}</a> }.into_any(),
                            None => view! { <span>"transaction "<code class="hash">{h}</code>" (local chain: no explorer)"</span> }.into_any(),
                        },
                        None => view! { "seen by balance (no transaction of its own)" }.into_any(),
                    }}
                </span>
            </div>
        </li>
    }
}

#[component]
fn QuoteRow(quote: SessionQuote) -> impl IntoView {
    let q = quote.quote;
    let address = match address_url(&q.chain, &q.deposit_address) {
        Some(url) => view! { <a href=url target="_blank" rel="noopener"><code class="hash">{q.deposit_address.clone()}</code></a> }.into_any(),
        None => view! { <code class="hash">{q.deposit_address.clone()}</code> }.into_any(),
    };
    view! {
        <li class="row quote">
            <div class="main">
                <strong>{format!("{} {}", q.amount_due_shown, q.asset)}</strong>
                <span class="sub">{format!("at {} · on {} · until {}", q.rate, q.chain_name, time(q.expires_at))}</span>
                <span class="sub">"to "{address}</span>
                <span class="sub">{format!("received {}", units(&quote.amount_received, &q.asset))}</span>
            </div>
            <Status status=quote.status/>
        </li>
    }
}
