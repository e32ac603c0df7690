//! Payment-link fields that need rules of their own: pricing, status (and the list filter of
//! statuses), metadata, redirect URLs.

pub mod metadata;
pub mod pricing;
pub mod redirect;
pub mod status;
pub mod status_filter;

pub use metadata::Metadata;
pub use pricing::{BoundsError, CustomBounds, Pricing};
pub use redirect::RedirectUrl;
pub use status::{LinkStatus, StatusInputs};
pub use status_filter::{StatusSet, StatusSetError};
