//! API keys: the mode's keys (never their secrets), a new restricted key with the scopes
//! chosen (its secret shown once), and revocation. Only a secret key may do any of it; a
//! restricted key sees the API's refusal.

use leptos::prelude::*;
use serde_json::json;
use shared::api::keys::{ApiKeyObject, List};
use shared::auth::Scope;

use crate::api::Failure;
use crate::format::time;
use crate::paging::Cursor;
use crate::ui::{Empty, Load, Notice, Pager, api, load_into, show};
use crate::webhooks::SecretOnce;

#[component]
pub fn KeyList() -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<List<ApiKeyObject>>::Loading);
    let cursor = RwSignal::new(Cursor::First);
    let reload = RwSignal::new(0u32);
    let picked = RwSignal::new(Vec::<Scope>::new());
    let failure = RwSignal::new(None::<Failure>);
    let problem = RwSignal::new(None::<&'static str>);
    let created = RwSignal::new(None::<String>);
    let load_api = api.clone();
    Effect::new(move |_| {
        reload.track();
        let path = format!("/v1/api_keys?limit=20{}", cursor.get().query());
        let api = load_api.clone();
        load_into(slot, async move { api.get(&path).await });
    });
    let create_api = api.clone();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scopes: Vec<&str> = picked
            .get_untracked()
            .into_iter()
            .map(Scope::as_str)
            .collect();
        if scopes.is_empty() {
            problem.set(Some(
                "Tick at least one scope: a restricted key may do only what it is given.",
            ));
            return;
        }
        problem.set(None);
        let api = create_api.clone();
        leptos::task::spawn_local(async move {
            match api
                .post::<ApiKeyObject>("/v1/api_keys", &json!({"scopes": scopes}))
                .await
            {
                Ok(key) => {
                    failure.set(None);
                    created.set(key.secret);
                    picked.set(Vec::new());
                    cursor.set(Cursor::First);
                    reload.update(|n| *n += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section>
            <h1>"API keys"</h1>
            <p class="hint">"Secret keys (sk_) can do everything and come from the operator. Make restricted keys (rk_) for each service, with only the scopes it needs."</p>
            {show(slot, move |page: List<ApiKeyObject>| {
                if page.data.is_empty() {
                    return view! { <Empty text="No keys in this mode." hint="Create a restricted key below."/> }.into_any();
                }
                let first = page.data.first().map(|k| k.id.clone());
                let last = page.data.last().map(|k| k.id.clone());
                view! {
                    <ul class="rows">
                        {page.data.into_iter().map(|k| view! { <KeyRow key=k reload=reload failure=failure/> }).collect_view()}
                    </ul>
                    <Pager cursor=cursor has_more=page.has_more first=first last=last/>
                }.into_any()
            })}
            <h2>"New restricted key"</h2>
            <form class="editor" on:submit=create>
                <fieldset>
                    <legend>"Scopes"</legend>
                    {Scope::ALL.into_iter().map(|scope| view! {
                        <label class="check"><input type="checkbox" value=scope.as_str()
                            prop:checked=move || picked.with(|p| p.contains(&scope))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| {
                                    p.retain(|s| *s != scope);
                                    if on { p.push(scope); }
                                })
                            }/><code>{scope.as_str()}</code></label>
                    }).collect_view()}
                </fieldset>
                {move || problem.get().map(|p| view! { <div class="notice error" role="alert"><p>{p}</p></div> })}
                {move || failure.get().map(|f| view! { <Notice failure=f/> })}
                <button type="submit" class="primary">"Create restricted key"</button>
            </form>
            {move || created.get().map(|secret| view! { <SecretOnce what="restricted key" secret=secret/> })}
        </section>
    }
}

#[component]
fn KeyRow(
    key: ApiKeyObject,
    reload: RwSignal<u32>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let api = api();
    let id = key.id.clone();
    let revoke = move |_| {
        if !window()
            .confirm_with_message("Revoke this key? Anything using it stops working at once.")
            .unwrap_or(false)
        {
            return;
        }
        let (api, id) = (api.clone(), id.clone());
        leptos::task::spawn_local(async move {
            match api
                .delete::<ApiKeyObject>(&format!("/v1/api_keys/{id}"))
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
    let prefix = match (key.kind.as_str(), key.livemode) {
        ("secret", false) => "sk_test_",
        ("secret", true) => "sk_live_",
        (_, false) => "rk_test_",
        (_, true) => "rk_live_",
    };
    view! {
        <li class="row key-row">
            <div class="main">
                <strong><code>{format!("{prefix}…{}", key.last4)}</code></strong>
                <span class="sub">{key.scopes.join(", ")}" · created "{time(key.created_at)}</span>
            </div>
            {match key.revoked_at {
                Some(t) => view! { <span class="badge status-archived">{format!("revoked {}", time(t))}</span> }.into_any(),
                None => view! {
                    <span class="badge status-active">"active"</span>
                    <button type="button" class="danger" on:click=revoke>"Revoke"</button>
                }.into_any(),
            }}
        </li>
    }
}
