//! Component tests of the checkout: status words for every session status, the quote with its
//! QR code and countdown, the asset radios, and the form's refusals before any request.

use leptos::prelude::*;
use paylink_widget::checkout::Checkout;
use paylink_widget::checkout::asset_choice::AssetChoice;
use paylink_widget::checkout::copy::CopyButton;
use paylink_widget::checkout::qr::QrCodeSvg;
use paylink_widget::checkout::quote_view::QuoteView;
use paylink_widget::status::panel::{ContinueToMerchant, StatusPanel};
use shared::slug::Slug;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::fixtures::{self, DEPOSIT, ETH_DUE, eth_quote, session, usdc_quote};
use super::{container, settle};

pub(super) fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

/// Buttons by their text, since several share a class.
pub(super) fn button(root: &web_sys::HtmlElement, text: &str) -> Option<web_sys::HtmlElement> {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
}

#[wasm_bindgen_test]
async fn the_status_panel_words_every_status_in_a_polite_live_region() {
    let root = container();
    let live = RwSignal::new(None);
    let over = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <StatusPanel live=live quote_over=over redirect_after_ms=600_000 on_requote=|| ()/> }
    });
    assert_eq!(
        root.text_content().unwrap_or_default(),
        "",
        "nothing before a session"
    );
    let usdc = || usdc_quote(0);
    let mut paid = session("paid", usdc(), "12500000", "0");
    paid.payments = vec![fixtures::paid_with("0xfeedbeef", "12500000")];
    let cases = [
        (
            session("open", eth_quote(0), "0", ETH_DUE),
            "Waiting for your payment",
        ),
        (
            session("open", usdc(), "2500000", "10000000"),
            "Received so far: 2.5 USDC of 12.5 USDC.",
        ),
        (
            session("pending", usdc(), "12500000", "0"),
            "Payment seen, waiting for confirmations",
        ),
        (
            session("pending", usdc(), "12500000", "0"),
            "needs 2 confirmations",
        ),
        (paid, "Payment received"),
        (
            session("overpaid", usdc(), "13000000", "0"),
            "You sent 0.5 USDC more than the amount due",
        ),
        (
            session("underpaid", usdc(), "12000000", "500000"),
            "12 USDC received, 0.5 USDC short",
        ),
        (
            session("expired", usdc(), "0", "12500000"),
            "This checkout has expired",
        ),
        (
            session("canceled", usdc(), "0", "12500000"),
            "This checkout was canceled",
        ),
        (
            session("paid_late", usdc(), "12500000", "0"),
            "Payment received after the quote ended",
        ),
        (
            session("paid_late", usdc(), "12500000", "0"),
            "The merchant will contact you.",
        ),
    ];
    for (s, expected) in cases {
        let status = s.status.clone();
        live.set(Some(s));
        let region = || text_of(&root, "#session-status[aria-live=polite]");
        settle(10, || region().contains(expected)).await;
        assert!(region().contains(expected), "{status}: {:?}", region());
    }
    // A paid session's receipt names what arrived and the transaction.
    let mut paid = session("paid", usdc(), "12500000", "0");
    paid.payments = vec![fixtures::paid_with("0xfeedbeef", "12500000")];
    live.set(Some(paid));
    settle(10, || text_of(&root, ".receipt").contains("0xfeedbeef")).await;
    assert!(text_of(&root, ".receipt-amount").contains("12.5 USDC"));
    assert!(
        root.query_selector("a").unwrap().is_none(),
        "no success_url, no link"
    );
}

