//! API keys and scopes: what a merchant's credential is and what it may do.

pub mod key;
pub mod scope;

pub use key::{ApiKey, KeyError, KeyHash, KeyKind, Mode};
pub use scope::{Scope, ScopeError, Scopes};
