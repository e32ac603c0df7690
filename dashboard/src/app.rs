//! The app: sign-in until a key is accepted, then the shell (mode badge on every page, the
//! navigation, sign-out) around the page the fragment names.

use leptos::prelude::*;
use shared::api::account::Account;

use crate::api::{Api, Failure};
use crate::key;
use crate::route::{Route, Section};
use crate::ui::Notice;
use crate::{account, keys, links, sessions, webhooks};

/// Who is signed in: the client and the account its key belongs to.
#[derive(Clone)]
pub struct Signed {
    pub api: Api,
    pub account: Account,
}

async fn sign_in(text: String) -> Result<Signed, Failure> {
    let api = Api::new(text);
    let account: Account = api.get("/v1/account").await?;
    Ok(Signed { api, account })
}

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let signed = RwSignal::new(None::<Signed>);
    let failure = RwSignal::new(None::<Failure>);
    let resuming = RwSignal::new(false);
    if let Some(saved) = key::load() {
        resuming.set(true);
        leptos::task::spawn_local(async move {
            match sign_in(saved).await {
                Ok(s) => signed.set(Some(s)),
                Err(f) => {
                    // A key that stopped working is forgotten, and the reason shown.
                    key::clear();
                    failure.set(Some(f));
                }
            }
            resuming.set(false);
        });
    }
    move || match signed.get() {
        Some(s) => view! { <Shell signed=s on_sign_out=Callback::new(move |()| {
            key::clear();
            signed.set(None);
            failure.set(None);
        })/> }
        .into_any(),
        None if resuming.get() => {
            view! { <main class="signin"><p aria-busy="true">"Signing in…"</p></main> }.into_any()
        }
        None => view! { <SignIn signed=signed failure=failure/> }.into_any(),
    }
}

#[component]
fn SignIn(signed: RwSignal<Option<Signed>>, failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked().trim().to_owned();
        if let Err(why) = key::describe(&typed) {
            problem.set(Some(why));
            return;
        }
        problem.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match sign_in(typed.clone()).await {
                Ok(s) => {
                    key::save(&typed);
                    failure.set(None);
                    signed.set(Some(s));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="signin">
            <h1>"Paylink dashboard"</h1>
            // POST, so that without the app a browser never puts the key in a URL.
            <form method="post" on:submit=submit>
                <label for="key">"API key"</label>
                <p class="hint" id="key-hint">"Paste a secret key (sk_…) or a restricted key (rk_…). It stays in this tab only and is forgotten when you close it or sign out. `cargo xtask dev` prints a test key."</p>
                <input id="key" type="password" autocomplete="off" spellcheck="false"
                    aria-describedby="key-hint" required
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <button type="submit" class="primary" disabled=move || busy.get()>"Sign in"</button>
            </form>
            {move || problem.get().map(|why| view! { <div class="notice error" role="alert"><p>{why}</p></div> })}
            {move || failure.get().map(|f| view! { <Notice failure=f/> })}
        </main>
    }
}

#[component]
fn Shell(signed: Signed, on_sign_out: Callback<()>) -> impl IntoView {
    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = current_route();
        // The same page again (its own tab clicked): keep it, and the focus where it is.
        if route.get_untracked() == next {
            return;
        }
        route.set(next);
        // A new page starts at its top, with focus where a screen reader expects it.
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    });
    on_cleanup(move || listener.remove());
    let Signed { api, account } = signed;
    provide_context(api);
    provide_context(account.clone());
    let live = account.livemode;
    let mode = if live { "Live mode" } else { "Test mode" };
    let mode_hint = if live {
        "real money moves"
    } else {
        "no real money: test chains only"
    };
    let kind = account.key_kind.clone();
    view! {
        <a class="skip" href="#main" on:click=move |ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() { let _ = main.focus(); }
            }
        }>"Skip to content"</a>
        <header class=if live { "top live" } else { "top test" }>
            <div class="brand">
                <strong>"Paylink"</strong>
                <span class="merchant">{account.name.clone()}</span>
            </div>
            <span class="mode" id="mode-badge" title=mode_hint>{mode}</span>
            <span class="key-kind">{format!("{kind} key")}</span>
            <button type="button" class="signout" on:click=move |_| on_sign_out.run(())>"Sign out"</button>
        </header>
        <nav class="tabs" aria-label="Sections">
            <ul>
                {Section::ALL.into_iter().map(|section| view! {
                    <li><a href=section.route().href()
                        aria-current=move || (route.get().section() == section).then_some("page")>
                        {section.label()}
                    </a></li>
                }).collect_view()}
            </ul>
        </nav>
        <main id="main" tabindex="-1">
            {move || page(route.get())}
        </main>
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Links => view! { <links::LinkList/> }.into_any(),
        Route::NewLink => view! { <links::form::LinkEditor id=None/> }.into_any(),
        Route::Link(id) => view! { <links::form::LinkEditor id=Some(id)/> }.into_any(),
        Route::Sessions => view! { <sessions::SessionList/> }.into_any(),
        Route::NewCheckout => view! { <sessions::create::NewCheckout/> }.into_any(),
        Route::Session(id) => view! { <sessions::detail::SessionDetail id=id/> }.into_any(),
        Route::Webhooks => view! { <webhooks::EndpointList/> }.into_any(),
        Route::Webhook(id) => view! { <webhooks::detail::EndpointDetail id=id/> }.into_any(),
        Route::Account => view! { <account::AccountPage/> }.into_any(),
        Route::Keys => view! { <keys::KeyList/> }.into_any(),
        Route::NotFound => view! {
            <section>
                <h1>"Page not found"</h1>
                <p>"This address names no page of the dashboard."</p>
                <a class="button primary" href="#/links">"Go to payment links"</a>
            </section>
        }
        .into_any(),
    }
}
