//! Worker entry points: `fetch` resolves the route and dispatches; `scheduled` runs the sweep.

use worker::{Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent, event};

use crate::api::call::{Call, Handler, Later, Principal};
use crate::api::error::ApiError;
use crate::api::route::{Method, RouteMatch};
use crate::api::{pipeline, respond, table};
use crate::platform::meter;
use crate::webhooks::deliver;

#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let env = meter::attach(env);
    let answer = route(req, env.clone(), &ctx).await;
    // Counted before anything sent after the answer (webhook deliveries) starts running.
    match (answer, meter::header_wanted(&env)) {
        (Ok(response), true) => {
            if let Some(usage) = meter::usage(&env) {
                let _ = response.headers().set("paylink-usage", &usage.header());
            }
            Ok(response)
        }
        (answer, _) => answer,
    }
}

async fn route(req: Request, env: Env, ctx: &Context) -> Result<Response> {
    // The raw method: `worker::Method` folds methods it does not know (QUERY, BREW) into GET.
    let method = Method::parse(&req.inner().method());
    match table::resolve(method, &req.path()) {
        RouteMatch::Found(route, params) => match route.handler {
            Handler::Page(page) => {
                // A page reads its query (the pay page: `embed=1`), never a body.
                let query = req
                    .url()
                    .map(|url| {
                        url.query_pairs()
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect()
                    })
                    .unwrap_or_default();
                let call = Call {
                    env,
                    principal: Principal::Public,
                    body: Default::default(),
                    params,
                    query,
                    origin: String::new(),
                    client: String::new(),
                    later: Later::default(),
                };
                respond::page(page(call).await)
            }
            Handler::Api(_) => {
                let later = Later::default();
                let response = pipeline::api(req, &env, method, route, params, &later).await;
                let deferred = later.take();
                let emits = route.effects.emits_events;
                if !deferred.is_empty() || (emits && meter::made_deliveries_due(&env)) {
                    ctx.wait_until(async move {
                        for work in deferred {
                            work.await;
                        }
                        // The first delivery attempt at once, when the request (or its
                        // deferred work) made one due; most polls write nothing. Cron
                        // retries the rest.
                        if emits
                            && meter::made_deliveries_due(&env)
                            && let Err(e) = deliver::run(&env).await
                        {
                            worker::console_error!("webhooks after a request: {e:?}");
                        }
                    });
                }
                response
            }
        },
        RouteMatch::MethodNotAllowed { allow } => {
            respond::api(Err(ApiError::MethodNotAllowed { allow }), None)
        }
        RouteMatch::NotFound => respond::api(Err(ApiError::RouteNotFound), None),
    }
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let env = meter::attach(env);
    crate::ops::cron::run(&event.cron(), &env).await;
    // Counts only: what the tick cost, for the benchmark and for anyone reading the logs.
    if let Some(usage) = meter::usage(&env) {
        worker::console_log!("cron tick used {}", usage.header());
    }
    if let Some(limit) = meter::refused(&env) {
        worker::console_error!("cron tick ran into a limit: {limit}");
    }
}
