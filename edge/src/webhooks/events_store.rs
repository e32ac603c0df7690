//! `events` in D1: one event, and pages newest first on `events_page`.

use serde::Deserialize;
use shared::api::events::Event;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::links::query::Seek;

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// An `events` row.
#[derive(Debug, Deserialize)]
pub struct EventRow {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub livemode: i64,
    pub created_at: i64,
    pub data: String,
}

impl EventRow {
    pub fn into_event(self) -> Result<Event, ApiError> {
        let data = serde_json::from_str(&self.data)
            .map_err(|e| ApiError::internal(format!("event {} data: {e}", self.id)))?;
        Ok(Event {
            id: self.id,
            object: "event".into(),
            kind: self.kind,
            created_at: self.created_at,
            livemode: self.livemode == 1,
            data,
        })
    }
}

const COLUMNS: &str = "id, type, livemode, created_at, data";

/// The merchant's event in this mode.
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<EventRow>, ApiError> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM events WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
    ))
    .bind(&[id.into(), merchant_id.into(), int(i64::from(livemode))])
    .map_err(|e| ApiError::internal(format!("binding events select: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("events select: {e}")))
}

/// A page of `limit + 1` events (one extra tells whether more follow), optionally of one type.
/// Rows of an `ending_before` page come back oldest first; the caller reverses them.
pub async fn page(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    kind: Option<&str>,
    object_id: Option<&str>,
    seek: &Seek,
    limit: u32,
) -> Result<Vec<EventRow>, ApiError> {
    let mut args: Vec<JsValue> = vec![merchant_id.into(), int(i64::from(livemode))];
    let mut clauses = vec!["merchant_id = ?1 AND livemode = ?2".to_owned()];
    if let Some(kind) = kind {
        args.push(kind.into());
        clauses.push(format!("type = ?{}", args.len()));
    }
    if let Some(id) = object_id {
        // Read from the stored object, like `type` without an index of its own: the page
        // index still bounds the walk to this merchant and mode, newest first.
        args.push(id.into());
        clauses.push(format!("json_extract(data, '$.id') = ?{}", args.len()));
    }
    let order = match seek {
        Seek::First => "DESC",
        Seek::After(created_at, id) | Seek::Before(created_at, id) => {
            args.push(int(*created_at));
            args.push(id.as_str().into());
            let (t, i) = (args.len() - 1, args.len());
            let after = matches!(seek, Seek::After(..));
            clauses.push(format!(
                "(created_at, id) {} (?{t}, ?{i})",
                if after { "<" } else { ">" }
            ));
            if after { "DESC" } else { "ASC" }
        }
    };
    args.push(int(i64::from(limit) + 1));
    let sql = format!(
        "SELECT {COLUMNS} FROM events WHERE {} ORDER BY created_at {order}, id {order} LIMIT ?{}",
        clauses.join(" AND "),
        args.len()
    );
    db.prepare(&sql)
        .bind(&args)
        .map_err(|e| ApiError::internal(format!("binding events page: {e}")))?
        .all()
        .await
        .map_err(|e| ApiError::internal(format!("events page: {e}")))?
        .results()
        .map_err(|e| ApiError::internal(format!("events page rows: {e}")))
}
