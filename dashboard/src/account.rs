//! Account: who the key belongs to, and the mode's checkout settings (where deposits go:
//! an xpub or a payout address; the quote lock; the default chain; who may frame the pay
//! page). Payout mode's sweeps are in `sweeps`.

use leptos::prelude::*;
use serde_json::{Map, Value, json};
use shared::api::account::{Account, CheckoutSettings};

use crate::api::Failure;
use crate::links::form::chains;
use crate::sweeps::Sweeps;
use crate::ui::{Done, Load, Notice, api, load_into, show};

/// The settings form's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsFields {
    /// `xpub` or `payout`.
    pub mode: String,
    pub xpub: String,
    pub payout_address: String,
    pub quote_lock_seconds: String,
    pub default_chain: String,
    /// One origin per line.
    pub frame_ancestors: String,
    /// Days a session keeps the payer's details once it ended.
    pub retention_days: String,
}

impl SettingsFields {
    pub fn of(s: &CheckoutSettings) -> Self {
        Self {
            mode: if s.payout_address.is_some() {
                "payout"
            } else {
                "xpub"
            }
            .into(),
            xpub: s.deposit_xpub.clone().unwrap_or_default(),
            payout_address: s.payout_address.clone().unwrap_or_default(),
            quote_lock_seconds: s.quote_lock_seconds.to_string(),
            default_chain: s.default_chain.clone().unwrap_or_default(),
            frame_ancestors: s.frame_ancestors.join("\n"),
            retention_days: s.customer_data_retention_days.to_string(),
        }
    }

    /// `PATCH /v1/account`: the whole `checkout` of the form, the other deposit mode `null`
    /// so that switching modes is one request.
    pub fn patch(&self) -> Result<Value, &'static str> {
        let lock: u32 = self
            .quote_lock_seconds
            .trim()
            .parse()
            .map_err(|_| "The quote lock is a whole number of seconds, 60 to 3600.")?;
        let text = |s: &str| match s.trim() {
            "" => Value::Null,
            t => json!(t),
        };
        let mut checkout = Map::new();
        let (xpub, payout) = if self.mode == "payout" {
            (Value::Null, text(&self.payout_address))
        } else {
            (text(&self.xpub), Value::Null)
        };
        checkout.insert("deposit_xpub".into(), xpub);
        checkout.insert("payout_address".into(), payout);
        checkout.insert("quote_lock_seconds".into(), json!(lock));
        checkout.insert("default_chain".into(), text(&self.default_chain));
        let origins: Vec<&str> = self
            .frame_ancestors
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        checkout.insert("frame_ancestors".into(), json!(origins));
        let days: u32 = self
            .retention_days
            .trim()
            .parse()
            .map_err(|_| "Keep payer details a whole number of days, 0 to 3650.")?;
        checkout.insert("customer_data_retention_days".into(), json!(days));
        Ok(json!({ "checkout": checkout }))
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let api = api();
    let slot = RwSignal::new(Load::<Account>::Loading);
    load_into(slot, async move { api.get("/v1/account").await });
    view! {
        <section>
            <h1>"Account"</h1>
            {show(slot, |account: Account| view! { <Settings account=account/> })}
            <Sweeps/>
        </section>
    }
}

