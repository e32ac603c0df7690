//! Paying from a browser wallet: EIP-1193 `window.ethereum.request`, reached through
//! `js_sys::Reflect` so the page ships no JavaScript of its own.

pub mod tx;

use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::*;
use shared::api::sessions::Quote;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::wallet::tx::{Transfer, TransferError, chain_id_hex};

/// Why the wallet did not send, in words for the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletError {
    /// EIP-1193 4001: the customer said no in the wallet.
    Rejected,
    /// EIP-3326 4902: the wallet does not know the chain.
    UnknownChain(u64),
    NoAccount,
    Quote(TransferError),
    /// Anything else the wallet said.
    Other(String),
}

impl std::fmt::Display for WalletError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalletError::Rejected => f.write_str("You cancelled in your wallet. Nothing was sent."),
            WalletError::UnknownChain(id) => write!(
                f,
                "Your wallet does not know this network (chain id {id}). Add it in your wallet, \
                 or pay with the QR code."
            ),
            WalletError::NoAccount => f.write_str("Your wallet shared no account to pay from."),
            WalletError::Quote(e) => write!(f, "This quote cannot be paid from a wallet: {e}."),
            WalletError::Other(message) => write!(f, "Your wallet said: {message}"),
        }
    }
}

/// `window.ethereum` when it is an object with a `request` function.
pub fn provider() -> Option<JsValue> {
    let ethereum = Reflect::get(&window(), &JsValue::from_str("ethereum")).ok()?;
    let request = Reflect::get(&ethereum, &JsValue::from_str("request")).ok()?;
    request.is_function().then_some(ethereum)
}

fn object(fields: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

fn wallet_error(error: JsValue) -> WalletError {
    let field = |name: &str| Reflect::get(&error, &JsValue::from_str(name)).ok();
    match field("code").and_then(|c| c.as_f64()) {
        Some(4001.0) => WalletError::Rejected,
        // The chain id is filled in by the caller, which knows which chain it asked for.
        Some(4902.0) => WalletError::UnknownChain(0),
        _ => WalletError::Other(
            field("message")
                .and_then(|m| m.as_string())
                .or_else(|| error.as_string())
                .unwrap_or_else(|| "an unknown error".into()),
        ),
    }
}

/// `provider.request({method, params})`, awaited. Public for the dashboard, which reads its
/// sweeps' receipts through the same wallet (`eth_getTransactionReceipt`).
pub async fn request(
    provider: &JsValue,
    method: &str,
    params: Array,
) -> Result<JsValue, WalletError> {
    let args = object(&[("method", method)]);
    let _ = Reflect::set(&args, &JsValue::from_str("params"), &params);
    let call = Reflect::get(provider, &JsValue::from_str("request"))
        .map_err(wallet_error)?
        .dyn_into::<Function>()
        .map_err(|_| WalletError::Other("window.ethereum.request is gone".into()))?;
    let promise = call.call1(provider, &args).map_err(wallet_error)?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(wallet_error)
}

/// Asks for an account, moves the wallet to the quote's chain if needed, and sends exactly
/// `amount_due`; answers the transaction hash.
pub async fn pay(provider: &JsValue, quote: &Quote) -> Result<String, WalletError> {
    let transfer = Transfer::for_quote(quote).map_err(WalletError::Quote)?;
    let mut fields = vec![("to", transfer.to.as_str())];
    if let Some(value) = &transfer.value {
        fields.push(("value", value));
    }
    if let Some(data) = &transfer.data {
        fields.push(("data", data));
    }
    send(provider, quote.chain_id, &fields).await
}

/// Asks for an account, moves the wallet to `chain_id` if needed, and sends a transaction of
/// `fields` (`to`, and `value`, `data` or `gas` as `0x` hex) from that account; answers the
/// transaction hash. The merchant dashboard sends payout mode's sweeps through this too.
pub async fn send(
    provider: &JsValue,
    chain_id: u64,
    fields: &[(&str, &str)],
) -> Result<String, WalletError> {
    let accounts = request(provider, "eth_requestAccounts", Array::new()).await?;
    let from = Array::from(&accounts)
        .get(0)
        .as_string()
        .ok_or(WalletError::NoAccount)?;
    let chain = chain_id_hex(chain_id);
    let current = request(provider, "eth_chainId", Array::new()).await?;
    if current.as_string().map(|c| c.to_ascii_lowercase()) != Some(chain.clone()) {
        let switch = Array::of1(&object(&[("chainId", &chain)]));
        request(provider, "wallet_switchEthereumChain", switch)
            .await
            .map_err(|e| match e {
                WalletError::UnknownChain(_) => WalletError::UnknownChain(chain_id),
                other => other,
            })?;
    }
    let mut all = vec![("from", from.as_str())];
    all.extend_from_slice(fields);
    let hash = request(provider, "eth_sendTransaction", Array::of1(&object(&all))).await?;
    hash.as_string()
        .ok_or_else(|| WalletError::Other("no transaction hash came back".into()))
}

/// "Pay with browser wallet", shown only when the browser has an EIP-1193 wallet.
#[component]
pub fn PayWithWallet(
    /// The quote to pay, exactly.
    quote: Quote,
) -> impl IntoView {
    provider()?;
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    let pay_now = move |_| {
        // Looked up again on click: a wallet extension may have replaced the object.
        let Some(provider) = provider() else {
            said.set(Some("No browser wallet was found.".into()));
            return;
        };
        busy.set(true);
        said.set(Some("Confirm the payment in your wallet…".into()));
        let quote = quote.clone();
        leptos::task::spawn_local(async move {
            let outcome = match pay(&provider, &quote).await {
                Ok(hash) => {
                    format!("Sent in transaction {hash}. This page updates once it is seen.")
                }
                Err(e) => e.to_string(),
            };
            said.set(Some(outcome));
            busy.set(false);
        });
    };
    Some(view! {
        <div class="wallet">
            <button type="button" class="primary" on:click=pay_now disabled=move || busy.get()>
                "Pay with browser wallet"
            </button>
            <p class="wallet-said" aria-live="polite">{move || said.get()}</p>
        </div>
    })
}
