//! The Paylink pay page: a Leptos client-side app mounted on the shell `index.html`.
//!
//! A library so that component tests (`widget/tests/`, in headless Chromium) can mount the
//! same components the binary does.

pub mod app;
pub mod checkout;
pub mod decode;
pub mod embed;
pub mod json;
pub mod locale;
mod lookup;
pub mod page;
pub mod status;
pub mod wallet;

/// Mounts the app on `<body>`; the binary's whole job.
pub fn mount() {
    //console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
