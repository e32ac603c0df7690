//! Component tests of "Pay with browser wallet" against a scripted EIP-1193 provider: the
//! calls it receives, in order, and what the customer reads when the wallet says no.

use leptos::prelude::*;
use paylink_widget::wallet::PayWithWallet;
use shared::api::sessions::Quote;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::fixtures::{eth_quote, usdc_quote};
use super::{container, settle};

const FROM: &str = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

/// Installs `window.ethereum`, recording each request in `window.__walletCalls`. `answers`
/// is a JS object literal from method to `["ok", value]` or `["err", {code, message}]`.
fn install_wallet(answers: &str) {
    let script = format!(
        "window.__walletCalls = []; const answers = {answers};
         window.ethereum = {{ request(args) {{
           window.__walletCalls.push(args);
           const [kind, value] = answers[args.method] || ['err', {{code: 4200, message: 'unsupported'}}];
           return kind === 'ok' ? Promise.resolve(value) : Promise.reject(value);
         }} }};"
    );
    js_sys::eval(&script).unwrap();
}

fn remove_wallet() {
    js_sys::eval("delete window.ethereum; delete window.__walletCalls;").unwrap();
}

fn calls() -> String {
    let calls = js_sys::eval("window.__walletCalls").unwrap();
    js_sys::JSON::stringify(&calls).unwrap().into()
}

fn happy(chain: &str) -> String {
    format!(
        "{{ eth_requestAccounts: ['ok', ['{FROM}']], eth_chainId: ['ok', '{chain}'],
            wallet_switchEthereumChain: ['ok', null], eth_sendTransaction: ['ok', '0xfeed'] }}"
    )
}

/// Mounts the button for `quote`, clicks it, and answers what the page says once the wallet
/// had its last word.
async fn pay(quote: Quote) -> String {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <PayWithWallet quote=quote.clone()/> }
    });
    root.query_selector("button")
        .unwrap()
        .expect("a wallet is installed, so the button shows")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    let said = || {
        root.query_selector(".wallet-said")
            .unwrap()
            .and_then(|p| p.text_content())
            .unwrap_or_default()
    };
    settle(10, || !said().is_empty() && !said().starts_with("Confirm")).await;
    said()
}

#[wasm_bindgen_test]
fn without_a_wallet_there_is_no_wallet_button() {
    remove_wallet();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <PayWithWallet quote=eth_quote(0)/> }
    });
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn ether_is_sent_as_a_hex_value_after_switching_to_the_quote_chain() {
    install_wallet(&happy("0x1"));
    let said = pay(eth_quote(0)).await;
    assert!(said.contains("0xfeed"), "{said}");
    assert_eq!(
        calls(),
        format!(
            r#"[{{"method":"eth_requestAccounts","params":[]}},{{"method":"eth_chainId","params":[]}},{{"method":"wallet_switchEthereumChain","params":[{{"chainId":"0x7a69"}}]}},{{"method":"eth_sendTransaction","params":[{{"from":"{FROM}","to":"0x9858effd232b4033e47d90003d41ec34ecaeda94","value":"0xecd8fae906aab"}}]}}]"#
        )
    );
    remove_wallet();
}

#[wasm_bindgen_test]
async fn a_token_is_sent_as_a_transfer_call_without_switching_when_already_there() {
    install_wallet(&happy("0x7a69"));
    assert!(pay(usdc_quote(0)).await.contains("0xfeed"));
    let calls = calls();
    assert!(!calls.contains("wallet_switchEthereumChain"), "{calls}");
    assert!(
        calls.contains(&format!(
            r#"{{"from":"{FROM}","to":"0x5fbdb2315678afecb367f032d93f642f64180aa3","data":"0xa9059cbb0000000000000000000000009858effd232b4033e47d90003d41ec34ecaeda940000000000000000000000000000000000000000000000000000000000bebc20"}}"#
        )),
        "{calls}"
    );
    remove_wallet();
}

#[wasm_bindgen_test]
async fn a_refusal_in_the_wallet_reads_as_a_sentence() {
    install_wallet(
        "{ eth_requestAccounts: ['err', {code: 4001, message: 'User rejected the request.'}] }",
    );
    assert_eq!(
        pay(eth_quote(0)).await,
        "You cancelled in your wallet. Nothing was sent."
    );
    remove_wallet();
}

#[wasm_bindgen_test]
async fn an_unknown_chain_is_named_by_its_id() {
    install_wallet(&format!(
        "{{ eth_requestAccounts: ['ok', ['{FROM}']], eth_chainId: ['ok', '0x1'],
            wallet_switchEthereumChain: ['err', {{code: 4902, message: 'Unrecognized chain'}}] }}"
    ));
    let said = pay(eth_quote(0)).await;
    assert!(said.contains("chain id 31337"), "{said}");
    assert!(!calls().contains("eth_sendTransaction"));
    remove_wallet();
}
