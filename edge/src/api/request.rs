//! Reading request parts the handlers need: the body under the API's limits.

use serde::de::DeserializeOwned;
use worker::Request;

use crate::api::body::{self, BodyError, MAX_BODY_BYTES};
use crate::api::error::ApiError;

/// A request body, read once (the idempotency fingerprint and the handler both need it).
#[derive(Debug, Default)]
pub struct Body {
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Body {
    /// Reads the body; refuses a declared oversized body before reading it.
    pub async fn read(req: &mut Request) -> Result<Self, ApiError> {
        let header = |name: &str| req.headers().get(name).ok().flatten();
        let content_type = header("content-type");
        let declared = header("content-length").and_then(|n| n.trim().parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
            return Err(BodyError::TooLarge.into());
        }
        let bytes = req
            .bytes()
            .await
            .map_err(|e| ApiError::internal(format!("reading the body: {e}")))?;
        Ok(Self {
            content_type,
            bytes,
        })
    }

    /// Parses the body as the route's JSON type.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        Ok(body::parse_json(self.content_type.as_deref(), &self.bytes)?)
    }
}
