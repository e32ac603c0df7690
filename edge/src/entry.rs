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
    let outcome = match resolve(method, &req.path()) {
        RouteMatch::Found(Route::Health) => handlers::health::get(&env).await,
        RouteMatch::Found(Route::PayPage(slug)) => handlers::pay_page::get(&env, slug).await,
        RouteMatch::MethodNotAllowed { allow } => Err(ApiError::MethodNotAllowed { allow }),
        RouteMatch::NotFound => Err(ApiError::RouteNotFound),
    };
    respond::finish(outcome)
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    handlers::scheduled::run(&event.cron(), &env).await;
}
