//! `payment_links` in D1: insert, read one, read a page; every write with its event.

use serde::Deserialize;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::links::query::COLUMNS;
use crate::links::row::LinkRow;
use crate::platform::sql::Query;
use crate::webhooks::outbox;

fn opt_text(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

fn opt_int(value: Option<i64>) -> JsValue {
    value.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64))
}

/// The columns a PATCH may change, in the order [`editable`] binds them.
const EDITABLE: [&str; 18] = [
    "title",
    "description",
    "kind",
    "amount",
    "currency",
    "custom_minimum",
    "custom_maximum",
    "custom_preset",
    "assets",
    "chain",
    "max_payments",
    "expires_at",
    "active",
    "inactive_message",
    "success_url",
    "cancel_url",
    "metadata",
    "payer_form",
];

fn editable(row: &LinkRow) -> Vec<JsValue> {
    vec![
        row.title.as_str().into(),
        opt_text(&row.description),
        row.kind.as_str().into(),
        opt_text(&row.amount),
        row.currency.as_str().into(),
        opt_text(&row.custom_minimum),
        opt_text(&row.custom_maximum),
        opt_text(&row.custom_preset),
        row.assets.as_str().into(),
        row.chain.as_str().into(),
        opt_int(row.max_payments.map(i64::from)),
        opt_int(row.expires_at),
        opt_int(Some(row.active)),
        opt_text(&row.inactive_message),
        opt_text(&row.success_url),
        opt_text(&row.cancel_url),
        row.metadata.as_str().into(),
        row.payer_form.as_str().into(),
    ]
}

/// The event a link write records in the outbox, in the same transaction.
pub struct LinkEvent {
    /// `evt_…`.
    pub id: String,
    /// `payment_link.created`, `.updated` or `.archived`.
    pub kind: &'static str,
    /// The link as the API returns it after the write.
    pub data: String,
}

/// Runs a write and its event as one D1 batch, and says whether the write changed a row (the
/// event is recorded only then).
async fn changed(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
    what: &str,
    link_id: &str,
    event: &LinkEvent,
    now: i64,
) -> Result<bool, ApiError> {
    let write = db
        .prepare(sql)
        .bind(args)
        .map_err(|e| ApiError::internal(format!("binding {what}: {e}")))?;
    let mut statements = vec![write];
    statements.extend(outbox::link_event(
        db,
        &event.id,
        event.kind,
        link_id,
        &event.data,
        now,
    )?);
    let results = db
        .batch(statements)
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))?;
    let result = results
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal(format!("{what}: no result")))?;
    let meta = result
        .meta()
        .map_err(|e| ApiError::internal(format!("{what} meta: {e}")))?;
    Ok(meta.and_then(|m| m.changes).unwrap_or(0) > 0)
}

/// Inserts the row; `Ok(false)` when its slug is taken (by any merchant).
pub async fn insert(db: &D1Database, row: &LinkRow, event: &LinkEvent) -> Result<bool, ApiError> {
    let mut columns = vec!["id", "merchant_id", "livemode", "slug"];
    columns.extend(EDITABLE);
    columns.extend(["payments_count", "created_at", "updated_at", "archived_at"]);
    let mut args = vec![
        row.id.as_str().into(),
        row.merchant_id.as_str().into(),
        opt_int(Some(row.livemode)),
        row.slug.as_str().into(),
    ];
    args.extend(editable(row));
    args.extend([
        opt_int(Some(i64::from(row.payments_count))),
        opt_int(Some(row.created_at)),
        opt_int(Some(row.updated_at)),
        opt_int(row.archived_at),
    ]);
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO payment_links ({}) VALUES ({}) ON CONFLICT (slug) DO NOTHING",
        columns.join(", "),
        placeholders.join(", ")
    );
    changed(
        db,
        &sql,
        &args,
        "payment_links insert",
        &row.id,
        event,
        row.updated_at,
    )
    .await
}

/// The merchant's link in this mode; `None` for another merchant's or mode's (never revealed).
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<LinkRow>, ApiError> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM payment_links WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
    ))
    .bind(&[
        id.into(),
        merchant_id.into(),
        JsValue::from_f64(f64::from(u8::from(livemode))),
    ])
    .map_err(|e| ApiError::internal(format!("binding payment_links select: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("payment_links select: {e}")))
}

#[derive(Deserialize)]
struct Anchor {
    created_at: i64,
}

/// The sort key of a cursor object, if it is the merchant's link in this mode.
pub async fn anchor(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<i64>, ApiError> {
    let row: Option<Anchor> = db
        .prepare("SELECT created_at FROM payment_links WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3")
        .bind(&[id.into(), merchant_id.into(), JsValue::from_f64(f64::from(u8::from(livemode)))])
        .map_err(|e| ApiError::internal(format!("binding payment_links anchor: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("payment_links anchor: {e}")))?;
    Ok(row.map(|r| r.created_at))
}

/// Runs a page query built by `link_query::page`.
pub async fn page(db: &D1Database, query: &Query) -> Result<Vec<LinkRow>, ApiError> {
    crate::platform::all(db, query, "payment_links page").await
}

/// Writes the editable fields of `row`; `Ok(false)` when the link was archived meanwhile.
pub async fn update(db: &D1Database, row: &LinkRow, event: &LinkEvent) -> Result<bool, ApiError> {
    let sets: Vec<String> = EDITABLE
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 4))
        .collect();
    let sql = format!(
        "UPDATE payment_links SET {}, updated_at = ?{} \
         WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3 AND archived_at IS NULL",
        sets.join(", "),
        EDITABLE.len() + 4
    );
    let mut args = vec![
        row.id.as_str().into(),
        row.merchant_id.as_str().into(),
        opt_int(Some(row.livemode)),
    ];
    args.extend(editable(row));
    args.push(opt_int(Some(row.updated_at)));
    changed(
        db,
        &sql,
        &args,
        "payment_links update",
        &row.id,
        event,
        row.updated_at,
    )
    .await
}

/// Archives the link at `now`; `Ok(false)` when it was already archived (or is not theirs).
pub async fn archive(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
    now: i64,
    event: &LinkEvent,
) -> Result<bool, ApiError> {
    let sql = "UPDATE payment_links SET archived_at = ?4, updated_at = ?4 \
               WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3 AND archived_at IS NULL";
    let args = [
        id.into(),
        merchant_id.into(),
        opt_int(Some(i64::from(livemode))),
        opt_int(Some(now)),
    ];
    changed(db, sql, &args, "payment_links archive", id, event, now).await
}

/// The unarchived link with this slug, in either mode (slugs are unique across both).
pub async fn by_slug(db: &D1Database, slug: &str) -> Result<Option<LinkRow>, ApiError> {
    let rows = crate::platform::rows(
        db,
        &[crate::links::query::by_slug(slug)],
        "payment_links by slug",
    )
    .await?;
    Ok(rows.into_iter().next())
}
