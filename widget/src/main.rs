//! The Paylink pay page.
fn main() {}
