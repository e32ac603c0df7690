//! Webhooks per the Standard Webhooks specification: signing secrets, signatures, and the
//! retry schedule of deliveries.

pub mod retry;
pub mod signature;

pub use signature::{SigningSecret, VerifyError, sign, verify};
