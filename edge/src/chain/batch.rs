//! The writes of one chain's check, gathered as its sessions are judged and run as one D1
//! batch: what changed (with its event), and the touch of what was checked with nothing new.

use std::collections::BTreeSet;

use shared::session::reversal::Notice;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;
use crate::chain::judging::Outcome;
use crate::chain::store as watch;
use crate::chain::watcher::Report;
use crate::checkout::row::Session;
use crate::platform::random;
use crate::webhooks::outbox;

/// The event of a reorg that took a paid session's confirmed money (its type is not a status).
const PAYMENT_REVERSED: &str = "checkout_session.payment_reversed";

/// The session as the API will show it after `outcome`, as event data.
fn event_data(session: &Session, outcome: &Outcome, now: i64) -> Result<String, ApiError> {
    let object = outcome
        .applied(session, now)
        .into_checkout()
        .map_err(ApiError::internal)?;
    serde_json::to_string(&object).map_err(|e| ApiError::internal(format!("event data: {e}")))
}

/// The writes of one chain's check, run as one D1 batch.
#[derive(Default)]
pub struct Batch {
    statements: Vec<D1PreparedStatement>,
    unchanged_sessions: Vec<String>,
    quotes_read: Vec<String>,
}

impl Batch {
    pub fn add(
        &mut self,
        db: &D1Database,
        session: &Session,
        outcome: &Outcome,
        now: i64,
        report: &mut Report,
        sold: &mut BTreeSet<String>,
    ) -> Result<(), ApiError> {
        self.quotes_read
            .extend(session.quotes.iter().map(|q| q.id.clone()));
        if !outcome.changed(session) {
            self.unchanged_sessions.push(session.row.id.clone());
            return Ok(());
        }
        report.changed += 1;
        if outcome.status.is_paid() {
            sold.extend(session.row.link_id.clone());
        }
        let token = random::id("evt")?;
        self.statements
            .extend(watch::apply(db, session, outcome, now, &token)?);
        let kind = match outcome.notice {
            Notice::Quiet => None,
            Notice::Status => Some(None),
            Notice::PaymentReversed => Some(Some(PAYMENT_REVERSED)),
        };
        if let Some(kind) = kind {
            let data = event_data(session, outcome, now)?;
            self.statements.extend(outbox::session_event(
                db,
                &token,
                &session.row.id,
                kind,
                &data,
                now,
            )?);
        }
        Ok(())
    }

    pub fn statements(
        mut self,
        db: &D1Database,
        head: Option<u64>,
        now: i64,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        self.statements.extend(watch::touch(
            db,
            &self.unchanged_sessions,
            &self.quotes_read,
            head,
            now,
        )?);
        Ok(self.statements)
    }
}
