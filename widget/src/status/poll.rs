//! Keeps a session fresh: reads it again every few seconds while the tab is visible and the
//! money is not settled, one request at a time.

use std::time::Duration;

use leptos::prelude::*;

use crate::checkout::api;
use crate::objects::Session;
use crate::status::keeps_polling;

/// Whether the customer can see the page: a hidden tab does not poll (the next visible tick
/// catches up).
fn visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}

/// Polls `GET /v1/public/sessions/{id}` for the session in `session` every `period`, writing
/// an answer only when it differs and still belongs to the session and quote shown (a new
/// quote may have replaced it meanwhile: the session keeps its id, the quote does not).
/// Stops with the component that called it.
pub fn poll_every(period: Duration, session: RwSignal<Option<Session>>) {
    // Shared with the request's task; a plain cell, as no view reads it.
    let in_flight = std::rc::Rc::new(std::cell::Cell::new(false));
    let tick = move || {
        if in_flight.get() || !visible() {
            return;
        }
        let Some(id) = session.with_untracked(|s| {
            s.as_ref()
                .filter(|s| keeps_polling(&s.status))
                .map(|s| s.id.clone())
        }) else {
            return;
        };
        in_flight.set(true);
        let in_flight = in_flight.clone();
        leptos::task::spawn_local(async move {
            // A failed poll changes nothing on the page: the next tick tries again. The page
            // may have gone meanwhile, hence `try_`.
            if let Ok(fresh) = api::read(&id).await {
                let changed = session.try_with_untracked(|s| {
                    s.as_ref().is_some_and(|shown| {
                        let quote = |s: &Session| s.quote.as_ref().map(|q| q.id.clone());
                        shown.id == fresh.id && quote(shown) == quote(&fresh) && *shown != fresh
                    })
                });
                if changed == Some(true) {
                    session.set(Some(fresh));
                }
            }
            in_flight.set(false);
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
}
