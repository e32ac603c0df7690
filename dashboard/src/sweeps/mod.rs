//! Payout mode's sweeps: what the deposit addresses hold now, and the transactions that move
//! it to the payout address, sent from the merchant's browser wallet (EIP-1193). Paylink
//! signs nothing; any wallet with ETH for gas may send them.

pub mod outcome;
mod send;

use leptos::prelude::*;
use serde_json::json;
use shared::api::sweeps::{SweepList, SweepPlan};

use crate::api::Failure;
use crate::format::units;
use crate::sweeps::send::SweepTx;
use crate::ui::{Empty, Load, Notice, api, load_into, show};

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
        <section class="sweeps" aria-labelledby="sweeps-title">
        <h2 id="sweeps-title">"Sweeps (payout mode)"</h2>
        {show(slot, move |list: SweepList| {
            if list.addresses.is_empty() {
                return view! {
                    <Empty text="Nothing to sweep yet."
                        hint="When a customer pays, the money waits at its deposit address until you sweep it to your payout address: it shows here, with a button to send the sweep from your browser wallet."/>
                }.into_any();
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
                                // The payout in code too: an address is one long word, which only
                                // `.hash` lets wrap on a phone.
                                <span class="sub">{a.balances.iter().map(|b| units(&b.amount, &b.asset)).collect::<Vec<_>>().join(", ")}
                                    " → "<code class="hash">{a.payout_address}</code></span></li>
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
        </section>
    }
}
