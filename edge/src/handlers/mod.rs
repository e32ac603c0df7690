//! One module per route family; each handler returns `Result<Response, ApiError>`.

pub mod account;
pub mod admin;
pub mod health;
pub mod openapi;
pub mod pay_page;
pub mod scheduled;
