//! One webhook endpoint: edit it, disable or enable it, rotate its secret (shown once),
//! send it a signed test event, and read its delivery log page by page with every attempt,
//! redelivering any of them.

use leptos::prelude::*;
use serde_json::json;
use shared::api::events::Delivery;
use shared::api::keys::List;
use shared::webhook::endpoint::WebhookEndpoint;

use crate::api::Failure;
use crate::format::time;
use crate::paging::Cursor;
use crate::route::Route;
use crate::ui::{Done, Load, Notice, Pager, Status, api, load_into, show};
use crate::webhooks::{EventChoice, EventPicker, PAGE, SecretOnce};

#[component]
pub fn EndpointDetail(id: String) -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<WebhookEndpoint>::Loading);
    let log = RwSignal::new(Load::<List<Delivery>>::Loading);
    let reload = RwSignal::new(0u32);
    let cursor = RwSignal::new(Cursor::First);
    let (endpoint_api, log_api) = (api.clone(), api.clone());
    let path = format!("/v1/webhook_endpoints/{id}");
    let log_path = path.clone();
    Effect::new(move |_| {
        let (api, path) = (endpoint_api.clone(), path.clone());
        load_into(slot, async move { api.get(&path).await });
    });
    Effect::new(move |_| {
        reload.track();
        let api = log_api.clone();
        let path = format!("{log_path}/deliveries?limit={PAGE}{}", cursor.get().query());
        load_into(log, async move { api.get(&path).await });
    });
    view! {
        <section>
            <p><a href=Route::Webhooks.href()>"← All endpoints"</a></p>
            {show(slot, move |e: WebhookEndpoint| view! { <Settings endpoint=e reload=reload cursor=cursor/> })}
            <div class="heading">
                <h2>"Delivery log"</h2>
                <button type="button" on:click=move |_| reload.update(|n| *n += 1)>"Refresh"</button>
            </div>
            {show(log, move |page: List<Delivery>| {
                if page.data.is_empty() {
                    return view! { <p class="empty">"Nothing delivered yet. Send a test event above, or make a payment, then refresh."</p> }.into_any();
                }
                let first = page.data.first().map(|d| d.id.clone());
                let last = page.data.last().map(|d| d.id.clone());
                view! {
                    <ul class="rows deliveries">
                        {page.data.into_iter().map(|d| view! { <DeliveryRow delivery=d reload=reload/> }).collect_view()}
                    </ul>
                    <Pager cursor=cursor has_more=page.has_more first=first last=last/>
                }.into_any()
            })}
        </section>
    }
}

