//! Component tests of sessions that keep their id: a checkout before its first quote, a quote
//! whose lock ran out, the way back to the merchant as the session offers it, extra payments,
//! and the hosted page of a merchant's checkout.

use leptos::prelude::*;
use paylink_widget::app::SessionPage;
use paylink_widget::checkout::Checkout;
use paylink_widget::status::panel::{StatusPanel, WayBack};
use shared::api::sessions::Payment;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::checkout::{button, text_of};
use super::fixtures::{
    self, ETH_DUE, SESSION_ID, checkout, eth_quote, session, usdc_quote, wire_session,
};
use super::{container, heading, settle};

fn way_back(root: &web_sys::HtmlElement) -> Option<(String, String)> {
    root.query_selector(".way-back a").unwrap().map(|a| {
        (
            a.text_content().unwrap_or_default(),
            a.get_attribute("href").unwrap_or_default(),
        )
    })
}

#[wasm_bindgen_test]
async fn a_checkout_without_a_quote_offers_its_assets_and_the_way_back() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        let s = checkout("open");
        view! { <Checkout assets=s.assets.clone() slug=None custom=None session=Some(s)/> }
    });
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(radios.length(), 2, "the session's assets");
    assert!(button(&root, "Continue").is_some());
    assert!(
        root.query_selector("#amount").unwrap().is_none(),
        "its amount is set"
    );
    // No quote yet: nothing to wait for, so the status is hidden.
    assert!(
        root.query_selector("div[hidden] #session-status")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        way_back(&root),
        Some((
            "Cancel and return to Bean Shop".into(),
            "https://shop.example/cart".into()
        ))
    );
}

#[wasm_bindgen_test]
async fn a_quote_whose_lock_ran_out_offers_a_new_quote_and_another_asset() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        // The lock ended long ago; the session itself is still open.
        let s = session("open", eth_quote(1_000), "0", ETH_DUE);
        view! { <Checkout assets=s.assets.clone() slug=None custom=None session=Some(s)/> }
    });
    settle(20, || button(&root, "Get a new quote").is_some()).await;
    assert!(text_of(&root, "#session-status").contains("The quote has run out"));
    assert_eq!(text_of(&root, "[role=timer]"), "This quote has expired.");
    // The test server has no API: asking says so in a sentence, nothing else changes.
    button(&root, "Get a new quote").unwrap().click();
    let alert = || text_of(&root, "[role=alert]");
    settle(20, || !alert().is_empty()).await;
    assert!(alert().contains("Nothing was charged"), "{}", alert());
    assert!(button(&root, "Get a new quote").is_some());
    // Another asset, on the same session: the form comes back over it.
    button(&root, "Change how you pay").unwrap().click();
    settle(20, || button(&root, "Continue").is_some()).await;
    assert!(root.query_selector("input[value=USDC]").unwrap().is_some());
    assert!(
        root.query_selector("div[hidden] #session-status")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_way_back_is_offered_while_open_and_after_an_unpaid_end() {
    let root = container();
    let live = RwSignal::new(None);
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <WayBack live=live/> });
    assert_eq!(
        way_back(&root),
        None,
        "no session, nothing (the shell's link stays)"
    );
    let with_cancel = |status: &str, received: &str, remaining: &str| {
        let mut s = session(status, usdc_quote(0), received, remaining);
        s.cancel_url = Some("https://shop.example/cart".into());
        s
    };
    let cases = [
        (
            with_cancel("open", "0", "12500000"),
            "Cancel and return to Bean Shop",
        ),
        (
            with_cancel("expired", "0", "12500000"),
            "Return to Bean Shop",
        ),
        (
            with_cancel("underpaid", "12000000", "500000"),
            "Return to Bean Shop",
        ),
        (
            with_cancel("canceled", "0", "12500000"),
            "Return to Bean Shop",
        ),
    ];
    for (s, words) in cases {
        let status = s.status.clone();
        live.set(Some(s));
        settle(10, || way_back(&root).is_some_and(|(w, _)| w == words)).await;
        assert_eq!(
            way_back(&root),
            Some((words.to_owned(), "https://shop.example/cart".into())),
            "{status}"
        );
    }
    // Paid: the server sends no cancel_url, and a non-web address is never offered.
    live.set(Some(session("paid", usdc_quote(0), "12500000", "0")));
    settle(10, || way_back(&root).is_none()).await;
    assert_eq!(way_back(&root), None);
    let mut odd = with_cancel("open", "0", "12500000");
    odd.cancel_url = Some("javascript:alert(1)".into());
    live.set(Some(odd));
    settle(10, || root.query_selector(".way-back").unwrap().is_some()).await;
    assert_eq!(way_back(&root), None);
}

#[wasm_bindgen_test]
async fn an_underpaid_end_names_the_shortfall_and_a_canceled_one_the_way_back() {
    let root = container();
    let live = RwSignal::new(None);
    let over = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <StatusPanel live=live quote_over=over on_requote=|| ()/> <WayBack live=live/> }
    });
    let mut short = session("underpaid", usdc_quote(0), "12000000", "500000");
    short.cancel_url = Some("https://shop.example/cart".into());
    live.set(Some(short));
    let region = || text_of(&root, "#session-status");
    settle(10, || region().contains("0.5 USDC short")).await;
    assert!(
        region().contains("12 USDC received, 0.5 USDC short"),
        "{}",
        region()
    );
    assert!(way_back(&root).is_some());
    let mut canceled = checkout("canceled");
    canceled.quote = None;
    live.set(Some(canceled));
    settle(10, || region().contains("canceled")).await;
    assert_eq!(
        region(),
        "This checkout was canceledNothing was charged. Return to the merchant to start again."
    );
    assert!(button(&root, "Get a new quote").is_none());
    assert_eq!(way_back(&root).unwrap().0, "Return to Bean Shop");
}

