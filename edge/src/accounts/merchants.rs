//! `merchants` and `api_keys` rows, and their conversion to wire objects.

use serde::Deserialize;
use shared::api::keys::{ApiKeyObject, MerchantObject};
use shared::auth::{ApiKey, KeyHash, Scopes};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;
use crate::api::idempotency_store::{Begun, EarlyClaim};

/// A `merchants` row.
#[derive(Debug, Deserialize)]
pub struct MerchantRow {
    pub id: String,
    pub name: String,
    pub created_at: i64,
}

impl From<MerchantRow> for MerchantObject {
    fn from(row: MerchantRow) -> Self {
        MerchantObject {
            id: row.id,
            object: "merchant".into(),
            name: row.name,
            created_at: row.created_at,
        }
    }
}

/// An `api_keys` row.
#[derive(Debug, Deserialize)]
pub struct KeyRow {
    pub id: String,
    pub merchant_id: String,
    pub kind: String,
    pub livemode: i64,
    pub last4: String,
    pub scopes: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

impl KeyRow {
    pub fn scopes(&self) -> Result<Scopes, ApiError> {
        Scopes::from_storage(&self.scopes)
            .map_err(|e| ApiError::internal(format!("api_keys {} holds a bad scope: {e}", self.id)))
    }

    /// The wire object; `secret` only in the response that created the key.
    pub fn into_object(self, secret: Option<&ApiKey>) -> ApiKeyObject {
        ApiKeyObject {
            scopes: self.scopes.split_whitespace().map(str::to_owned).collect(),
            id: self.id,
            object: "api_key".into(),
            merchant: self.merchant_id,
            kind: self.kind,
            livemode: self.livemode == 1,
            last4: self.last4,
            created_at: self.created_at,
            revoked_at: self.revoked_at,
            secret: secret.map(|key| key.reveal().to_owned()),
        }
    }
}

fn js(n: i64) -> JsValue {
    // Unix seconds and 0/1 flags: far inside the 2^53 a JS number holds exactly.
    JsValue::from_f64(n as f64)
}

/// The insert for a new merchant, to run in a batch with its first keys.
pub fn insert_merchant(
    db: &D1Database,
    row: &MerchantRow,
) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("INSERT INTO merchants (id, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[
            row.id.as_str().into(),
            row.name.as_str().into(),
            js(row.created_at),
        ])
        .map_err(|e| ApiError::internal(format!("binding merchants insert: {e}")))
}

pub async fn merchant(db: &D1Database, id: &str) -> Result<Option<MerchantRow>, ApiError> {
    db.prepare("SELECT id, name, created_at FROM merchants WHERE id = ?1")
        .bind(&[id.into()])
        .map_err(|e| ApiError::internal(format!("binding merchants select: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("merchants select: {e}")))
}

use crate::accounts::keys_query::KEY_COLUMNS;

/// The insert for a new key; only its hash is stored.
pub fn insert_key(
    db: &D1Database,
    row: &KeyRow,
    hash: &KeyHash,
) -> Result<D1PreparedStatement, ApiError> {
    db.prepare(
        "INSERT INTO api_keys (id, merchant_id, kind, livemode, key_hash, last4, scopes, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&[
        row.id.as_str().into(),
        row.merchant_id.as_str().into(),
        row.kind.as_str().into(),
        js(row.livemode),
        hash.as_str().into(),
        row.last4.as_str().into(),
        row.scopes.as_str().into(),
        js(row.created_at),
    ])
    .map_err(|e| ApiError::internal(format!("binding api_keys insert: {e}")))
}

/// Runs `statements` in one D1 batch: all of them commit, or none.
pub async fn commit(
    db: &D1Database,
    what: &str,
    statements: Vec<D1PreparedStatement>,
) -> Result<(), ApiError> {
    db.batch(statements)
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))?;
    Ok(())
}