/// The endpoint's settings and actions; `reload` and `cursor` are the delivery log's, which an
/// action refreshes.
#[component]
fn Settings(
    endpoint: WebhookEndpoint,
    reload: RwSignal<u32>,
    cursor: RwSignal<Cursor>,
) -> impl IntoView {
    let api = api();
    let current = RwSignal::new(endpoint.clone());
    let url = RwSignal::new(endpoint.url.clone());
    let description = RwSignal::new(endpoint.description.clone().unwrap_or_default());
    let choice = RwSignal::new(EventChoice::of(&endpoint.enabled_events));
    let failure = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<String>);
    let path = format!("/v1/webhook_endpoints/{}", endpoint.id);
    let act = {
        let api = api.clone();
        move |what: &'static str, body: Option<serde_json::Value>, sub: &'static str| {
            let api = api.clone();
            let path = format!("{path}{sub}");
            leptos::task::spawn_local(async move {
                let result = match body {
                    Some(body) if sub.is_empty() => {
                        api.patch::<WebhookEndpoint>(&path, &body).await.map(Some)
                    }
                    _ if sub == "/test" => {
                        api.post::<Delivery>(&path, &json!({})).await.map(|_| None)
                    }
                    _ => api
                        .post::<WebhookEndpoint>(&path, &json!({}))
                        .await
                        .map(Some),
                };
                match result {
                    Ok(updated) => {
                        failure.set(None);
                        if let Some(e) = updated {
                            secret.set(e.secret.clone());
                            current.set(e);
                        }
                        done.set(Some(what.to_owned()));
                        if sub == "/test" {
                            // The ping is the newest delivery: show the page it is on, even
                            // when an older page of the log was open.
                            cursor.set(Cursor::First);
                        }
                        reload.update(|n| *n += 1);
                    }
                    Err(f) => {
                        done.set(None);
                        failure.set(Some(f));
                    }
                }
            });
        }
    };
    let (save_act, toggle_act, rotate_act, test_act) = (act.clone(), act.clone(), act.clone(), act);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = description.get_untracked();
        let body = json!({
            "url": url.get_untracked().trim(),
            "description": if d.trim().is_empty() { serde_json::Value::Null } else { json!(d.trim()) },
            "enabled_events": choice.get_untracked().value(),
        });
        save_act("Saved.", Some(body), "");
    };
    let toggle = move |_| {
        let enabled = !current.with_untracked(|e| e.enabled);
        let what = if enabled {
            "Enabled: deliveries resume."
        } else {
            "Disabled: nothing is sent until you enable it."
        };
        toggle_act(what, Some(json!({"enabled": enabled})), "");
    };
    let rotate = move |_| {
        if window()
            .confirm_with_message(
                "Rotate the signing secret? The old one keeps signing for 24 hours.",
            )
            .unwrap_or(false)
        {
            rotate_act(
                "Secret rotated: the old one keeps signing for 24 hours.",
                None,
                "/rotate_secret",
            );
        }
    };
    let test = move |_| {
        test_act(
            "Test event sent: its delivery is in the log below.",
            None,
            "/test",
        )
    };
    view! {
        <div class="heading">
            <h1>{move || current.with(|e| e.url.clone())}</h1>
            <span class=move || if current.with(|e| e.enabled) { "badge status-active" } else { "badge status-inactive" }>
                {move || current.with(|e| if e.enabled { "enabled".to_owned() } else {
                    format!("disabled{}", e.disabled_reason.clone().map(|r| format!(" ({r})")).unwrap_or_default())
                })}
            </span>
        </div>
        <div class="actions">
            <button type="button" class="primary" id="send-test" on:click=test>"Send a test event"</button>
            <button type="button" on:click=toggle>{move || if current.with(|e| e.enabled) { "Disable" } else { "Enable" }}</button>
            <button type="button" on:click=rotate>"Rotate secret"</button>
        </div>
        {move || failure.get().map(|f| view! { <Notice failure=f/> })}
        {move || done.get().map(|t| view! { <Done text=t/> })}
        {move || secret.get().map(|s| view! { <SecretOnce what="signing secret" secret=s/> })}
        <details>
            <summary>"Edit URL, description and events"</summary>
            <form class="editor" on:submit=save novalidate>
                <div class="field">
                    <label for="we-url">"URL"</label>
                    <input id="we-url" type="url" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="we-description">"Description"</label>
                    <input id="we-description" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
                </div>
                <EventPicker choice=choice/>
                <button type="submit" class="primary">"Save"</button>
            </form>
        </details>
    }
}

#[component]
fn DeliveryRow(delivery: Delivery, reload: RwSignal<u32>) -> impl IntoView {
    let api = api();
    let failure = RwSignal::new(None::<Failure>);
    let path = format!(
        "/v1/webhook_endpoints/{}/deliveries/{}/retry",
        delivery.endpoint, delivery.id
    );
    let redeliver = move |_| {
        let (api, path) = (api.clone(), path.clone());
        leptos::task::spawn_local(async move {
            match api.post::<Delivery>(&path, &json!({})).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let next = delivery
        .next_attempt_at
        .map(|t| format!(" · next try {}", time(t)));
    view! {
        <li class="row delivery" data-event-type=delivery.event_type.clone()>
            <div class="main">
                <strong><code>{delivery.event_type.clone()}</code></strong>
                <span class="sub">{time(delivery.created_at)}" · "<code>{delivery.event.clone()}</code>{next}</span>
                <ol class="attempts">
                    {delivery.attempts.into_iter().map(|a| view! {
                        <li class="attempt">
                            {format!("Attempt {} · {} · ", a.attempt, time(a.attempted_at))}
                            {match a.status_code {
                                Some(code) => format!("answered {code}"),
                                None => format!("no answer ({})", a.error.unwrap_or_else(|| "unknown".into())),
                            }}
                            {format!(" · {} ms", a.duration_ms)}
                        </li>
                    }).collect_view()}
                </ol>
                {move || failure.get().map(|f| view! { <Notice failure=f/> })}
            </div>
            <Status status=delivery.status.clone()/>
            <button type="button" class="redeliver" on:click=redeliver>"Redeliver"</button>
        </li>
    }
}
