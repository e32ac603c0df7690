//! The amount field of a custom link: checked as the customer types, explained in plain words.

use leptos::prelude::*;
use shared::api::links::CustomAmount;
use shared::money::Currency;

use crate::checkout::amount::check;

/// A labelled amount input with its bounds as a hint and its problem, if any, announced.
#[component]
pub fn AmountField(
    /// The link's currency: decides the decimals allowed.
    currency: Currency,
    /// The link's bounds and preset, as the public API gave them.
    bounds: Option<CustomAmount>,
    /// Where the typed text is kept, for a parent that submits it; starts at the preset when
    /// empty, and keeps what was typed when the field is shown again.
    #[prop(optional)]
    text: Option<RwSignal<String>>,
) -> impl IntoView {
    let preset = bounds
        .as_ref()
        .and_then(|b| b.preset.clone())
        .unwrap_or_default();
    let hint = match (
        bounds.as_ref().and_then(|b| b.minimum.clone()),
        bounds.as_ref().and_then(|b| b.maximum.clone()),
    ) {
        (Some(min), Some(max)) => format!("Between {min} and {max} {currency}."),
        (Some(min), None) => format!("At least {min} {currency}."),
        (None, Some(max)) => format!("At most {max} {currency}."),
        (None, None) => format!("Any amount in {currency}."),
    };
    let text = text.unwrap_or_default();
    if text.with_untracked(String::is_empty) {
        text.set(preset);
    }
    // The same signal type as the other flags of the page: one less type to ship.
    let typed = RwSignal::new(false);
    // A problem is shown once the customer has typed, never on a fresh page.
    let problem = move || {
        let outcome = check(&text.get(), currency, bounds.as_ref());
        outcome.err().filter(|_| typed.get()).map(|p| p.to_string())
    };
    let invalid = {
        let problem = problem.clone();
        move || problem().is_some().to_string()
    };
    let message = {
        let problem = problem.clone();
        move || problem().unwrap_or_else(|| hint.clone())
    };
    view! {
        <div class="field">
            <label for="amount">"Amount in " {currency.code()}</label>
            <input
                id="amount"
                name="amount"
                inputmode="decimal"
                autocomplete="off"
                aria-describedby="amount-help"
                aria-invalid=invalid
                prop:value=move || text.get()
                on:input=move |ev| {
                    typed.set(true);
                    text.set(event_target_value(&ev));
                }
            />
            <p id="amount-help" class="field-help" aria-live="polite">{message}</p>
        </div>
    }
}
