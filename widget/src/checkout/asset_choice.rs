//! The assets a link accepts, as a labelled radio group (arrow keys move between them).

use leptos::prelude::*;
use shared::money::Asset;

/// The asset's full name, read after its symbol.
fn full_name(symbol: &str) -> &'static str {
    match Asset::parse(symbol) {
        Ok(Asset::Eth) => "Ether",
        Ok(Asset::Usdc) => "USD Coin",
        Ok(Asset::Eurc) => "Euro Coin",
        Err(_) => "",
    }
}

/// One radio per accepted asset; `chosen` holds the symbol picked.
#[component]
pub fn AssetChoice(
    /// The link's accepted assets, as the public API lists them (`ETH`, `USDC`, `EURC`).
    assets: Vec<String>,
    /// The chosen symbol; written as the customer picks.
    chosen: RwSignal<Option<String>>,
) -> impl IntoView {
    let options = assets
        .into_iter()
        .map(|symbol| {
            let id = format!("asset-{}", symbol.to_ascii_lowercase());
            let label_for = id.clone();
            let value = symbol.clone();
            let checked = {
                let symbol = symbol.clone();
                move || chosen.get().as_deref() == Some(symbol.as_str())
            };
            view! {
                <label class="asset-option" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name="asset"
                        value=symbol.clone()
                        prop:checked=checked
                        on:change=move |_| chosen.set(Some(value.clone()))
                    />
                    <span class="asset-symbol">{symbol.clone()}</span>
                    <span class="asset-name">{full_name(&symbol)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="asset-choice">
            <legend>"Choose what to pay with"</legend>
            <div class="asset-options">{options}</div>
        </fieldset>
    }
}
