//! The routing table: every capability's rows, joined. Dispatch, the pipeline's checks, the
//! OpenAPI document's scopes and the tests read it; adding a route is one row in its
//! capability's `ROUTES` plus its handler.

use crate::api::route::{self, Method, Route, RouteMatch};

/// Each capability's rows. Templates never overlap (a test checks), so order does not matter.
const TABLE: &[&[Route]] = &[
    crate::ops::ROUTES,
    crate::api::ROUTES,
    crate::pages::ROUTES,
    crate::links::ROUTES,
    crate::checkout::ROUTES,
    crate::accounts::ROUTES,
    crate::webhooks::ROUTES,
    crate::sweeps::ROUTES,
];

/// Every route of the worker.
pub fn routes() -> impl Iterator<Item = &'static Route> {
    TABLE.iter().flat_map(|rows| rows.iter())
}

/// Matches `method` and `path` (no query string) against the table.
pub fn resolve(method: Method, path: &str) -> RouteMatch<'static> {
    route::resolve(routes(), method, path)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
