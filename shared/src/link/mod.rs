//! Payment-link fields that need rules of their own: metadata, redirect URLs.

pub mod metadata;
pub mod redirect;

pub use metadata::Metadata;
pub use redirect::RedirectUrl;
