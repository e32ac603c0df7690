//! Webhook delivery: sends due deliveries from the outbox, signed per Standard Webhooks, and
//! records each attempt. Run at once after a change (`waitUntil`) and by every cron tick.

use std::time::Duration;

use futures_util::future::join_all;
use shared::api::events::Event;
use shared::webhook::signature::SigningSecret;
use worker::wasm_bindgen::JsValue;
use worker::{
    AbortController, D1Database, Date, Delay, Env, Fetch, Headers, Method, Request, RequestInit,
    RequestRedirect, console_error,
};

use crate::api::error::ApiError;
use crate::platform::random;
use crate::platform::{self, Bindings};
use crate::webhooks::deliveries_store::{self as deliveries, Attempt, Outgoing};
use crate::webhooks::endpoints_store as endpoints;
use crate::webhooks::policy::{self as delivery_policy, Next, Verdict};

/// Deliveries sent at once by one run.
const BATCH: u32 = 20;
/// Runs stop claiming after this many, leaving the rest to the next run.
const MAX_PER_RUN: usize = 200;

/// Sends every due delivery (up to [`MAX_PER_RUN`]); returns how many were attempted.
pub async fn run(env: &Env) -> Result<usize, ApiError> {
    let db = Bindings::db(env)?;
    let timeout = platform::vars(env)("WEBHOOK_TIMEOUT_SECS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let mut sent = 0;
    if !deliveries::any_due(&db, platform::now()).await? {
        return Ok(0);
    }
    while sent < MAX_PER_RUN && room_for_a_batch(env) {
        let ids = deliveries::claim(&db, platform::now(), BATCH).await?;
        if ids.is_empty() {
            break;
        }
        sent += ids.len();
        let outgoing = deliveries::outgoing(&db, &ids).await?;
        let results = join_all(
            outgoing
                .iter()
                .map(|out| attempt(env, &db, out, Duration::from_secs(timeout))),
        )
        .await;
        for result in results {
            if let Err(e) = result {
                console_error!("webhooks: {e:?}");
            }
        }
    }
    Ok(sent)
}

/// Whether this invocation may still claim a batch under its plan's limits: each delivery
/// takes one fetch and at most two D1 queries (its record, the endpoint when it fails), the
/// batch two more (claim, read). What is not claimed is sent by the next run.
fn room_for_a_batch(env: &Env) -> bool {
    crate::platform::meter::left(env)
        .is_none_or(|left| left.fetches >= BATCH && left.d1 >= 2 * BATCH + 2)
}

/// The secrets that sign now: the current one, and the previous one during its overlap.
fn secrets(out: &Outgoing, now: i64) -> Vec<SigningSecret> {
    let previous = out
        .previous_secret
        .as_deref()
        .filter(|_| out.previous_secret_until.is_some_and(|until| until > now));
    [Some(out.secret.as_str()), previous]
        .into_iter()
        .flatten()
        .filter_map(SigningSecret::parse)
        .collect()
}

async fn attempt(
    env: &Env,
    db: &D1Database,
    out: &Outgoing,
    timeout: Duration,
) -> Result<(), ApiError> {
    let now = platform::now();
    if out.enabled != 1 {
        return deliveries::drop_undeliverable(db, &out.id, now).await;
    }
    let data: serde_json::Value = serde_json::from_str(&out.data)
        .map_err(|e| ApiError::internal(format!("event {} data: {e}", out.event_id)))?;
    let event = Event {
        id: out.event_id.clone(),
        object: "event".into(),
        kind: out.event_type.clone(),
        created_at: out.event_created_at,
        livemode: out.livemode == 1,
        data,
    };
    let body = serde_json::to_string(&event)
        .map_err(|e| ApiError::internal(format!("event {} body: {e}", out.event_id)))?;
    let headers = delivery_policy::headers(&out.event_id, now, body.as_bytes(), &secrets(out, now));
    let started = Date::now().as_millis();
    let answer = post(env, &out.url, &headers, &body, timeout).await;
    let duration_ms = Date::now().as_millis().saturating_sub(started);
    let number = out.attempts + 1;
    let (status_code, response_body, error) = match answer {
        Ok((status, text)) => (Some(status), Some(delivery_policy::trim_body(&text)), None),
        Err(why) => (None, None, Some(why)),
    };
    let verdict = delivery_policy::judge(status_code);
    let next = delivery_policy::next(verdict, number, now);
    let disabled = match verdict {
        Verdict::Delivered => String::new(),
        Verdict::Retry | Verdict::Stop | Verdict::Gone => endpoint_data(db, out).await?,
    };
    let event_id = random::id("evt")?;
    deliveries::record(
        db,
        out,
        &Attempt {
            number,
            status_code,
            duration_ms,
            response_body,
            error,
        },
        verdict,
        next,
        now,
        (&event_id, &disabled),
    )
    .await?;
    if let Next::Failed = next {
        console_error!(
            "webhooks: delivery {} of {} to endpoint {} failed for good after attempt {number}",
            out.id,
            out.event_id,
            out.endpoint_id
        );
    }
    Ok(())
}

/// The endpoint as the API shows it, for a `webhook_endpoint.disabled` event.
async fn endpoint_data(db: &D1Database, out: &Outgoing) -> Result<String, ApiError> {
    let row = endpoints::get(db, &out.merchant_id, out.livemode == 1, &out.endpoint_id)
        .await?
        .ok_or_else(|| ApiError::internal(format!("endpoint {} vanished", out.endpoint_id)))?;
    serde_json::to_string(&row.into_object(false))
        .map_err(|e| ApiError::internal(format!("endpoint data: {e}")))
}

/// POSTs `body`; redirects are not followed. The error says what happened, never the URL.
async fn post(
    env: &Env,
    url: &str,
    headers: &[(&'static str, String)],
    body: &str,
    timeout: Duration,
) -> Result<(u16, String), String> {
    let list = Headers::new();
    for (name, value) in headers {
        list.set(name, value)
            .map_err(|_| "invalid_header".to_owned())?;
    }
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(list)
        .with_redirect(RequestRedirect::Manual)
        .with_body(Some(JsValue::from_str(body)));
    let request = Request::new_with_init(url, &init).map_err(|_| "invalid_url".to_owned())?;
    let controller = AbortController::default();
    let signal = controller.signal();
    // Counted from here to the end of the race below, where nothing returns early. Past the
    // plan's subrequest limit the attempt fails like a network error, and is retried.
    if let Err(e) = crate::platform::meter::fetching(env) {
        worker::console_error!("webhooks: {e}");
        return Err("network_error".into());
    }
    let fetch = Fetch::Request(request);
    let call = Box::pin(async {
        let mut response = fetch.send_with_signal(&signal).await?;
        let status = response.status_code();
        let text = response.text().await.unwrap_or_default();
        Ok::<_, worker::Error>((status, text))
    });
    let raced = futures_util::future::select(call, Box::pin(Delay::from(timeout))).await;
    crate::platform::meter::fetched(env);
    match raced {
        futures_util::future::Either::Left((Ok(answer), _)) => Ok(answer),
        futures_util::future::Either::Left((Err(_), _)) => Err("network_error".into()),
        futures_util::future::Either::Right(((), _)) => {
            controller.abort();
            Err("timeout".into())
        }
    }
}
