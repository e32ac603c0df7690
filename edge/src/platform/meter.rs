//! The invocation meter: what one request or cron tick asks of D1, KV and the network, and
//! the per-invocation limits of the Workers plan this deployment targets, enforced here
//! because local `wrangler dev` does not enforce them.
//!
//! Every invocation's `Env` is wrapped at the entry point (`attach`), so all code that reads
//! the DB and CACHE bindings through `Bindings` is metered without knowing it; outbound
//! fetches count themselves through [`fetching`]. Past a limit a call fails as production
//! would fail it, with an error that names the limit, so a test that crosses one fails here
//! and not only after a deploy.

/// The Workers plan whose limits apply (`WORKERS_PLAN`: `paid`, the default, or `free`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    Free,
    Paid,
}

/// Per-invocation limits, as Cloudflare documents them (developers.cloudflare.com: Workers
/// platform limits, D1 limits, KV limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// D1 queries per invocation; a batch is one query to D1's API.
    pub d1: u32,
    /// KV operations per invocation (reads, writes, lists and deletes together).
    pub kv: u32,
    /// Subrequests: outbound `fetch` calls.
    pub fetches: u32,
}

impl Plan {
    /// The plan a var names; `None` (unset) is the paid plan. An unknown name is an error,
    /// never a silent default.
    pub fn parse(var: Option<&str>) -> Result<Self, String> {
        match var.map(str::trim) {
            None | Some("") | Some("paid") => Ok(Plan::Paid),
            Some("free") => Ok(Plan::Free),
            Some(other) => Err(format!("WORKERS_PLAN is {other:?}: use paid or free")),
        }
    }

    pub fn limits(self) -> Limits {
        match self {
            Plan::Free => Limits {
                d1: 50,
                kv: 1000,
                fetches: 50,
            },
            Plan::Paid => Limits {
                d1: 1000,
                kv: 1000,
                fetches: 10_000,
            },
        }
    }
}

/// What an invocation used so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Round trips to D1 (a batch is one).
    pub d1: u32,
    /// Statements those round trips carried.
    pub statements: u32,
    /// Round trips that started while no other was in flight: what the caller waits for.
    pub sequential: u32,
    pub kv_reads: u32,
    pub kv_writes: u32,
    pub fetches: u32,
    /// Fetches that started while no other was in flight: rounds of RPC batches, say.
    pub fetch_sequential: u32,
}

impl Usage {
    /// From the counts the JavaScript meter keeps, in its order.
    pub fn from_counts(counts: &[u32]) -> Option<Self> {
        match *counts {
            [
                d1,
                statements,
                sequential,
                kv_reads,
                kv_writes,
                fetches,
                fetch_sequential,
            ] => Some(Self {
                d1,
                statements,
                sequential,
                kv_reads,
                kv_writes,
                fetches,
                fetch_sequential,
            }),
            _ => None,
        }
    }

    /// The `paylink-usage` header's value (and the cron tick's log line): counts only, never
    /// what was asked.
    pub fn header(&self) -> String {
        format!(
            "d1={}; d1_sequential={}; statements={}; kv_reads={}; kv_writes={}; fetches={}; \
             fetch_sequential={}",
            self.d1,
            self.sequential,
            self.statements,
            self.kv_reads,
            self.kv_writes,
            self.fetches,
            self.fetch_sequential
        )
    }
}

/// Whether the `USAGE_HEADER` var asks for the header on every answer (local runs and the
/// benchmark; a deployment leaves it unset).
pub fn asks_for_header(var: Option<&str>) -> bool {
    matches!(var.map(str::trim), Some("on" | "1" | "true"))
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/platform/meter.js")]
    extern "C" {
        pub fn metered(env: &JsValue, db: &str, kv: &str, limits: &JsValue) -> JsValue;
        pub fn usage(env: &JsValue) -> Vec<u32>;
        pub fn fetching(env: &JsValue) -> String;
        pub fn fetched(env: &JsValue);
        pub fn refused(env: &JsValue) -> String;
        pub fn left(env: &JsValue) -> Vec<u32>;
        pub fn due(env: &JsValue) -> u32;
    }
}

