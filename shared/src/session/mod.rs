//! Checkout sessions: their status machine and the payment URI a customer pays.

pub mod eip681;
pub mod status;

pub use status::{Check, SessionStatus, Terms};