#[component]
fn Settings(account: Account) -> impl IntoView {
    let api = api();
    let fields = RwSignal::new(SettingsFields::of(&account.checkout));
    let failure = RwSignal::new(None::<Failure>);
    let problem = RwSignal::new(None::<&'static str>);
    let done = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match fields.get_untracked().patch() {
            Ok(body) => body,
            Err(why) => {
                problem.set(Some(why));
                return;
            }
        };
        problem.set(None);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            match api.patch::<Account>("/v1/account", &body).await {
                Ok(a) => {
                    failure.set(None);
                    fields.set(SettingsFields::of(&a.checkout));
                    done.set(Some("Saved: new quotes use these settings.".into()));
                }
                Err(f) => {
                    done.set(None);
                    failure.set(Some(f));
                }
            }
        });
    };
    let payout = move || fields.with(|f| f.mode == "payout");
    let livemode = account.livemode;
    view! {
        <dl class="facts">
            <dt>"Merchant"</dt><dd>{account.name.clone()}" "<code>{account.id.clone()}</code></dd>
            <dt>"Mode"</dt><dd>{if livemode { "live" } else { "test" }}</dd>
            <dt>"This key"</dt><dd>{format!("{} · {}", account.key_kind, account.scopes.join(", "))}</dd>
        </dl>
        {(account.checkout.deposit_xpub.is_none() && account.checkout.payout_address.is_none()).then(|| view! {
            <div class="notice warn" role="status"><p>"No deposit wallet yet: set a payout address or an xpub below before customers can pay."</p></div>
        })}
        <h2>"Checkout settings"</h2>
        <form class="editor" on:submit=save novalidate>
            <fieldset>
                <legend>"Where payments go"</legend>
                <label class="check"><input type="radio" name="deposit-mode" prop:checked=payout
                    on:change=move |_| fields.update(|f| f.mode = "payout".into())/>"A payout address (any wallet; sweep the deposits to it)"</label>
                <label class="check"><input type="radio" name="deposit-mode" prop:checked=move || !payout()
                    on:change=move |_| fields.update(|f| f.mode = "xpub".into())/>"An account xpub (deposits go straight to your wallet's addresses)"</label>
                <Show when=payout fallback=move || view! {
                    <div class="field">
                        <label for="xpub">"Account xpub (m/44'/60'/0')"</label>
                        <input id="xpub" spellcheck="false" prop:value=move || fields.with(|f| f.xpub.clone())
                            on:input=move |ev| fields.update(|f| f.xpub = event_target_value(&ev))/>
                    </div>
                }>
                    <div class="field">
                        <label for="payout">"Payout address"</label>
                        <input id="payout" spellcheck="false" placeholder="0x…" prop:value=move || fields.with(|f| f.payout_address.clone())
                            on:input=move |ev| fields.update(|f| f.payout_address = event_target_value(&ev))/>
                    </div>
                </Show>
            </fieldset>
            <div class="field">
                <label for="lock">"Quote lock (seconds, 60–3600)"</label>
                <input id="lock" type="number" min="60" max="3600" prop:value=move || fields.with(|f| f.quote_lock_seconds.clone())
                    on:input=move |ev| fields.update(|f| f.quote_lock_seconds = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="default-chain">"Default chain of new links"</label>
                <select id="default-chain" on:change=move |ev| fields.update(|f| f.default_chain = event_target_value(&ev))>
                    <option value="" selected=move || fields.with(|f| f.default_chain.is_empty())>"The mode's assumed chain"</option>
                    {chains(livemode).into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || fields.with(|f| f.default_chain == value)>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="frames">"Sites that may embed the pay page"</label>
                <p class="hint" id="frames-hint">"One origin per line, e.g. https://shop.example. Empty: any https site."</p>
                <textarea id="frames" rows="3" aria-describedby="frames-hint" prop:value=move || fields.with(|f| f.frame_ancestors.clone())
                    on:input=move |ev| fields.update(|f| f.frame_ancestors = event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="retention">"Keep payer details for (days after a session ends, 0–3650)"</label>
                <input id="retention" type="number" min="0" max="3650" prop:value=move || fields.with(|f| f.retention_days.clone())
                    on:input=move |ev| fields.update(|f| f.retention_days = event_target_value(&ev))/>
            </div>
            {move || problem.get().map(|p| view! { <div class="notice error" role="alert"><p>{p}</p></div> })}
            {move || failure.get().map(|f| view! { <Notice failure=f/> })}
            {move || done.get().map(|t| view! { <Done text=t/> })}
            <button type="submit" class="primary">"Save settings"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> CheckoutSettings {
        CheckoutSettings {
            deposit_xpub: Some("xpub6C…".into()),
            quote_lock_seconds: 900,
            frame_ancestors: vec!["https://shop.example".into()],
            payout_address: None,
            default_chain: None,
            customer_data_retention_days: 90,
        }
    }

    #[test]
    fn the_form_patches_the_whole_checkout_with_the_other_mode_null() {
        let mut fields = SettingsFields::of(&settings());
        assert_eq!(fields.mode, "xpub");
        fields.mode = "payout".into();
        fields.payout_address = " 0xabc ".into();
        fields.frame_ancestors.push_str("\n\nhttps://b.example\n");
        assert_eq!(
            fields.patch().unwrap(),
            json!({"checkout": {
                "deposit_xpub": null, "payout_address": "0xabc", "quote_lock_seconds": 900,
                "default_chain": null, "frame_ancestors": ["https://shop.example", "https://b.example"],
                "customer_data_retention_days": 90,
            }})
        );
    }

    #[test]
    fn a_quote_lock_that_is_not_a_number_is_refused_before_sending() {
        let mut fields = SettingsFields::of(&settings());
        fields.quote_lock_seconds = "15 min".into();
        assert!(fields.patch().is_err());
    }
}