#[wasm_bindgen_test]
async fn money_sent_to_an_earlier_quote_after_payment_is_shown_as_extra() {
    let root = container();
    let mut paid = session("overpaid", eth_quote(0), ETH_DUE, "0");
    paid.payments = vec![
        Payment {
            quote: "qt_00000000000000000000000e".into(),
            asset: "ETH".into(),
            ..fixtures::paid_with("0xeth", ETH_DUE)
        },
        Payment {
            extra: true,
            ..fixtures::paid_with("0xusdc", "12500000")
        },
    ];
    let live = RwSignal::new(Some(paid));
    let over = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <StatusPanel live=live quote_over=over on_requote=|| ()/> }
    });
    assert_eq!(
        text_of(&root, ".extra"),
        "Extra payment received: 12.5 USDC. The money arrived; the merchant will be in touch \
         about it."
    );
    // The receipt names the transaction that paid; the extra one is not hidden in it.
    assert!(text_of(&root, ".receipt").contains("0xeth"));
    assert!(!text_of(&root, ".receipt").contains("0xusdc"));
}

/// Puts `text` where the worker inlines a checkout's session, for one test.
fn inline_session(text: &str) -> web_sys::Element {
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_attribute("id", "paylink-session").unwrap();
    script.set_text_content(Some(text));
    document().head().unwrap().append_child(&script).unwrap();
    script
}

#[wasm_bindgen_test]
fn a_checkout_page_shows_its_order_or_says_it_does_not_exist() {
    let text = serde_json::to_string(&wire_session(&checkout("open"))).unwrap();
    let script = inline_session(&text);
    let root = container();
    let _page = leptos::mount::mount_to(root.clone(), || {
        view! { <SessionPage id=SESSION_ID.to_owned()/> }
    });
    script.remove();
    assert_eq!(heading(&root).as_deref(), Some("Order A-1001"));
    assert_eq!(text_of(&root, ".merchant"), "Bean Shop");
    assert_eq!(text_of(&root, ".description"), "Two bags of beans");
    assert_eq!(
        text_of(&root, ".price"),
        paylink_widget::locale::fiat("42.00", "EUR")
    );
    assert_eq!(
        text_of(&root, ".assets"),
        "Pay with ETH, USDC on Local test chain"
    );
    assert!(button(&root, "Continue").is_some());

    let script = inline_session("null");
    let missing = container();
    let _gone = leptos::mount::mount_to(missing.clone(), || {
        view! { <SessionPage id="cs_00000000000000000000dead".to_owned()/> }
    });
    script.remove();
    assert_eq!(
        heading(&missing).as_deref(),
        Some("This checkout does not exist")
    );
    assert!(text_of(&missing, "p").contains("go back to the shop and start the payment again"));
    assert!(button(&missing, "Continue").is_none());
}

/// Answers the page's `fetch` from here for one test: `POST …/quotes` with `quoted`, any
/// `GET` with `polled` (a server whose poll still names the quote before).
fn fake_api(quoted: &str, polled: &str) {
    let script = format!(
        "window.__realFetch = window.__realFetch || window.fetch; window.fetch = (url, init) => \
         Promise.resolve(new Response(init && init.method === 'POST' ? {quoted:?} : {polled:?}, \
         {{ status: init && init.method === 'POST' ? 201 : 200, headers: {{ 'content-type': \
         'application/json' }} }}));"
    );
    js_sys::eval(&script).unwrap();
}

fn real_api() {
    js_sys::eval("window.fetch = window.__realFetch || window.fetch").unwrap();
}

#[wasm_bindgen_test]
async fn another_asset_on_the_same_session_shows_its_quote() {
    let usdc = session("open", usdc_quote(1_900_000_000), "0", "12500000");
    let mut eth = session("open", eth_quote(1_900_000_000), "0", ETH_DUE);
    eth.quote.as_mut().unwrap().deposit_address =
        "0x4be6b6442329A53b861e84152C679Cd7528c3A4C".into();
    fake_api(
        &serde_json::to_string(&wire_session(&eth)).unwrap(),
        &serde_json::to_string(&wire_session(&usdc)).unwrap(),
    );
    let root = container();
    let shown = usdc.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let s = shown.clone();
        view! { <Checkout assets=s.assets.clone() slug=None custom=None session=Some(s)/> }
    });
    assert_eq!(text_of(&root, "#quote-shown"), "12.50");
    button(&root, "Change how you pay").unwrap().click();
    settle(20, || button(&root, "Continue").is_some()).await;
    root.query_selector("label[for=asset-eth]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    button(&root, "Continue").unwrap().click();
    settle(20, || text_of(&root, "#quote-shown") == "0.004167").await;
    // Polls that still name the earlier quote do not bring it back.
    settle(500, || false).await;
    real_api();
    assert_eq!(text_of(&root, "#quote-shown"), "0.004167");
    assert_eq!(text_of(&root, ".asset-symbol"), "ETH");
    assert_eq!(
        text_of(&root, "#deposit-address"),
        "0x4be6b6442329A53b861e84152C679Cd7528c3A4C"
    );
}
