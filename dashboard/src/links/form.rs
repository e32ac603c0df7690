//! Creating and editing a link: every option the API takes, sent as a create or as a merge
//! patch of what changed; the API's own errors are shown field by field.

use leptos::prelude::*;
use shared::api::account::Account;
use shared::api::links::PaymentLink;
use shared::chain::Chain;
use shared::money::{Asset, Currency};

use crate::api::Failure;
use crate::links::fields::{FormError, LinkFields};
use crate::links::payer::custom_view::CustomFieldsEditor;
use crate::links::payer::view::{
    CollectControls, QuantityControls, SubmitLabelControl, ThenControls,
};
use crate::links::share::ShareButtons;
use crate::links::text::Text;
use crate::route::Route;
use crate::ui::{Done, Load, Notice, api, load_into, show};

/// The chains a link of this mode may settle on, as (value, words).
pub fn chains(livemode: bool) -> Vec<(&'static str, &'static str)> {
    Chain::ALL
        .into_iter()
        .filter(|c| c.is_mainnet() == livemode)
        .map(|c| (c.name(), c.display_name()))
        .collect()
}

#[component]
pub fn LinkEditor(id: Option<String>) -> impl IntoView {
    let api = api();
    match id {
        None => view! { <Editor link=None/> }.into_any(),
        Some(id) => {
            let slot = RwSignal::new(Load::<PaymentLink>::Loading);
            let path = format!("/v1/payment_links/{id}");
            load_into(slot, async move { api.get(&path).await });
            show(
                slot,
                |link: PaymentLink| view! { <Editor link=Some(link)/> },
            )
            .into_any()
        }
    }
}

