//! One module per route family; each handler returns `Result<Response, ApiError>`.

pub mod health;
pub mod pay_page;
pub mod scheduled;
