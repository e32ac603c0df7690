//! The checkout calls of the public API, and their failures in words a customer can act on.

use leptos::prelude::window;
use shared::slug::Slug;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::checkout::countdown::{ClockOffset, browser_ms, http_date_ms};
use crate::checkout::payer;
use crate::checkout::stored::Reference;
use crate::decode::{self, Refusal};
use crate::json::{self, Fields};
use crate::objects::Session;

/// Said when the API could not price the asset: nothing was created, a retry usually works.
pub const PRICES_UNAVAILABLE: &str = "Prices are unavailable right now. Please try again shortly.";
const NO_ANSWER: &str = "Paylink could not be reached. Check your connection, then try again.";
const FAILED: &str = "Something went wrong on our side. Nothing was charged; please try again.";
/// Said when money already reached the quote shown: another quote would split the payment.
pub const FINISH_QUOTE: &str =
    "A payment to this quote has arrived: finish paying this quote to complete the checkout.";

/// A failed call as the customer sees it: one or more sentences, and whether a retry button
/// makes sense (the server or the network failed, rather than the request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub retry: bool,
    /// The API's stable code, for the refusals the page acts on (`quote_has_payment`,
    /// `session_not_open`); empty when there was none.
    pub code: String,
}

impl Problem {
    /// From an HTTP status and the error body, when it could be read.
    pub fn from_answer(status: u16, error: Option<&Refusal>) -> Self {
        let retry = status >= 500 || status == 429;
        let message = match error {
            Some(e) if e.code == "price_unavailable" => PRICES_UNAVAILABLE.to_owned(),
            Some(e) if e.code == "quote_has_payment" => FINISH_QUOTE.to_owned(),
            // Every failing field has its own sentence; the top-level message names one only.
            Some(e) if !e.field_messages.is_empty() => e.field_messages.join(" "),
            Some(e) => e.message.clone(),
            None => FAILED.to_owned(),
        };
        Self {
            message,
            retry,
            code: error.map(|e| e.code.clone()).unwrap_or_default(),
        }
    }

    /// No answer at all (offline, DNS, a dropped connection).
    pub fn unreachable() -> Self {
        Self {
            message: NO_ANSWER.to_owned(),
            retry: true,
            code: String::new(),
        }
    }
}

/// A session just opened, with how far the server's clock is from the browser's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub session: Session,
    pub offset: ClockOffset,
}

/// One request on the page's origin: the status, the server's clock (`Date`), and the body
/// read as JSON when it is an object. `None`: no answer at all. The browser's `fetch` as it
/// is: an HTTP client crate cost the page about 3 KiB.
async fn fetch(url: &str, body: Option<String>) -> Option<(u16, Option<i64>, Option<Fields>)> {
    let init = web_sys::RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        init.set_body(&JsValue::from_str(&body));
        let headers = js_sys::Object::new();
        js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into()).ok()?;
        init.set_headers(&headers);
    }
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let date = response.headers().get("date").ok().flatten();
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string();
    Some((
        response.status(),
        date.and_then(|d| http_date_ms(&d)),
        text.and_then(|t| Fields::parse(&t).ok()),
    ))
}

/// The session `url` answers (`body`: what to post), with the server's clock.
async fn session(url: &str, body: Option<String>) -> Result<Opened, Problem> {
    // Failed requests are not logged here: the browser's console already names them.
    let Some((status, date, fields)) = fetch(url, body).await else {
        return Err(Problem::unreachable());
    };
    if !(200..300).contains(&status) {
        let refusal = fields.as_ref().and_then(|b| decode::refusal(b).ok());
        let mut problem = Problem::from_answer(status, refusal.as_ref());
        // Errors about the payer fields are shown at them; the rest stay here.
        let errors = fields.map(|b| b.object("error").get("errors"));
        if let Some(rest) = errors.and_then(|e| payer::show(&e)) {
            problem.message = rest;
        }
        return Err(problem);
    }
    let offset = ClockOffset::measure(date, browser_ms());
    let read = match fields {
        Some(fields) => decode::public_session(&fields),
        None => Err(json::Unreadable {
            field: "the body",
            expected: "a JSON object",
        }),
    };
    match read {
        Ok(session) => Ok(Opened { session, offset }),
        Err(e) => {
            crate::warn("unreadable session, at", e.field);
            Err(Problem::from_answer(500, None))
        }
    }
}

