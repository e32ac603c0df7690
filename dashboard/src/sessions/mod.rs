//! Checkout sessions: the list with its filters (status, link, order reference) and cursor
//! pages; each session's detail and the one-time checkout are in their own modules.

pub mod create;
pub mod detail;

use leptos::prelude::*;
use shared::api::keys::List;
use shared::api::sessions::CheckoutSession;
use shared::session::SessionStatus;

use crate::format;
use crate::paging::Cursor;
use crate::route::Route;
use crate::ui::{Empty, Load, Pager, Status, api, load_into, show};

/// The list's filters as the form holds them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionFilters {
    pub status: String,
    pub payment_link: String,
    pub client_reference_id: String,
}

impl SessionFilters {
    /// `GET /v1/checkout_sessions` with the filters set and the page's cursor.
    pub fn path(&self, cursor: &Cursor) -> String {
        let mut path = "/v1/checkout_sessions?limit=20".to_owned();
        for (name, value) in [
            ("status", &self.status),
            ("payment_link", &self.payment_link),
            ("client_reference_id", &self.client_reference_id),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                path.push_str(&format!("&{name}={}", encode(value)));
            }
        }
        path + &cursor.query()
    }

    fn any(&self) -> bool {
        *self != Self::default()
    }
}

fn encode(text: &str) -> String {
    // Ids and references are plain; anything else is escaped so it stays one parameter.
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
pub fn SessionList() -> impl IntoView {
    let api = api();
    let typed = RwSignal::new(SessionFilters::default());
    let applied = RwSignal::new(SessionFilters::default());
    let cursor = RwSignal::new(Cursor::First);
    let slot = RwSignal::new(Load::<List<CheckoutSession>>::Loading);
    Effect::new(move |_| {
        let path = applied.get().path(&cursor.get());
        let api = api.clone();
        load_into(slot, async move { api.get(&path).await });
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        cursor.set(Cursor::First);
        applied.set(typed.get_untracked());
    };
    view! {
        <section>
            <div class="heading">
                <h1>"Checkout sessions"</h1>
                <a class="button primary" href=Route::NewCheckout.href()>"New checkout"</a>
            </div>
            <form class="filters" on:submit=apply>
                <div class="filter">
                <label for="s-status">"Status"</label>
                <select id="s-status" on:change=move |ev| typed.update(|f| f.status = event_target_value(&ev))>
                    <option value="">"Any status"</option>
                    {SessionStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str()>{s.as_str().replace('_', " ")}</option>
                    }).collect_view()}
                </select>
                </div>
                <div class="filter">
                <label for="s-link">"Link id"</label>
                <input id="s-link" placeholder="pl_…" prop:value=move || typed.with(|f| f.payment_link.clone())
                    on:input=move |ev| typed.update(|f| f.payment_link = event_target_value(&ev))/>
                </div>
                <div class="filter">
                <label for="s-ref">"Order reference"</label>
                <input id="s-ref" prop:value=move || typed.with(|f| f.client_reference_id.clone())
                    on:input=move |ev| typed.update(|f| f.client_reference_id = event_target_value(&ev))/>
                </div>
                <button type="submit">"Filter"</button>
            </form>
            {show(slot, move |page: List<CheckoutSession>| {
                if page.data.is_empty() {
                    return if applied.get_untracked().any() {
                        view! { <Empty text="No session matches." hint="Change or clear the filters."/> }.into_any()
                    } else {
                        view! { <Empty text="No checkout sessions yet."
                            hint="A session starts when a customer picks an asset on a link's page, or when you create a one-time checkout for an order."
                            href=Route::NewCheckout.href() action="Create a checkout"/> }.into_any()
                    };
                }
                let first = page.data.first().map(|s| s.id.clone());
                let last = page.data.last().map(|s| s.id.clone());
                view! {
                    <ul class="rows">
                        {page.data.into_iter().map(|s| view! {
                            <li class="row session-row">
                                <div class="main">
                                    <a class="title" href=Route::Session(s.id.clone()).href()>
                                        {format!("{} {}", s.amount, s.currency)}" · "{s.title.clone().unwrap_or_else(|| "One-time checkout".into())}
                                    </a>
                                    <span class="sub"><code>{s.id.clone()}</code>
                                        {s.client_reference_id.clone().map(|r| format!(" · order {r}"))}
                                        " · created "{format::time(s.created_at)}</span>
                                </div>
                                <Status status=s.status.clone()/>
                            </li>
                        }).collect_view()}
                    </ul>
                    <Pager cursor=cursor has_more=page.has_more first=first last=last/>
                }.into_any()
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_filters_set_are_sent_escaped() {
        let filters = SessionFilters {
            status: "paid".into(),
            client_reference_id: "A 1&b".into(),
            ..SessionFilters::default()
        };
        assert_eq!(
            filters.path(&Cursor::After("cs_1".into())),
            "/v1/checkout_sessions?limit=20&status=paid&client_reference_id=A%201%26b&starting_after=cs_1"
        );
        assert_eq!(
            SessionFilters::default().path(&Cursor::First),
            "/v1/checkout_sessions?limit=20"
        );
    }
}
