//! Webhooks per the Standard Webhooks specification: endpoints, signing secrets, signatures,
//! and the retry schedule of deliveries.

pub mod endpoint;
pub mod retry;
pub mod signature;

pub use signature::{SigningSecret, VerifyError, sign, verify};
