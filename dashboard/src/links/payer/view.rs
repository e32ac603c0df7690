//! The payer controls of the link editor: which details the page asks, the quantity, the
//! button's words and what follows a payment. Each is a native, labelled control, so a
//! screen reader names it and the keyboard alone works it; the state is in [`PayerFields`].

use leptos::prelude::*;
use shared::payer::{CollectMode, SubmitLabel};

use crate::links::fields::LinkFields;
use crate::links::payer::{Detail, Then, mode_words};
use crate::links::text::Text;

/// The button's words as the page shows them.
fn label_words(label: SubmitLabel) -> &'static str {
    match label {
        SubmitLabel::Pay => "Pay",
        SubmitLabel::Donate => "Donate",
        SubmitLabel::Book => "Book",
    }
}

/// Which details the page asks for, each off, optional or required, and where a shipping
/// address may be.
#[component]
pub fn CollectControls(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
) -> impl IntoView {
    view! {
        <p class="hint">"Each detail is not asked, asked as an option, or required before the customer can pay. The page labels it with the same words."</p>
        <div class="details">
            {Detail::ALL.into_iter().map(|detail| {
                let id = format!("collect-{}", detail.name());
                view! {
                    <div class="field">
                        <label for=id.clone()>{detail.label()}</label>
                        <select id=id on:change=move |ev| {
                            if let Some(mode) = CollectMode::parse(&event_target_value(&ev)) {
                                fields.update(|f| f.payer.set_mode(detail, mode));
                            }
                        }>
                            {CollectMode::ALL.into_iter().map(|mode| view! {
                                <option value=mode.as_str()
                                    selected=move || fields.with(|f| f.payer.mode(detail) == mode)>
                                    {mode_words(mode)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </div>
        <Show when=move || fields.with(|f| f.payer.shows_countries())>
            <Text fields id="shipping-countries" label="Ship only to (optional)"
                hint="Two-letter country codes such as DE, FR, AT, separated by commas. Empty: any country."
                get=|f| f.payer.shipping_countries.clone() set=|f, v| f.payer.shipping_countries = v/>
        </Show>
    }
}

/// Whether the customer picks a quantity, and its bounds. Shown for fixed prices only: the
/// API takes no quantity of an amount the customer enters.
#[component]
pub fn QuantityControls(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
) -> impl IntoView {
    let enabled = move || fields.with(|f| f.payer.quantity.enabled);
    view! {
        <label class="check"><input type="checkbox" id="quantity-enabled" aria-describedby="quantity-hint"
            prop:checked=enabled
            on:change=move |ev| fields.update(|f| f.payer.quantity.enabled = event_target_checked(&ev))/>
            "The customer picks a quantity"</label>
        <p class="hint" id="quantity-hint">"The amount is the price times the quantity."</p>
        <Show when=enabled>
            <div class="pair">
                <Text fields id="quantity-minimum" label="Fewest" kind="number" hint="Empty: 1."
                    get=|f| f.payer.quantity.minimum.clone() set=|f, v| f.payer.quantity.minimum = v/>
                <Text fields id="quantity-maximum" label="Most" kind="number" hint="Empty: 99; at most 1000."
                    get=|f| f.payer.quantity.maximum.clone() set=|f, v| f.payer.quantity.maximum = v/>
            </div>
        </Show>
    }
}

/// The words on the pay page's button.
#[component]
pub fn SubmitLabelControl(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="submit-label">"Button words"</label>
            <select id="submit-label" on:change=move |ev| {
                if let Some(label) = SubmitLabel::parse(&event_target_value(&ev)) {
                    fields.update(|f| f.payer.submit_label = label);
                }
            }>
                {SubmitLabel::ALL.into_iter().map(|label| view! {
                    <option value=label.as_str()
                        selected=move || fields.with(|f| f.payer.submit_label == label)>
                        {label_words(label)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// What the paid page does: the receipt, the receipt with a message, or a redirect to the
/// success URL (one of them: the API keeps a redirect as `success_url`).
#[component]
pub fn ThenControls(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
) -> impl IntoView {
    let choices = [
        (Then::Receipt, "receipt", "Show the receipt"),
        (
            Then::Message,
            "message",
            "Show the receipt and a message of yours",
        ),
        (
            Then::Redirect,
            "redirect",
            "Send the customer to your website",
        ),
    ];
    let is = move |then: Then| fields.with(|f| f.payer.then == then);
    view! {
        <fieldset class="group">
            <legend>"Once paid"</legend>
            {choices.into_iter().map(|(then, value, words)| view! {
                <label class="check"><input type="radio" name="then" value=value
                    prop:checked=move || is(then)
                    on:change=move |_| fields.update(|f| f.payer.then = then)/>{words}</label>
            }).collect_view()}
        </fieldset>
        <Show when=move || is(Then::Message)>
            <div class="field">
                <label for="completion-message">"Message on the paid page"</label>
                <p class="hint" id="completion-message-hint">"Up to 500 characters; line breaks are kept."</p>
                <textarea id="completion-message" rows="3" maxlength="500" aria-describedby="completion-message-hint"
                    prop:value=move || fields.with(|f| f.payer.message.clone())
                    on:input=move |ev| fields.update(|f| f.payer.message = event_target_value(&ev))></textarea>
            </div>
        </Show>
        <Show when=move || is(Then::Redirect)>
            <Text fields id="success_url" label="Success URL" kind="url"
                hint="Where the customer goes once paid (https)."
                get=|f| f.payer.success_url.clone() set=|f, v| f.payer.success_url = v/>
        </Show>
    }
}