/// The key with this hash, revoked or not (the caller tells the two apart), and, when it is
/// active, this request counted in its rate-limit window starting at `window`: one round trip
/// for what every authenticated request asks first. An unknown or revoked key counts nothing.
/// With `early`, the request's idempotency key is claimed (or read) in the same batch.
pub async fn key_and_count(
    db: &D1Database,
    hash: &KeyHash,
    window: i64,
    early: Option<&EarlyClaim>,
) -> Result<(Option<KeyRow>, Option<u32>, Option<Begun>), ApiError> {
    #[derive(Deserialize)]
    struct Count {
        count: u32,
    }
    let err = |what: &'static str| move |e| ApiError::internal(format!("{what}: {e}"));
    let key = db
        .prepare(format!(
            "SELECT {KEY_COLUMNS} FROM api_keys WHERE key_hash = ?1"
        ))
        .bind(&[hash.as_str().into()])
        .map_err(err("binding api_keys lookup"))?;
    // `WHERE` also tells SQLite's parser that ON CONFLICT belongs to the INSERT.
    let count = db
        .prepare(
            "INSERT INTO rate_limits (key_id, window_start, count) \
             SELECT id, ?2, 1 FROM api_keys WHERE key_hash = ?1 AND revoked_at IS NULL \
             ON CONFLICT (key_id, window_start) DO UPDATE SET count = count + 1 RETURNING count",
        )
        .bind(&[hash.as_str().into(), js(window)])
        .map_err(err("binding rate_limits upsert"))?;
    let mut statements = vec![key, count];
    if let Some(early) = early {
        statements.extend(early.statements(db, hash.as_str())?);
    }
    let results = db
        .batch(statements)
        .await
        .map_err(err("api_keys lookup and rate_limits upsert"))?;
    let mut results = results.into_iter();
    let mut first = |what: &'static str| {
        results
            .next()
            .ok_or_else(|| ApiError::internal(format!("{what}: no result")))
    };
    let key: Option<KeyRow> = first("api_keys lookup")?
        .results::<KeyRow>()
        .map_err(err("api_keys lookup row"))?
        .into_iter()
        .next();
    let count: Option<u32> = first("rate_limits upsert")?
        .results::<Count>()
        .map_err(err("rate_limits upsert row"))?
        .into_iter()
        .next()
        .map(|c| c.count);
    let begun = match early {
        Some(_) => {
            let claimed = first("idempotency claim")?;
            EarlyClaim::begun(&claimed, &first("idempotency load")?)?
        }
        None => None,
    };
    Ok((key, count, begun))
}

pub async fn keys_of(db: &D1Database, merchant_id: &str) -> Result<Vec<KeyRow>, ApiError> {
    db.prepare(format!(
        "SELECT {KEY_COLUMNS} FROM api_keys WHERE merchant_id = ?1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(&[merchant_id.into()])
    .map_err(|e| ApiError::internal(format!("binding api_keys list: {e}")))?
    .all()
    .await
    .map_err(|e| ApiError::internal(format!("api_keys list: {e}")))?
    .results()
    .map_err(|e| ApiError::internal(format!("api_keys list rows: {e}")))
}

/// Revokes the key if it is still active; `false` when it was already revoked or missing.
pub async fn revoke_key(db: &D1Database, id: &str, at: i64) -> Result<bool, ApiError> {
    let result = db
        .prepare("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .bind(&[id.into(), js(at)])
        .map_err(|e| ApiError::internal(format!("binding api_keys revoke: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("api_keys revoke: {e}")))?;
    let changed = result
        .meta()
        .map_err(|e| ApiError::internal(format!("api_keys revoke meta: {e}")))?
        .and_then(|meta| meta.changes)
        .unwrap_or(0);
    Ok(changed > 0)
}

pub async fn key(db: &D1Database, id: &str) -> Result<Option<KeyRow>, ApiError> {
    db.prepare(format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"))
        .bind(&[id.into()])
        .map_err(|e| ApiError::internal(format!("binding api_keys select: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("api_keys select: {e}")))
}

/// The merchant's key `id` in this mode, revoked or not.
pub async fn key_of(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<KeyRow>, ApiError> {
    db.prepare(format!(
        "SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
    ))
    .bind(&[id.into(), merchant_id.into(), js(i64::from(livemode))])
    .map_err(|e| ApiError::internal(format!("binding api_keys select of merchant: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("api_keys select of merchant: {e}")))
}

/// Runs a page query built by `keys_query::page`.
pub async fn key_page(
    db: &D1Database,
    query: &crate::platform::sql::Query,
) -> Result<Vec<KeyRow>, ApiError> {
    crate::platform::all(db, query, "api_keys page").await
}
