//! A one-time checkout for an order: an amount and an order reference (or a link as the
//! template), then its URL to send the customer.

use leptos::prelude::*;
use serde_json::{Map, Value, json};
use shared::api::sessions::CheckoutSession;
use shared::money::Currency;

use crate::api::Failure;
use crate::route::Route;
use crate::ui::{Copy, Notice, api};

/// The checkout form's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutFields {
    pub amount: String,
    pub currency: String,
    pub client_reference_id: String,
    pub payment_link: String,
    pub title: String,
    pub customer_email: String,
    pub success_url: String,
    pub cancel_url: String,
}

impl Default for CheckoutFields {
    fn default() -> Self {
        Self {
            amount: String::new(),
            currency: "USD".into(),
            client_reference_id: String::new(),
            payment_link: String::new(),
            title: String::new(),
            customer_email: String::new(),
            success_url: String::new(),
            cancel_url: String::new(),
        }
    }
}

impl CheckoutFields {
    /// `POST /v1/checkout_sessions`: the fields filled in; with a link as template the
    /// currency is the link's unless an amount is given too.
    pub fn body(&self) -> Value {
        let mut out = Map::new();
        let link = self.payment_link.trim();
        for (name, value) in [
            ("amount", &self.amount),
            ("client_reference_id", &self.client_reference_id),
            ("payment_link", &self.payment_link),
            ("title", &self.title),
            ("customer_email", &self.customer_email),
            ("success_url", &self.success_url),
            ("cancel_url", &self.cancel_url),
        ] {
            if !value.trim().is_empty() {
                out.insert(name.into(), json!(value.trim()));
            }
        }
        if link.is_empty() || out.contains_key("amount") {
            out.insert("currency".into(), json!(self.currency));
        }
        Value::Object(out)
    }
}

#[component]
pub fn NewCheckout() -> impl IntoView {
    let api = api();
    let fields = RwSignal::new(CheckoutFields::default());
    let failure = RwSignal::new(None::<Failure>);
    let created = RwSignal::new(None::<CheckoutSession>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = fields.get_untracked().body();
        let api = api.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api
                .post::<CheckoutSession>("/v1/checkout_sessions", &body)
                .await
            {
                Ok(s) => {
                    failure.set(None);
                    created.set(Some(s));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    let input = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      get: fn(&CheckoutFields) -> String,
                      set: fn(&mut CheckoutFields, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind prop:value=move || fields.with(get)
                    on:input=move |ev| fields.update(|f| set(f, event_target_value(&ev)))/>
            </div>
        }
    };
    view! {
        <section>
            <p><a href=Route::Sessions.href()>"← All sessions"</a></p>
            <h1>"New one-time checkout"</h1>
            <p class="hint">"For one order: the customer pays this amount once at the checkout's URL; it stays payable for 24 hours."</p>
            <form class="editor" on:submit=submit novalidate>
                {input("co-ref", "Order reference", "text", |f| f.client_reference_id.clone(), |f, v| f.client_reference_id = v)}
                {input("co-amount", "Amount", "text", |f| f.amount.clone(), |f, v| f.amount = v)}
                <div class="field">
                    <label for="co-currency">"Currency"</label>
                    <select id="co-currency" on:change=move |ev| fields.update(|f| f.currency = event_target_value(&ev))>
                        {Currency::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=move || fields.with(|f| f.currency == c.code())>{c.code()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {input("co-title", "Title shown to the customer (optional)", "text", |f| f.title.clone(), |f, v| f.title = v)}
                {input("co-link", "Payment link as template (optional, pl_…)", "text", |f| f.payment_link.clone(), |f, v| f.payment_link = v)}
                {input("co-email", "Customer email (optional)", "email", |f| f.customer_email.clone(), |f, v| f.customer_email = v)}
                {input("co-success", "Success URL (optional)", "url", |f| f.success_url.clone(), |f, v| f.success_url = v)}
                {input("co-cancel", "Cancel URL (optional)", "url", |f| f.cancel_url.clone(), |f, v| f.cancel_url = v)}
                {move || failure.get().map(|f| view! { <Notice failure=f/> })}
                <button type="submit" class="primary" disabled=move || busy.get()>"Create checkout"</button>
            </form>
            {move || created.get().map(|s| view! {
                <div class="notice ok" role="status">
                    <p><strong>"Checkout created."</strong>" Send your customer to its URL:"</p>
                    <p><a id="checkout-url" href=s.url.clone() target="_blank" rel="noopener">{s.url.clone()}</a></p>
                    <Copy text=s.url.clone() label="Copy checkout URL"/>
                    <a class="button" href=Route::Session(s.id.clone()).href()>"View the session"</a>
                </div>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_checkout_sends_its_amount_currency_and_reference() {
        let fields = CheckoutFields {
            amount: " 42.00 ".into(),
            currency: "EUR".into(),
            client_reference_id: "A-1001".into(),
            ..CheckoutFields::default()
        };
        assert_eq!(
            fields.body(),
            json!({"amount": "42.00", "currency": "EUR", "client_reference_id": "A-1001"})
        );
    }

    #[test]
    fn a_link_template_keeps_the_links_currency_unless_an_amount_is_given() {
        let fields = CheckoutFields {
            payment_link: "pl_1".into(),
            ..CheckoutFields::default()
        };
        assert_eq!(fields.body(), json!({"payment_link": "pl_1"}));
        let priced = CheckoutFields {
            amount: "5".into(),
            ..fields
        };
        assert_eq!(priced.body()["currency"], json!("USD"));
    }
}
