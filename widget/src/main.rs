//! The Paylink pay page: a Leptos client-side app mounted on the shell `index.html`.

mod app;
mod lookup;
mod page;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
