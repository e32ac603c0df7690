//! Webhooks: the endpoints, and a new one with its signing secret shown once. Each endpoint's
//! settings, delivery log, redelivery and test event are in `detail`.

pub mod detail;

use leptos::prelude::*;
use serde_json::{Value, json};
use shared::api::keys::List;
use shared::webhook::endpoint::{EVENT_TYPES, WebhookEndpoint};

use crate::api::Failure;
use crate::paging::Cursor;
use crate::route::Route;
use crate::ui::{Copy, Empty, Load, Notice, Pager, api, load_into, show};

/// Rows on a page of the dashboard's webhook lists, as on its other lists.
pub const PAGE: u32 = 20;

/// The events an endpoint subscribes to, as the form holds them: every type, or those ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventChoice {
    pub all: bool,
    pub picked: Vec<String>,
}

impl EventChoice {
    pub fn of(events: &[String]) -> Self {
        Self {
            all: events.iter().any(|e| e == "*"),
            picked: events.iter().filter(|e| *e != "*").cloned().collect(),
        }
    }

    /// `enabled_events` as the API takes it.
    pub fn value(&self) -> Value {
        if self.all {
            json!(["*"])
        } else {
            json!(self.picked)
        }
    }
}

/// The event-type checkboxes.
#[component]
pub fn EventPicker(choice: RwSignal<EventChoice>) -> impl IntoView {
    view! {
        <fieldset class="events">
            <legend>"Events to send"</legend>
            <label class="check"><input type="checkbox" prop:checked=move || choice.with(|c| c.all)
                on:change=move |ev| choice.update(|c| c.all = event_target_checked(&ev))/>"Every event (now and added later)"</label>
            <Show when=move || !choice.with(|c| c.all)>
                {EVENT_TYPES.into_iter().map(|name| view! {
                    <label class="check"><input type="checkbox"
                        prop:checked=move || choice.with(|c| c.picked.iter().any(|p| p == name))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            choice.update(|c| {
                                c.picked.retain(|p| p != name);
                                if on { c.picked.push(name.to_owned()); }
                            })
                        }/><code>{name}</code></label>
                }).collect_view()}
            </Show>
        </fieldset>
    }
}

/// A secret shown once, with what to do with it.
#[component]
pub fn SecretOnce(#[prop(into)] what: String, secret: String) -> impl IntoView {
    view! {
        <div class="notice secret" role="status">
            <p><strong>{format!("Your new {what}:")}</strong></p>
            <p><code class="secret-value">{secret.clone()}</code></p>
            <Copy text=secret label="Copy secret"/>
            <p>"Keep it somewhere safe now: it is shown this once and never again."</p>
        </div>
    }
}

#[component]
pub fn EndpointList() -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<List<WebhookEndpoint>>::Loading);
    let cursor = RwSignal::new(Cursor::First);
    let reload = RwSignal::new(0u32);
    let load_api = api.clone();
    Effect::new(move |_| {
        reload.track();
        let path = format!("/v1/webhook_endpoints?limit={PAGE}{}", cursor.get().query());
        let api = load_api.clone();
        load_into(slot, async move { api.get(&path).await });
    });
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let choice = RwSignal::new(EventChoice {
        all: true,
        picked: Vec::new(),
    });
    let failure = RwSignal::new(None::<Failure>);
    let created = RwSignal::new(None::<WebhookEndpoint>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = json!({"url": url.get_untracked().trim(), "enabled_events": choice.get_untracked().value()});
        let d = description.get_untracked();
        if !d.trim().is_empty() {
            body["description"] = json!(d.trim());
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            match api
                .post::<WebhookEndpoint>("/v1/webhook_endpoints", &body)
                .await
            {
                Ok(e) => {
                    failure.set(None);
                    url.set(String::new());
                    description.set(String::new());
                    created.set(Some(e));
                    // The new endpoint is the newest: show the page it is on.
                    cursor.set(Cursor::First);
                    reload.update(|n| *n += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section>
            <h1>"Webhooks"</h1>
            <p class="hint">"Paylink POSTs a signed event (Standard Webhooks) to each endpoint when something happens: a session paid, a link archived…"</p>
            {show(slot, move |page: List<WebhookEndpoint>| {
                if page.data.is_empty() {
                    return view! { <Empty text="No webhook endpoints yet."
                        hint="Add your server's URL below to hear about payments as they happen."/> }.into_any();
                }
                let first = page.data.first().map(|e| e.id.clone());
                let last = page.data.last().map(|e| e.id.clone());
                view! {
                    <ul class="rows">
                        {page.data.into_iter().map(|e| view! {
                            <li class="row endpoint-row">
                                <div class="main">
                                    <a class="title" href=Route::Webhook(e.id.clone()).href()>{e.url.clone()}</a>
                                    <span class="sub">{e.description.clone().unwrap_or_default()}" "{e.enabled_events.join(", ")}</span>
                                </div>
                                <span class=if e.enabled { "badge status-active" } else { "badge status-inactive" }>
                                    {if e.enabled { "enabled".to_owned() } else { format!("disabled{}", e.disabled_reason.map(|r| format!(" ({r})")).unwrap_or_default()) }}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <Pager cursor=cursor has_more=page.has_more first=first last=last/>
                }.into_any()
            })}
            <h2>"Add an endpoint"</h2>
            <form class="editor" on:submit=create novalidate>
                <div class="field">
                    <label for="we-url">"URL"</label>
                    <p class="hint" id="we-url-hint">"https in live mode; in test mode http://localhost or 127.0.0.1 works too."</p>
                    <input id="we-url" type="url" aria-describedby="we-url-hint" prop:value=move || url.get()
                        on:input=move |ev| url.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="we-description">"Description (optional)"</label>
                    <input id="we-description" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))/>
                </div>
                <EventPicker choice=choice/>
                {move || failure.get().map(|f| view! { <Notice failure=f/> })}
                <button type="submit" class="primary">"Add endpoint"</button>
            </form>
            {move || created.get().map(|e| view! {
                <SecretOnce what="signing secret" secret=e.secret.clone().unwrap_or_default()/>
                <p><a class="button" href=Route::Webhook(e.id.clone()).href()>"Open the endpoint to send a test event"</a></p>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_subscription_reads_as_every_event_and_writes_back_the_same() {
        let choice = EventChoice::of(&["*".into()]);
        assert!(choice.all);
        assert_eq!(choice.value(), json!(["*"]));
    }

    #[test]
    fn picked_types_are_sent_as_picked() {
        let choice = EventChoice::of(&["checkout_session.paid".into()]);
        assert!(!choice.all);
        assert_eq!(choice.value(), json!(["checkout_session.paid"]));
    }
}