#[cfg(target_arch = "wasm32")]
pub use wasm::*;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::{JsCast, JsValue};
    use worker::Env;

    use super::{Limits, Plan, Usage, js};

    /// `env` with its DB and CACHE bindings metered under the limits of `WORKERS_PLAN`; a
    /// plan name that is not one falls back to the stricter free plan, and says so.
    pub fn attach(env: Env) -> Env {
        let var = env.var("WORKERS_PLAN").ok().map(|v| v.to_string());
        let plan = Plan::parse(var.as_deref()).unwrap_or_else(|e| {
            worker::console_error!("{e}; enforcing the free plan's limits");
            Plan::Free
        });
        let limits = plan.limits();
        let object = worker::js_sys::Object::new();
        for (key, value) in [
            ("d1", limits.d1),
            ("kv", limits.kv),
            ("fetches", limits.fetches),
        ] {
            let _ = worker::js_sys::Reflect::set(&object, &key.into(), &JsValue::from(value));
        }
        js::metered(env.as_ref(), "DB", "CACHE", &object).unchecked_into()
    }

    /// What `env`'s invocation used so far; `None` for an env that was never attached.
    pub fn usage(env: &Env) -> Option<Usage> {
        Usage::from_counts(&js::usage(env.as_ref()))
    }

    /// Counts one outbound fetch of `env`'s invocation; the error names the limit it would
    /// pass.
    pub fn fetching(env: &Env) -> Result<(), String> {
        let refusal = js::fetching(env.as_ref());
        if refusal.is_empty() {
            Ok(())
        } else {
            Err(refusal)
        }
    }

    /// Says that a fetch counted by [`fetching`] has ended.
    pub fn fetched(env: &Env) {
        js::fetched(env.as_ref());
    }

    /// The first limit `env`'s invocation ran into, if any.
    pub fn refused(env: &Env) -> Option<String> {
        Some(js::refused(env.as_ref())).filter(|r| !r.is_empty())
    }

    /// What `env`'s invocation may still use before a limit; `None` when not metered.
    pub fn left(env: &Env) -> Option<Limits> {
        match *js::left(env.as_ref()) {
            [d1, kv, fetches] => Some(Limits { d1, kv, fetches }),
            _ => None,
        }
    }

    /// Whether `env`'s invocation made a webhook delivery due (an event with a subscriber, a
    /// redelivery): only then is a delivery run started after the answer. An env that is not
    /// metered cannot tell, and says yes.
    pub fn made_deliveries_due(env: &Env) -> bool {
        usage(env).is_none() || js::due(env.as_ref()) > 0
    }

    /// Whether answers carry the `paylink-usage` header.
    pub fn header_wanted(env: &Env) -> bool {
        super::asks_for_header(
            env.var("USAGE_HEADER")
                .ok()
                .map(|v| v.to_string())
                .as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paid_plan_is_the_default_and_free_is_stricter() {
        assert_eq!(Plan::parse(None), Ok(Plan::Paid));
        assert_eq!(Plan::parse(Some(" paid ")), Ok(Plan::Paid));
        assert_eq!(Plan::parse(Some("free")), Ok(Plan::Free));
        assert!(Plan::parse(Some("enterprise")).is_err());
        let (free, paid) = (Plan::Free.limits(), Plan::Paid.limits());
        assert!(free.d1 < paid.d1 && free.fetches < paid.fetches);
        assert_eq!((free.d1, free.fetches, paid.d1), (50, 50, 1000));
    }

    #[test]
    fn usage_reads_the_meter_counts_in_order_and_says_them_by_name() {
        let usage = Usage::from_counts(&[3, 7, 2, 1, 0, 4, 1]).unwrap();
        assert_eq!(
            usage.header(),
            "d1=3; d1_sequential=2; statements=7; kv_reads=1; kv_writes=0; fetches=4; \
             fetch_sequential=1"
        );
        assert_eq!(Usage::from_counts(&[]), None);
        assert_eq!(Usage::from_counts(&[1, 2, 3]), None);
    }

    #[test]
    fn the_header_is_asked_for_explicitly() {
        assert!(asks_for_header(Some("on")));
        assert!(asks_for_header(Some("1")));
        assert!(!asks_for_header(None));
        assert!(!asks_for_header(Some("off")));
    }
}
