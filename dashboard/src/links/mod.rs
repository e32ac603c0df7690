//! Payment links: the list with search, status filter and cursor pages, and each link's
//! actions (edit, open, copy, QR code, embed, archive).

pub mod fields;
pub mod form;
pub mod payer;
pub mod share;
pub mod text;

use leptos::prelude::*;
use shared::api::keys::List;
use shared::api::links::PaymentLink;

use crate::format;
use crate::paging::Cursor;
use crate::route::Route;
use crate::ui::{Empty, Load, Notice, Pager, Status, api, load_into, show};

/// The status filter's choices: the API's `status` values, and its default first.
const STATUSES: &[(&str, &str)] = &[
    ("", "All but archived"),
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("expired", "Expired"),
    ("sold_out", "Sold out"),
    ("archived", "Archived"),
    ("all", "All"),
];

/// The price as the list shows it: `12.50 USD`, or the custom bounds.
pub fn price(link: &PaymentLink) -> String {
    match (&link.amount, &link.custom_amount) {
        (Some(amount), _) => format!("{amount} {}", link.currency),
        (None, Some(c)) => match (&c.minimum, &c.maximum) {
            (Some(lo), Some(hi)) => format!("{lo}–{hi} {} (customer enters)", link.currency),
            (Some(lo), None) => format!("from {lo} {} (customer enters)", link.currency),
            (None, Some(hi)) => format!("up to {hi} {} (customer enters)", link.currency),
            (None, None) => format!("any amount in {} (customer enters)", link.currency),
        },
        (None, None) => link.currency.clone(),
    }
}

fn query(q: &str, status: &str, cursor: &Cursor) -> String {
    let mut path = "/v1/payment_links?limit=20".to_owned();
    if !q.trim().is_empty() {
        path.push_str(&format!("&q={}", js_sys::encode_uri_component(q.trim())));
    }
    if !status.is_empty() {
        path.push_str(&format!("&status={status}"));
    }
    path + &cursor.query()
}

#[component]
pub fn LinkList() -> impl IntoView {
    let api = api();
    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let cursor = RwSignal::new(Cursor::First);
    let slot = RwSignal::new(Load::<List<PaymentLink>>::Loading);
    let reload = RwSignal::new(0u32);
    let failure = RwSignal::new(None);
    Effect::new(move |_| {
        reload.track();
        let path = query(&q.get(), &status.get(), &cursor.get());
        let api = api.clone();
        load_into(slot, async move { api.get(&path).await });
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        cursor.set(Cursor::First);
        q.set(typed.get_untracked());
    };
    let filtered = move || !q.get().trim().is_empty() || !status.get().is_empty();
    view! {
        <section>
            <div class="heading">
                <h1>"Payment links"</h1>
                <a class="button primary" href=Route::NewLink.href()>"New link"</a>
            </div>
            <form class="filters" role="search" on:submit=search>
                <div class="filter">
                <label for="link-q">"Search title or slug"</label>
                <input id="link-q" type="search" maxlength="100"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                <div class="filter">
                <label for="link-status">"Status"</label>
                <select id="link-status" on:change=move |ev| {
                    cursor.set(Cursor::First);
                    status.set(event_target_value(&ev));
                }>
                    {STATUSES.iter().map(|(value, label)| view! {
                        <option value=*value selected=move || status.get() == *value>{*label}</option>
                    }).collect_view()}
                </select>
                </div>
                <button type="submit">"Search"</button>
            </form>
            {move || failure.get().map(|f| view! { <Notice failure=f/> })}
            {show(slot, move |page: List<PaymentLink>| {
                if page.data.is_empty() {
                    return if filtered() {
                        view! { <Empty text="No link matches." hint="Change the search or the status filter."/> }.into_any()
                    } else {
                        view! { <Empty text="No payment links yet."
                            hint="A link is a page where customers pay you in crypto. Create one, then share its URL, QR code or embed."
                            href=Route::NewLink.href() action="Create your first link"/> }.into_any()
                    };
                }
                let first = page.data.first().map(|l| l.id.clone());
                let last = page.data.last().map(|l| l.id.clone());
                view! {
                    <ul class="rows">
                        {page.data.into_iter().map(|link| view! {
                            <LinkRow link=link reload=reload failure=failure/>
                        }).collect_view()}
                    </ul>
                    <Pager cursor=cursor has_more=page.has_more first=first last=last/>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn LinkRow(
    link: PaymentLink,
    reload: RwSignal<u32>,
    failure: RwSignal<Option<crate::api::Failure>>,
) -> impl IntoView {
    let api = api();
    let archived = link.archived_at.is_some();
    let id = link.id.clone();
    let title = link.title.clone();
    let archive = move |_| {
        let asked = window()
            .confirm_with_message(&format!(
                "Archive “{title}”? Its URL stops working; open sessions stay payable."
            ))
            .unwrap_or(false);
        if !asked {
            return;
        }
        let (api, id) = (api.clone(), id.clone());
        leptos::task::spawn_local(async move {
            match api
                .delete::<PaymentLink>(&format!("/v1/payment_links/{id}"))
                .await
            {
                Ok(_) => {
                    failure.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let edit = Route::Link(link.id.clone()).href();
    view! {
        <li class="row link-row">
            <div class="main">
                <a class="title" href=edit.clone()>{link.title.clone()}</a>
                <span class="sub">{price(&link)}" · "<code>{link.slug.clone()}</code>" · created "{format::time(link.created_at)}</span>
            </div>
            <Status status=link.status.clone()/>
            <div class="actions">
                <a class="button" href=edit>"Edit"</a>
                {(!archived).then(|| view! {
                    <a class="button" href=link.url.clone() target="_blank" rel="noopener">"Open pay page"</a>
                    <share::ShareButtons link=link.clone()/>
                    <button type="button" class="danger" on:click=archive>"Archive"</button>
                })}
            </div>
        </li>
    }
}
