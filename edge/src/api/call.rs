//! `Call`: what a handler gets of its request once the pipeline admitted it, and the handler
//! types the routing table holds.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use worker::{Env, Response};

use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::idempotency::merchant_scope;
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

/// Work a handler leaves for after its answer is sent (the entry point hands it to
/// `waitUntil`): what the customer need not wait for, such as a poll's chain check. Shared by
/// clone; the Worker runs one thread, so `Rc` is enough.
#[derive(Clone, Default)]
pub struct Later(Rc<RefCell<Vec<Deferred>>>);

/// One piece of deferred work.
pub type Deferred = Pin<Box<dyn Future<Output = ()>>>;

impl Later {
    /// Runs `work` after the answer; it logs its own failures, since nobody waits for it.
    pub fn defer(&self, work: impl Future<Output = ()> + 'static) {
        self.0.borrow_mut().push(Box::pin(work));
    }

    /// The deferred work, in the order it was left, emptied from the queue.
    pub fn take(&self) -> Vec<Deferred> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
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
            Principal::Merchant(c) => Some(merchant_scope(&c.merchant_id, c.livemode)),
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
    /// Work to run once the answer is sent.
    pub later: Later,
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