/// `POST /v1/public/links/{slug}/sessions` on the page's origin: a session with its first
/// quote in `asset`, for `amount` on a custom link, with the shop's `reference` and what the
/// payer fields add (`payer::values`). The fields of `CreateSessionRequest`, passed one by
/// one: the request type itself (its payer members hold maps) cost the page its drop code.
pub async fn open(
    slug: &Slug,
    asset: &str,
    amount: Option<&str>,
    reference: &Reference,
    payer: &JsValue,
) -> Result<Opened, Problem> {
    let text = json::object_text(
        &[
            ("asset", Some(asset)),
            ("amount", amount),
            (
                "client_reference_id",
                reference.client_reference_id.as_deref(),
            ),
            ("customer_email", reference.customer_email.as_deref()),
        ],
        payer,
    );
    let url = ["/v1/public/links/", slug.as_str(), "/sessions"].concat();
    session(&url, Some(text)).await
}

/// `POST /v1/public/sessions/{id}/quotes`: a new current quote in `asset`, same session,
/// with what the payer fields add.
pub async fn quote(id: &str, asset: &str, payer: &JsValue) -> Result<Opened, Problem> {
    let text = json::object_text(&[("asset", Some(asset))], payer);
    session(
        &["/v1/public/sessions/", id, "/quotes"].concat(),
        Some(text),
    )
    .await
}

/// `GET /v1/public/sessions/{id}`: what the status view polls.
pub async fn read(id: &str) -> Result<Session, Problem> {
    Ok(session(&["/v1/public/sessions/", id].concat(), None)
        .await?
        .session)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, message: &str, fields: &[&str]) -> Refusal {
        Refusal {
            code: code.into(),
            message: message.into(),
            field_messages: fields.iter().map(|m| (*m).to_owned()).collect(),
        }
    }

    #[test]
    fn unavailable_prices_say_so_and_offer_a_retry() {
        let e = error(
            "price_unavailable",
            "No reliable price is available right now.",
            &[],
        );
        assert_eq!(
            Problem::from_answer(503, Some(&e)),
            Problem {
                message: PRICES_UNAVAILABLE.into(),
                retry: true,
                code: "price_unavailable".into(),
            }
        );
    }

    #[test]
    fn money_at_the_current_quote_says_to_finish_paying_it() {
        let e = error(
            "quote_has_payment",
            "A payment arrived at the current quote.",
            &[],
        );
        let p = Problem::from_answer(409, Some(&e));
        assert_eq!(p.message, FINISH_QUOTE);
        assert_eq!(p.code, "quote_has_payment");
        assert!(!p.retry);
    }

    #[test]
    fn refusals_show_the_server_message_without_a_retry() {
        let e = error(
            "merchant_not_ready",
            "The merchant has not set up a deposit wallet yet.",
            &[],
        );
        let p = Problem::from_answer(409, Some(&e));
        assert_eq!(
            p.message,
            "The merchant has not set up a deposit wallet yet."
        );
        assert!(!p.retry);
    }

    #[test]
    fn every_failing_field_is_listed() {
        let e = error(
            "amount_below_minimum",
            "The minimum is 5.00 USD.",
            &["The minimum is 5.00 USD.", "This link accepts ETH."],
        );
        assert_eq!(
            Problem::from_answer(400, Some(&e)).message,
            "The minimum is 5.00 USD. This link accepts ETH."
        );
    }

    #[test]
    fn server_failures_without_a_body_are_retryable() {
        let p = Problem::from_answer(502, None);
        assert!(p.retry);
        assert!(p.message.contains("Nothing was charged"));
        assert!(Problem::from_answer(429, None).retry);
        assert!(Problem::unreachable().retry);
    }
}