#[wasm_bindgen_test]
async fn a_quote_run_out_unpaid_offers_a_new_one() {
    let root = container();
    let live = RwSignal::new(Some(session("open", eth_quote(0), "0", ETH_DUE)));
    let over = RwSignal::new(false);
    let asked = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let again = move || asked.update(|n| *n += 1);
        view! { <StatusPanel live=live quote_over=over on_requote=again/> }
    });
    assert!(button(&root, "Get a new quote").is_none());
    over.set(true);
    settle(10, || button(&root, "Get a new quote").is_some()).await;
    assert!(text_of(&root, "#session-status").contains("The quote has run out"));
    button(&root, "Get a new quote").unwrap().click();
    assert_eq!(asked.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_paid_session_links_back_to_the_merchant_and_goes_there_by_itself() {
    let root = container();
    let mut paid = session("paid", eth_quote(0), ETH_DUE, "0");
    paid.success_url = Some("https://shop.example/thanks".into());
    let live = RwSignal::new(Some(paid));
    let over = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <StatusPanel live=live quote_over=over redirect_after_ms=600_000 on_requote=|| ()/> }
    });
    let link = root.query_selector(".continue a").unwrap().unwrap();
    assert_eq!(link.text_content().unwrap(), "Continue to the merchant");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://shop.example/thanks"
    );
    // A non-web address is never followed.
    let mut odd = session("paid", eth_quote(0), ETH_DUE, "0");
    odd.success_url = Some("javascript:alert(1)".into());
    live.set(Some(odd));
    settle(10, || root.query_selector(".continue a").unwrap().is_none()).await;
    assert!(root.query_selector(".continue a").unwrap().is_none());

    // The redirect itself, to a fragment of this page so the test runner stays.
    let other = container();
    let _go = leptos::mount::mount_to(other.clone(), || {
        let after = Some(std::time::Duration::from_millis(20));
        view! { <ContinueToMerchant url="#paid-and-back".to_owned() after=after/> }
    });
    let hash = || window().location().hash().unwrap_or_default();
    settle(10, || hash() == "#paid-and-back").await;
    assert_eq!(hash(), "#paid-and-back");
    window().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
fn the_qr_code_is_one_path_in_a_labelled_svg_with_a_quiet_zone() {
    let root = container();
    let uri = format!("ethereum:{DEPOSIT}@31337?value={ETH_DUE}");
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <QrCodeSvg text=uri.clone() label="QR code to pay".to_owned()/> }
    });
    let svg = root.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("QR code to pay")
    );
    // 80 bytes: version 5, 37 modules, plus 4 of quiet zone on each side.
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 45 45"));
    let paths = svg.query_selector_all("path").unwrap();
    assert_eq!(paths.length(), 1);
    let d = paths.item(0).unwrap().unchecked_into::<web_sys::Element>();
    assert!(
        d.get_attribute("d").unwrap().starts_with("M4 4h7v1h-7z"),
        "finder at the corner"
    );
}

#[wasm_bindgen_test]
async fn the_quote_shows_what_to_send_where_and_for_how_long() {
    let root = container();
    let left = RwSignal::new(899_u64);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let (amount, currency) = ("12.50".to_owned(), "USD".to_owned());
        view! { <QuoteView quote=eth_quote(0) amount=amount currency=currency seconds_left=left/> }
    });
    // Read rounded up to 6 decimals; the exact amount behind "Exact amount", on the network
    // named as customers know it.
    assert_eq!(text_of(&root, "#quote-shown"), "0.004167");
    assert_eq!(text_of(&root, "#quote-amount"), "0.004166666666666667");
    assert!(
        root.query_selector("details.exact #quote-amount")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        text_of(&root, ".address-label"),
        "To this address, on Local test chain"
    );
    // In the browser's locale (the e2e tests pin en-US and de-DE; here it is the runner's).
    let (fiat, rate) = (
        paylink_widget::locale::fiat("12.50", "USD"),
        paylink_widget::locale::rate("3000.00", "USD"),
    );
    assert_eq!(text_of(&root, ".rate"), format!("{fiat} at {rate} per ETH"));
    assert!(fiat.contains('$') && fiat.contains("12"), "{fiat}");
    assert!(rate.contains('$') && rate.contains("000"), "{rate}");
    assert_eq!(text_of(&root, "#deposit-address"), DEPOSIT);
    assert!(button(&root, "Copy amount").is_some());
    assert!(button(&root, "Copy address").is_some());
    assert_eq!(text_of(&root, "[role=timer]"), "Quote expires in 14:59");
    let qr_hidden = || {
        root.query_selector(".qr-box")
            .unwrap()
            .unwrap()
            .has_attribute("hidden")
    };
    assert!(!qr_hidden());
    left.set(0);
    settle(10, || {
        text_of(&root, "[role=timer]") == "This quote has expired."
    })
    .await;
    assert_eq!(text_of(&root, "[role=timer]"), "This quote has expired.");
    assert!(qr_hidden(), "an ended quote is not offered for scanning");
}

