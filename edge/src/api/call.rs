//! `Call`: what a handler gets of its request once the pipeline admitted it, and the handler
//! types the routing table holds.

use std::future::Future;
use std::pin::Pin;

use worker::{Env, Response};

use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::api::request::Body;
use crate::api::route::Params;

/// A handler's future; the Worker runs on one thread, so nothing here needs `Send`.
pub type Pending<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// A route's handler: an API handler answers a [`Reply`] in the API's JSON shape; a page
/// handler builds its own response.
#[derive(Clone, Copy)]
pub enum Handler {
    Api(fn(Call) -> Pending<Reply>),
    Page(fn(Call) -> Pending<Response>),
}

/// Who the pipeline admitted.
pub enum Principal {
    Public,
    Merchant(Caller),
    Admin,
}

impl Principal {
    /// Where idempotency keys live: per merchant and mode, or the operator's own.
    pub fn idempotency_scope(&self) -> Option<String> {
        match self {
            Principal::Public => None,
            Principal::Merchant(c) => Some(format!(
                "{}:{}",
                c.merchant_id,
                if c.livemode { "live" } else { "test" }
            )),
            Principal::Admin => Some("admin".to_owned()),
        }
    }
}

/// One admitted request: access and scope were checked against the route's row.
pub struct Call {
    pub env: Env,
    pub principal: Principal,
    pub body: Body,
    pub params: Params,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Scheme and host the request came to, for URLs in answers (`url` of a link).
    pub origin: String,
    /// The client's IP as Cloudflare reports it (`CF-Connecting-IP`), or `unknown`.
    pub client: String,
}

impl Call {
    /// The merchant caller, for routes whose access is `Access::Merchant`.
    pub fn merchant(&self) -> Result<&Caller, ApiError> {
        match &self.principal {
            Principal::Merchant(caller) => Ok(caller),
            Principal::Public | Principal::Admin => Err(ApiError::internal(
                "a merchant route ran without a merchant caller",
            )),
        }
    }

    /// The path segment named `{name}` in the route's template.
    pub fn param(&self, name: &str) -> Result<&str, ApiError> {
        self.params
            .get(name)
            .ok_or_else(|| ApiError::internal(format!("the route has no {{{name}}} segment")))
    }
}
