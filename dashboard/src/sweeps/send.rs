//! One sweep transaction on the page: sent from the browser wallet (EIP-1193), then followed
//! through the same wallet until its receipt says whether the funds moved.

use std::time::Duration;

use js_sys::{Array, Reflect};
use leptos::prelude::*;
use paylink_widget::wallet;
use shared::api::sweeps::SweepTransaction;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::format::tx_url;
use crate::sweeps::outcome::{Outcome, hex_gas};

/// How often the receipt is asked for: a block comes every 2–12 s on the chains we serve.
const POLL: Duration = Duration::from_secs(2);
/// How many times before the page stops waiting (10 minutes): a sweep not mined by then was
/// probably priced too low or dropped, which the wallet shows better than this page can.
const POLLS: u32 = 300;

#[component]
pub fn SweepTx(
    /// The transaction as `POST /v1/sweeps` answered it.
    tx: SweepTransaction,
    /// Bumped once the sweep is mined, so the list above is read again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Ready);
    let chain = tx.chain.clone();
    let summary = format!(
        "{} address(es) on {} to ",
        tx.deposit_addresses.len(),
        tx.chain
    );
    let payout = tx.payout_address.clone();
    let shown_to = tx.to.clone();
    let shown_gas = format!(" · gas up to {}", tx.gas);
    let send = move |_| {
        // Looked up on click: a wallet extension may have replaced the object since.
        let Some(provider) = wallet::provider() else {
            outcome.set(Outcome::Refused("No browser wallet found: install one, or send this transaction from any wallet (to, data and gas are shown).".into()));
            return;
        };
        outcome.set(Outcome::Asking);
        let tx = tx.clone();
        leptos::task::spawn_local(async move {
            let gas = hex_gas(&tx.gas).unwrap_or_default();
            let fields = [
                ("to", tx.to.as_str()),
                ("data", tx.data.as_str()),
                ("value", "0x0"),
                ("gas", gas.as_str()),
            ];
            match wallet::send(&provider, tx.chain_id, &fields).await {
                Ok(hash) => {
                    outcome.set(Outcome::Pending { hash: hash.clone() });
                    let ended = follow(&provider, &hash, outcome).await;
                    if matches!(ended, Some(Outcome::Swept { .. })) {
                        reload.update(|n| *n += 1);
                    }
                }
                Err(e) => outcome.set(Outcome::refused(e)),
            }
        });
    };
    let hash_line = move || {
        outcome.with(|o| o.hash().map(str::to_owned)).map(|hash| {
            let link = match tx_url(&chain, &hash) {
                Some(url) => view! { <a class="tx-hash hash" href=url rel="noopener noreferrer" target="_blank">{hash}</a> }.into_any(),
                None => view! { <code class="tx-hash hash">{hash}</code> }.into_any(),
            };
            view! { <span class="sub">"Transaction "{link}</span> }
        })
    };
    view! {
        <li class="row sweep-tx">
            <div class="main">
                <strong>{summary}<code class="hash">{payout}</code></strong>
                <span class="sub">"to "<code class="hash">{shown_to}</code>{shown_gas}</span>
                <p class="said" aria-live="polite">{move || outcome.with(Outcome::words)}</p>
                {hash_line}
            </div>
            {move || outcome.with(Outcome::offers_send).then(|| view! {
                <button type="button" on:click=send.clone() disabled=move || !outcome.with(Outcome::can_send)>
                    "Send from browser wallet"
                </button>
            })}
        </li>
    }
}

/// Asks the wallet for `hash`'s receipt until it has one (or [`POLLS`] run out) and puts what
/// it says in `outcome`; answers the last state, `None` once the row is gone from the page.
async fn follow(provider: &JsValue, hash: &str, outcome: RwSignal<Outcome>) -> Option<Outcome> {
    for _ in 0..POLLS {
        sleep(POLL).await;
        if outcome.is_disposed() {
            return None;
        }
        // A wallet that fails to answer once (a flaky RPC) is asked again next time.
        let Ok(receipt) = wallet::request(
            provider,
            "eth_getTransactionReceipt",
            Array::of1(&JsValue::from_str(hash)),
        )
        .await
        else {
            continue;
        };
        let field = |name: &str| {
            Reflect::get(&receipt, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
        };
        if let Some(mined) = field("status")
            .zip(field("blockNumber"))
            .and_then(|(status, block)| Outcome::of_receipt(hash, &status, &block))
        {
            outcome.try_set(mined.clone());
            return Some(mined);
        }
    }
    let unseen = Outcome::Unseen {
        hash: hash.to_owned(),
    };
    outcome.try_set(unseen.clone());
    Some(unseen)
}

/// Resolves after `wait`, through the browser's `setTimeout`.
async fn sleep(wait: Duration) {
    let millis = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A window that refuses a timer leaves the promise pending: the loop then stops here.
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
    });
    let _ = JsFuture::from(promise).await;
}
