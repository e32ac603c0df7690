//! The Paylink merchant dashboard: a Leptos client-side app over the public API only, served
//! at `/dashboard/`. A library so the host tests reach its pure parts.

pub mod account;
pub mod api;
pub mod app;
pub mod format;
pub mod key;
pub mod keys;
pub mod links;
pub mod paging;
pub mod route;
pub mod sessions;
pub mod sweeps;
pub mod ui;
pub mod webhooks;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
