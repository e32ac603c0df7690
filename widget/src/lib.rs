//! The Paylink pay page: a Leptos client-side app mounted on the shell `index.html`.
//!
//! A library so that component tests (`widget/tests/`, in headless Chromium) can mount the
//! same components the binary does.

pub mod amount;
pub mod amount_field;
pub mod app;
pub mod asset_choice;
pub mod checkout;
pub mod checkout_api;
pub mod copy;
pub mod countdown;
pub mod decode;
pub mod embed;
pub mod json;
pub mod locale;
mod lookup;
pub mod page;
pub mod qr;
pub mod quote_view;
mod session_poll;
pub mod status;
pub mod status_panel;
pub mod wallet;
pub mod wallet_tx;

/// Mounts the app on `<body>`; the binary's whole job.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
