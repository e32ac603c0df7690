//! Payment-link fields that need rules of their own: pricing, status, metadata, redirect URLs.

pub mod metadata;
pub mod pricing;
pub mod redirect;
pub mod status;

pub use metadata::Metadata;
pub use pricing::{BoundsError, CustomBounds, Pricing};
pub use redirect::RedirectUrl;
pub use status::LinkStatus;
