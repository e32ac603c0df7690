//! HTML pages outside the API's JSON conventions: the pay page shell with its link inlined.

pub mod inline_data;

#[cfg(target_arch = "wasm32")]
pub mod pay_page;