#[component]
fn Editor(link: Option<PaymentLink>) -> impl IntoView {
    let api = api();
    let account = expect_context::<Account>();
    // What a patch is measured against: the link as last saved, so a second save sends only
    // what changed since the first (measured against the link as opened, it would repeat the
    // first's changes, and a metadata key removed twice is refused).
    let original = StoredValue::new(link.as_ref().map(LinkFields::of));
    let fields = RwSignal::new(original.get_value().unwrap_or_else(LinkFields::new_link));
    let form_errors = RwSignal::new(Vec::<FormError>::new());
    let failure = RwSignal::new(None::<Failure>);
    let saved = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let editing = link.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = fields.get_untracked();
        let body = original.with_value(|before| match before {
            Some(before) => now.patch_body(before),
            None => now.create_body(),
        });
        let body = match body {
            Ok(body) => body,
            Err(errors) => {
                form_errors.set(errors);
                return;
            }
        };
        form_errors.set(Vec::new());
        // A "Saved." left from the last save would confirm this one before it is done.
        saved.set(None);
        busy.set(true);
        let api = api.clone();
        let editing = editing.clone();
        leptos::task::spawn_local(async move {
            let result = match &editing {
                Some(link) => {
                    api.patch::<PaymentLink>(&format!("/v1/payment_links/{}", link.id), &body)
                        .await
                }
                None => api.post::<PaymentLink>("/v1/payment_links", &body).await,
            };
            busy.set(false);
            match result {
                Ok(link) => {
                    failure.set(None);
                    if editing.is_some() {
                        let saved_fields = LinkFields::of(&link);
                        original.set_value(Some(saved_fields.clone()));
                        fields.set(saved_fields);
                        saved.set(Some("Saved.".into()));
                    } else {
                        let _ = window().location().set_hash(&Route::Link(link.id).href());
                    }
                }
                Err(f) => {
                    saved.set(None);
                    failure.set(Some(f));
                }
            }
        });
    };
    let heading = match &link {
        Some(l) => format!("Edit “{}”", l.title),
        None => "New payment link".to_owned(),
    };
    let is_custom = move || fields.with(|f| f.kind == "custom");
    view! {
        <section>
            <p><a href=Route::Links.href()>"← All links"</a></p>
            <h1>{heading}</h1>
            {link.clone().map(|l| view! {
                <div class="share">
                    <p>"Pay page: "<a href=l.url.clone() target="_blank" rel="noopener">{l.url.clone()}</a></p>
                    <ShareButtons link=l/>
                </div>
            })}
            <form class="editor" on:submit=submit novalidate>
                <fieldset>
                    <legend>"What the customer sees"</legend>
                    <Text fields id="title" label="Title" get=|f| f.title.clone() set=|f, v| f.title = v/>
                    <div class="field">
                        <label for="description">"Description (optional)"</label>
                        <textarea id="description" rows="3" prop:value=move || fields.with(|f| f.description.clone())
                            on:input=move |ev| fields.update(|f| f.description = event_target_value(&ev))></textarea>
                    </div>
                    {link.is_none().then(|| view! {
                        <Text fields id="slug" label="Slug (optional)" hint="The end of the link's URL: 3 to 64 of a–z, 0–9 and -. Made from the title when empty; never changes."
                            get=|f| f.slug.clone() set=|f, v| f.slug = v/>
                    })}
                    <SubmitLabelControl fields/>
                </fieldset>
                <fieldset>
                    <legend>"Price"</legend>
                    <div class="choice" role="radiogroup" aria-label="Price type">
                        <label><input type="radio" name="kind" value="fixed" prop:checked=move || !is_custom()
                            on:change=move |_| fields.update(|f| f.kind = "fixed".into())/>"Fixed price"</label>
                        <label><input type="radio" name="kind" value="custom" prop:checked=is_custom
                            on:change=move |_| fields.update(|f| f.kind = "custom".into())/>"Customer enters the amount"</label>
                    </div>
                    <Show when=move || !is_custom()>
                        <Text fields id="amount" label="Amount" hint="A decimal such as 12.50." get=|f| f.amount.clone() set=|f, v| f.amount = v/>
                        <QuantityControls fields/>
                    </Show>
                    <Show when=is_custom>
                        <Text fields id="minimum" label="Minimum (optional)" get=|f| f.minimum.clone() set=|f, v| f.minimum = v/>
                        <Text fields id="maximum" label="Maximum (optional)" get=|f| f.maximum.clone() set=|f, v| f.maximum = v/>
                        <Text fields id="preset" label="Suggested amount (optional)" get=|f| f.preset.clone() set=|f, v| f.preset = v/>
                    </Show>
                    <div class="field">
                        <label for="currency">"Currency"</label>
                        <select id="currency" on:change=move |ev| fields.update(|f| f.currency = event_target_value(&ev))>
                            {Currency::ALL.into_iter().map(|c| view! {
                                <option value=c.code() selected=move || fields.with(|f| f.currency == c.code())>{c.code()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"How it is paid"</legend>
                    <div class="field">
                        <label for="chain">"Chain"</label>
                        <select id="chain" on:change=move |ev| fields.update(|f| f.chain = event_target_value(&ev))>
                            <option value="" selected=move || fields.with(|f| f.chain.is_empty())>"The account's default chain"</option>
                            {chains(account.livemode).into_iter().map(|(value, label)| view! {
                                <option value=value selected=move || fields.with(|f| f.chain == value)>{label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field" role="group" aria-labelledby="assets-label">
                        <span id="assets-label" class="label">"Assets (none ticked: every asset the chain offers)"</span>
                        {Asset::ALL.into_iter().map(|a| {
                            let symbol = a.symbol();
                            view! {
                                <label class="check"><input type="checkbox" value=symbol
                                    prop:checked=move || fields.with(|f| f.assets.iter().any(|x| x == symbol))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        fields.update(|f| {
                                            f.assets.retain(|x| x != symbol);
                                            if on { f.assets.push(symbol.to_owned()); }
                                        })
                                    }/>{symbol}</label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Limits"</legend>
                    <Text fields id="max_payments" label="Most payments (optional)" hint="After this many paid sessions the link shows sold out." kind="number"
                        get=|f| f.max_payments.clone() set=|f, v| f.max_payments = v/>
                    <Text fields id="expires_at" label="Expires (UTC, optional)" kind="datetime-local"
                        get=|f| f.expires_at.clone() set=|f, v| f.expires_at = v/>
                    <label class="check"><input type="checkbox" prop:checked=move || fields.with(|f| f.active)
                        on:change=move |ev| fields.update(|f| f.active = event_target_checked(&ev))/>"Active (takes payments)"</label>
                    <Text fields id="inactive_message" label="Message while inactive (optional)"
                        get=|f| f.inactive_message.clone() set=|f, v| f.inactive_message = v/>
                </fieldset>
                <fieldset>
                    <legend>"What the page asks the payer"</legend>
                    <CollectControls fields/>
                </fieldset>
                <fieldset>
                    <legend>"Questions of your own"</legend>
                    <CustomFieldsEditor fields/>
                </fieldset>
                <fieldset>
                    <legend>"After payment"</legend>
                    <ThenControls fields/>
                    <Text fields id="cancel_url" label="Cancel URL (optional)" kind="url" hint="The way back offered while unpaid."
                        get=|f| f.cancel_url.clone() set=|f, v| f.cancel_url = v/>
                    <div class="field">
                        <label for="metadata">"Metadata (optional)"</label>
                        <p class="hint" id="metadata-hint">"key=value, one per line; returned on the link, its sessions and their events."</p>
                        <textarea id="metadata" rows="3" aria-describedby="metadata-hint"
                            prop:value=move || fields.with(|f| f.metadata.clone())
                            on:input=move |ev| fields.update(|f| f.metadata = event_target_value(&ev))></textarea>
                    </div>
                </fieldset>
                {move || {
                    let errors = form_errors.get();
                    (!errors.is_empty()).then(|| view! {
                        <div class="notice error" role="alert"><ul>
                            {errors.into_iter().map(|(field, why)| view! { <li><code>{field}</code>": "{why}</li> }).collect_view()}
                        </ul><p>"Correct these fields, then save again."</p></div>
                    })
                }}
                {move || failure.get().map(|f| view! { <Notice failure=f/> })}
                {move || saved.get().map(|t| view! { <Done text=t/> })}
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {if link.is_some() { "Save changes" } else { "Create link" }}
                </button>
            </form>
        </section>
    }
}
