//! The API pipeline: authenticate, check the route's scope, read the body, honour
//! `Idempotency-Key`, run the handler.

use worker::{Env, Request, Response};

use crate::api::auth;
use crate::api::call::{Call, Handler, Later, Principal};
use crate::api::error::ApiError;
use crate::api::idempotency::{fingerprint, keeps, merchant_scope, parse_key};
use crate::api::idempotency_store::{self as idempotency, Begin, Begun, Claim, EarlyClaim};
use crate::api::quota::Quota;
use crate::api::reply::Reply;
use crate::api::request::Body;
use crate::api::respond;
use crate::api::route::{Access, Method, Params, Route};
use crate::platform::{self, Bindings};

/// Serves an API route; the answer (or error) always leaves in the API's JSON shape.
pub async fn api(
    mut req: Request,
    env: &Env,
    method: Method,
    route: &Route,
    params: Params,
    later: &Later,
) -> worker::Result<Response> {
    let mut quota = None;
    let outcome = run(&mut req, env, method, route, params, later, &mut quota).await;
    let response = respond::api(outcome, quota.as_ref())?;
    // A public read holds nothing a key guards: any page may fetch it (the embed's button
    // shows the link's price on the shop's own origin).
    if route.access == Access::Public && method == Method::Get {
        response.headers().set("access-control-allow-origin", "*")?;
    }
    Ok(response)
}

async fn run(
    req: &mut Request,
    env: &Env,
    method: Method,
    route: &Route,
    params: Params,
    later: &Later,
    quota: &mut Option<Quota>,
) -> Result<(Reply, bool), ApiError> {
    let Handler::Api(handler) = route.handler else {
        return Err(ApiError::internal("a page route reached the API pipeline"));
    };
    let url = req
        .url()
        .map_err(|e| ApiError::internal(format!("request URL: {e}")))?;
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let method_name = req.inner().method();
    let writes = method.writes();
    let header = req.headers().get("idempotency-key").ok().flatten();
    let mut body = None;
    let mut early = None;
    let keyed = matches!(route.access, Access::Merchant(_) | Access::SecretKey);
    if let (true, true, false, Some(Ok(key))) = (
        keyed,
        writes,
        route.effects.reveals_secret,
        header.as_deref().map(parse_key),
    ) {
        // A write with a key is claimed in the authentication batch: no round trip of its
        // own. Its body is read first for the fingerprint; a bad body is told only after the
        // key is admitted, as before.
        let read = Body::read(req).await;
        if let Ok(read) = &read {
            early = Some(EarlyClaim {
                key: key.to_owned(),
                fingerprint: fingerprint(&method_name, &target, &read.bytes),
                now: platform::now(),
            });
        }
        body = Some(read);
    }
    let mut begun = None;
    let principal = match route.access {
        Access::Page => return Err(ApiError::internal("a page route reached the API pipeline")),
        Access::Public => Principal::Public,
        Access::Admin => {
            auth::admin(req, env)?;
            Principal::Admin
        }
        Access::Merchant(_) | Access::SecretKey => {
            let db = Bindings::db(env)?;
            let (caller, used, found) = auth::caller(req, env, &db, early.as_ref()).await?;
            *quota = Some(used);
            // Before the body is judged: a key that may not call the route learns nothing more.
            let allowed = match route.access {
                Access::Merchant(Some(scope)) => caller.require(scope),
                Access::SecretKey => caller.require_secret(),
                _ => Ok(()),
            };
            if let Err(refused) = allowed {
                if let (Some(Begun::Claimed), Some(early)) = (&found, &early) {
                    let claim = Claim {
                        scope: merchant_scope(&caller.merchant_id, caller.livemode),
                        key: early.key.clone(),
                        fingerprint: early.fingerprint.clone(),
                    };
                    idempotency::release(&db, &claim).await?;
                }
                return Err(refused);
            }
            begun = found;
            Principal::Merchant(caller)
        }
    };
    let origin = url.origin().ascii_serialization();
    let query = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let client = req
        .headers()
        .get("cf-connecting-ip")
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".to_owned());
    let body = match body {
        Some(read) => read,
        None if writes => Body::read(req).await,
        None => Ok(Body::default()),
    };
    // A claim taken early had a key that parses and a body that was read: neither fails here.
    let body = body?;
    let claim = match (writes, header, principal.idempotency_scope()) {
        (true, Some(header), Some(scope)) => Some(Claim {
            scope,
            key: parse_key(&header)?.to_owned(),
            fingerprint: fingerprint(&method_name, &target, &body.bytes),
        }),
        _ => None,
    };
    if claim.is_some() && route.effects.reveals_secret {
        return Err(ApiError::IdempotencyKeyNotSupported);
    }
    let call = Call {
        env: env.clone(),
        principal,
        body,
        params,
        query,
        origin,
        client,
        later: later.clone(),
    };
    let Some(claim) = claim else {
        return handler(call).await.map(|reply| (reply, false));
    };
    let db = Bindings::db(env)?;
    let now = platform::now();
    let begin = match begun {
        Some(begun) => idempotency::begin_after(&db, &claim, begun, now).await?,
        None => idempotency::begin(&db, &claim, now).await?,
    };
    if let Begin::Replay(reply) = begin {
        return Ok((reply, true));
    }
    let result = handler(call).await;
    let reply = match &result {
        Ok(reply) => reply.clone(),
        Err(error) => Reply::error(error),
    };
    if keeps(&reply) {
        idempotency::finish(&db, &claim, &reply).await?;
    } else {
        idempotency::release(&db, &claim).await?;
    }
    result.map(|reply| (reply, false))
}
