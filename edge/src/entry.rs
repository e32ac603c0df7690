//! Worker entry points: `fetch` resolves the route and dispatches; `scheduled` runs the sweep.

use worker::{Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent, event};

use crate::error::ApiError;
use crate::handlers;
use crate::respond;
use crate::routes::{Method, Route, RouteMatch, resolve};

#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let method = Method::parse(req.method().as_ref());
    let path = req.path();
    let outcome = match resolve(method, &path) {
        RouteMatch::Found(Route::Health) => handlers::health::get(&env).await,
        RouteMatch::Found(Route::PayPage(slug)) => handlers::pay_page::get(&env, slug).await,
        RouteMatch::Found(Route::OpenApi) => handlers::openapi::get(&env).await,
        RouteMatch::Found(Route::Account) => handlers::account::get(req, &env).await,
        RouteMatch::Found(Route::AdminCreateMerchant) => {
            handlers::admin::create_merchant(req, &env).await
        }
        RouteMatch::Found(Route::AdminListKeys(id)) => {
            handlers::admin::list_keys(req, &env, &id).await
        }
        RouteMatch::Found(Route::AdminCreateKey(id)) => {
            handlers::admin::create_key(req, &env, &id).await
        }
        RouteMatch::Found(Route::AdminRevokeKey(id)) => {
            handlers::admin::revoke_key(req, &env, &id).await
        }
        RouteMatch::MethodNotAllowed { allow } => Err(ApiError::MethodNotAllowed { allow }),
        RouteMatch::NotFound => Err(ApiError::RouteNotFound),
    };
    respond::finish(outcome)
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    handlers::scheduled::run(&event.cron(), &env).await;
}