#[wasm_bindgen_test]
async fn the_assets_are_a_labelled_radio_group() {
    let root = container();
    let chosen = RwSignal::new(Some("ETH".to_owned()));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let assets = vec!["ETH".into(), "USDC".into(), "EURC".into()];
        view! { <AssetChoice assets=assets chosen=chosen/> }
    });
    assert_eq!(text_of(&root, "fieldset legend"), "Choose what to pay with");
    let radios = root
        .query_selector_all("input[type=radio][name=asset]")
        .unwrap();
    assert_eq!(radios.length(), 3);
    for symbol in ["eth", "usdc", "eurc"] {
        let label = root
            .query_selector(&format!("label[for=asset-{symbol}]"))
            .unwrap();
        assert!(label.is_some(), "{symbol} has a label");
    }
    let checked = |id: &str| {
        root.query_selector(id)
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    };
    assert!(checked("#asset-eth"));
    click(&root, "label[for=asset-usdc]");
    settle(10, || chosen.get_untracked().as_deref() == Some("USDC")).await;
    assert_eq!(chosen.get_untracked().as_deref(), Some("USDC"));
    assert!(checked("#asset-usdc") && !checked("#asset-eth"));
}

#[wasm_bindgen_test]
async fn the_checkout_explains_a_bad_amount_without_asking_the_api() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        let slug = Slug::parse("test-beans").unwrap();
        let custom = Some((shared::money::Currency::Usd, None));
        let assets = vec!["ETH".to_owned(), "USDC".to_owned()];
        view! { <Checkout assets=assets slug=Some(slug) custom=custom session=None/> }
    });
    let input = root
        .query_selector("#amount")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value("12,50");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&root, "Continue").unwrap().click();
    let alert = || text_of(&root, "[role=alert]");
    settle(10, || !alert().is_empty()).await;
    assert_eq!(
        alert(),
        "Use digits, with a dot before the cents, such as 12.50."
    );
    assert!(
        button(&root, "Try again").is_none(),
        "fixing the amount is the way on"
    );
}

#[wasm_bindgen_test]
async fn the_checkout_says_so_when_a_session_cannot_be_opened() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        let slug = Slug::parse("test-beans").unwrap();
        let assets = vec!["ETH".to_owned()];
        view! { <Checkout assets=assets slug=Some(slug) custom=None session=None/> }
    });
    assert!(
        root.query_selector("#amount").unwrap().is_none(),
        "a fixed link asks no amount"
    );
    button(&root, "Continue").unwrap().click();
    // The test server has no API: whatever it answers, the customer reads a sentence.
    let alert = || text_of(&root, "[role=alert]");
    settle(20, || !alert().is_empty()).await;
    assert!(alert().contains("Nothing was charged"), "{}", alert());
    assert!(
        button(&root, "Continue").is_some(),
        "the form stays for another try"
    );
}

#[wasm_bindgen_test]
async fn without_a_clipboard_api_copy_selects_the_text_for_the_customer() {
    // As on an insecure origin or an old browser: `navigator.clipboard` is undefined.
    js_sys::eval(
        "Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })",
    )
    .unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <code id="copy-target">{DEPOSIT}</code>
            <CopyButton text=DEPOSIT.to_owned() label="Copy address" target="copy-target"/>
        }
    });
    button(&root, "Copy address").unwrap().click();
    let said = || text_of(&root, ".copy-said");
    settle(10, || !said().is_empty()).await;
    assert_eq!(said(), "Selected: copy it with your device's copy command");
    let selected: String = window()
        .get_selection()
        .unwrap()
        .unwrap()
        .to_string()
        .into();
    assert_eq!(selected, DEPOSIT);
    js_sys::eval("delete navigator.clipboard").unwrap();
}
