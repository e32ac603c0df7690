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
pub mod objects;
pub mod page;
pub mod status;
pub mod wallet;

/// Mounts the app on `<body>`; the binary's whole job. No panic hook: its message formatting
/// cost the page 1.2 KB brotli, and a panic still stops with an error in the console.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}

/// Notes in the console why the page shows less than it could: two plain strings, since a
/// formatted message costs the page the formatting code.
pub(crate) fn warn(what: &str, detail: &str) {
    web_sys::console::warn_2(&what.into(), &detail.into());
}
