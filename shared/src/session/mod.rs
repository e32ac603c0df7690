//! Checkout sessions: their status machine, reversals of paid ones, and the payment URI a
//! customer pays.

pub mod eip681;
pub mod judge;
pub mod reversal;
pub mod status;

pub use judge::{Judgement, QuoteStanding, SessionTerms, judge, may_quote};
pub use status::{Check, SessionStatus, Terms};
