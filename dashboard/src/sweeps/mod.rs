//! Payout mode's sweeps: what the deposit addresses hold now, and the transactions that move
//! it to the payout address, sent from the merchant's browser wallet (EIP-1193). Paylink
//! signs nothing; any wallet with ETH for gas may send them.

use leptos::prelude::*;
use paylink_widget::wallet::{self, WalletError};
use serde_json::json;
use shared::api::sweeps::{SweepList, SweepPlan, SweepTransaction};

use crate::api::Failure;
use crate::format::{tx_url, units};
use crate::ui::{Load, Notice, api, load_into, show};

/// `gas` (decimal) as the `0x` quantity a wallet takes; `None` if it is no number.
pub fn hex_gas(gas: &str) -> Option<String> {
    gas.parse::<u64>().ok().map(|g| format!("0x{g:x}"))
}

fn said(error: WalletError) -> String {
    match error {
        WalletError::Rejected => "You cancelled in your wallet; nothing was sent.".into(),
        WalletError::UnknownChain(id) => {
            format!("Your wallet does not know chain {id}: add it there, then retry.")
        }
        WalletError::NoAccount => "Your wallet shared no account to send from.".into(),
        WalletError::Quote(e) => format!("This transaction cannot be sent: {e}."),
        WalletError::Other(m) => format!("Your wallet said: {m}"),
    }
}

#[component]
pub fn Sweeps() -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<SweepList>::Loading);
    let plan = RwSignal::new(None::<SweepPlan>);
    let failure = RwSignal::new(None::<Failure>);
    let load_api = api.clone();
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let api = load_api.clone();
        load_into(slot, async move { api.get("/v1/sweeps").await });
    });
    let make_plan = move |_| {
        let api = api.clone();
        leptos::task::spawn_local(async move {
            match api.post::<SweepPlan>("/v1/sweeps", &json!({})).await {
                Ok(p) => {
                    failure.set(None);
                    plan.set(Some(p));
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h2>"Sweeps (payout mode)"</h2>
        {show(slot, move |list: SweepList| {
            if list.addresses.is_empty() {
                return view! { <p class="empty">"Nothing to sweep: no payout-mode deposit address holds funds now. Paid sessions' money shows up here until you sweep it."</p> }.into_any();
            }
            view! {
                <ul class="rows totals">
                    {list.totals.into_iter().map(|t| view! {
                        <li class="row"><strong>{units(&t.total, &t.asset)}</strong>
                            <span class="sub">{format!("on {} in {} address(es)", t.chain, t.addresses)}</span></li>
                    }).collect_view()}
                </ul>
                <details>
                    <summary>{format!("{} deposit address(es)", list.addresses.len())}</summary>
                    <ul class="rows">
                        {list.addresses.into_iter().map(|a| view! {
                            <li class="row"><code class="hash">{a.deposit_address}</code>
                                <span class="sub">{a.balances.iter().map(|b| units(&b.amount, &b.asset)).collect::<Vec<_>>().join(", ")}
                                    {format!(" → {}", a.payout_address)}</span></li>
                        }).collect_view()}
                    </ul>
                </details>
                {list.has_more.then(|| view! { <p class="hint">"More addresses hold funds than one answer reads: sweep these, then reload."</p> })}
                <button type="button" class="primary" on:click=make_plan.clone()>"Prepare sweep transactions"</button>
            }.into_any()
        })}
        {move || failure.get().map(|f| view! { <Notice failure=f/> })}
        {move || plan.get().map(|p| view! {
            <ol class="rows plan">
                {p.transactions.into_iter().map(|tx| view! { <SweepTx tx=tx reload=reload/> }).collect_view()}
            </ol>
        })}
    }
}

#[component]
fn SweepTx(tx: SweepTransaction, reload: RwSignal<u32>) -> impl IntoView {
    let outcome = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let chain = tx.chain.clone();
    let summary = format!(
        "{} address(es) on {} to {}",
        tx.deposit_addresses.len(),
        tx.chain,
        tx.payout_address
    );
    let shown_to = tx.to.clone();
    let shown_gas = format!(" · gas up to {}", tx.gas);
    let send = move |_| {
        let Some(provider) = wallet::provider() else {
            outcome.set(Some("No browser wallet found: install one, or send this transaction from any wallet (to, data and gas are shown).".into()));
            return;
        };
        let tx = tx.clone();
        let chain = chain.clone();
        busy.set(true);
        outcome.set(Some("Confirm in your wallet…".into()));
        leptos::task::spawn_local(async move {
            let gas = hex_gas(&tx.gas).unwrap_or_default();
            let fields = [
                ("to", tx.to.as_str()),
                ("data", tx.data.as_str()),
                ("value", "0x0"),
                ("gas", gas.as_str()),
            ];
            let said_now = match wallet::send(&provider, tx.chain_id, &fields).await {
                Ok(hash) => match tx_url(&chain, &hash) {
                    Some(url) => format!("Sent: {hash} ({url})"),
                    None => format!("Sent: {hash}"),
                },
                Err(e) => said(e),
            };
            outcome.set(Some(said_now));
            busy.set(false);
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <li class="row sweep-tx">
            <div class="main">
                <strong>{summary}</strong>
                <span class="sub">"to "<code class="hash">{shown_to}</code>{shown_gas}</span>
                <p class="said" aria-live="polite">{move || outcome.get()}</p>
            </div>
            <button type="button" on:click=send disabled=move || busy.get()>"Send from browser wallet"</button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gas_becomes_a_hex_quantity() {
        assert_eq!(hex_gas("12000000").as_deref(), Some("0xb71b00"));
        assert_eq!(hex_gas("lots"), None);
    }
}
