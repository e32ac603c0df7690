//! HTML pages outside the API's JSON conventions: the pay page shell with its link (`/l/{slug}`)
//! or its checkout session (`/c/{id}`) inlined, rewritten for it.

pub mod inline_data;
pub mod payer_field;
pub mod payer_form;
pub mod payer_shell;
pub mod shell;

#[cfg(target_arch = "wasm32")]
pub mod checkout_page;
#[cfg(target_arch = "wasm32")]
pub mod pay_page;

use crate::api::route::Route;
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(page GET "/l/{slug}", pay_page::get),
    route!(page GET "/c/{id}", checkout_page::get),
];
