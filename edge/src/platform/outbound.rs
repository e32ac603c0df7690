//! Outbound HTTP from the worker: one request with a deadline, redirects never followed.

use std::time::Duration;

use futures_util::future::{Either, select};
use worker::wasm_bindgen::JsValue;
use worker::{
    AbortController, Delay, Env, Fetch, Headers, Method, Request, RequestInit, RequestRedirect,
};

/// What came back: the status and the body as text.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// Sends `method url` with an optional JSON `body`, giving up after `timeout`. The error
/// names what failed, without the URL's query (which may hold an API key).
pub async fn send(
    env: &Env,
    method: Method,
    url: &str,
    json_body: Option<&str>,
    timeout: Duration,
) -> Result<Answer, String> {
    let where_ = url.split('?').next().unwrap_or(url).to_owned();
    let headers = Headers::new();
    headers
        .set("accept", "application/json")
        .map_err(|e| format!("{where_}: header: {e}"))?;
    if json_body.is_some() {
        headers
            .set("content-type", "application/json")
            .map_err(|e| format!("{where_}: header: {e}"))?;
    }
    let mut init = RequestInit::new();
    init.with_method(method)
        .with_headers(headers)
        .with_redirect(RequestRedirect::Manual)
        .with_body(json_body.map(JsValue::from_str));
    let request =
        Request::new_with_init(url, &init).map_err(|e| format!("{where_}: request: {e}"))?;
    let controller = AbortController::default();
    let signal = controller.signal();
    // Counted from here to the end of the race below, where nothing returns early.
    crate::platform::meter::fetching(env).map_err(|e| format!("{where_}: {e}"))?;
    let fetch = Fetch::Request(request);
    let call = Box::pin(async {
        let mut response = fetch.send_with_signal(&signal).await?;
        let status = response.status_code();
        let body = response.text().await?;
        Ok::<_, worker::Error>(Answer { status, body })
    });
    let raced = select(call, Box::pin(Delay::from(timeout))).await;
    crate::platform::meter::fetched(env);
    match raced {
        Either::Left((Ok(answer), _)) => Ok(answer),
        Either::Left((Err(e), _)) => Err(format!("{where_}: {e}")),
        Either::Right(((), _)) => {
            controller.abort();
            Err(format!(
                "{where_}: no answer within {} ms",
                timeout.as_millis()
            ))
        }
    }
}
