//! The quote: what to send, at which rate, to which address, as a QR code, and for how long.

use leptos::prelude::*;
use shared::api::sessions::Quote;

use crate::checkout::copy::CopyButton;
use crate::checkout::countdown::countdown_text;
use crate::checkout::qr::QrCodeSvg;
use crate::locale;

/// The amount and address to pay, with copy buttons, the QR code while the quote holds, and
/// the countdown (a `timer`: read on demand, not announced every second).
#[component]
pub fn QuoteView(
    /// The session's quote, as the API returned it.
    quote: Quote,
    /// What the customer pays in fiat (the session's `amount`), e.g. `12.50`.
    amount: String,
    /// The fiat currency of `amount` and of the rate (the session's `currency`).
    currency: String,
    /// Whole seconds until the quote ends, on the server's clock.
    seconds_left: RwSignal<u64>,
) -> impl IntoView {
    let qr_label = format!(
        "QR code to pay {} {} to {}",
        quote.amount_due_decimal, quote.asset, quote.deposit_address
    );
    let rate = format!(
        "{} at {} per {}",
        locale::fiat(&amount, &currency),
        locale::rate(&quote.rate, &currency),
        quote.asset
    );
    let uri = quote.payment_uri.clone();
    let network = quote.chain_name.clone();
    view! {
        <section class="quote" aria-labelledby="quote-title">
            // Focused when the quote appears (the Continue button is gone), so keyboard and
            // screen reader users continue from here.
            <h2 id="quote-title" tabindex="-1">"Send"</h2>
            // Rounded up for reading; the exact amount is what the copy button, the QR code
            // and the wallet use.
            <p class="crypto-amount">
                <span id="quote-shown">{quote.amount_due_shown.clone()}</span>
                " "
                <span class="asset-symbol">{quote.asset.clone()}</span>
            </p>
            <details class="exact">
                <summary>"Exact amount"</summary>
                <code id="quote-amount">{quote.amount_due_decimal.clone()}</code>
            </details>
            <p class="copy-row">
                <CopyButton text=quote.amount_due_decimal.clone() label="Copy amount" target="quote-amount"/>
            </p>
            <p class="rate">{rate}</p>
            <p class="address-label">"To this address, on " {network}</p>
            <p class="address">
                <code id="deposit-address">{quote.deposit_address.clone()}</code>
            </p>
            <p class="copy-row">
                <CopyButton text=quote.deposit_address.clone() label="Copy address" target="deposit-address"/>
            </p>
            // Hidden, not removed, once the quote ends: paying it then would be late.
            <div class="qr-box" hidden=move || seconds_left.get() == 0>
                <QrCodeSvg text=uri label=qr_label/>
            </div>
            <p class="countdown" role="timer">{move || countdown_text(seconds_left.get())}</p>
        </section>
    }
}
