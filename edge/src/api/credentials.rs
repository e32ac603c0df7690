//! Who is calling: bearer-token parsing, the admin token check and scope checks, without I/O.

use sha2::{Digest, Sha256};
use shared::auth::{ApiKey, KeyKind, Scope, Scopes};

use crate::api::error::ApiError;

/// The merchant and permissions behind a valid, unrevoked API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub key_id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub kind: KeyKind,
    pub scopes: Scopes,
}

impl Caller {
    /// `Ok` when the key holds `scope`, else the 403 that names it.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        if self.scopes.contains(scope) {
            Ok(())
        } else {
            Err(ApiError::MissingScope(scope))
        }
    }

    /// `Ok` for a secret key, else the 403 that says a restricted key may not do this.
    pub fn require_secret(&self) -> Result<(), ApiError> {
        match self.kind {
            KeyKind::Secret => Ok(()),
            KeyKind::Restricted => Err(ApiError::SecretKeyRequired),
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let (scheme, token) = header?.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Parses the API key in an `Authorization` header; what is wrong maps to 401 codes.
pub fn api_key(header: Option<&str>) -> Result<ApiKey, ApiError> {
    let token = bearer(header).ok_or(ApiError::ApiKeyMissing)?;
    ApiKey::parse(token).map_err(|_| ApiError::ApiKeyInvalid)
}

/// Checks the admin token in `header` against the configured one, in constant time.
/// `configured` is `None` when the `ADMIN_TOKEN` secret is not set: the admin API is off.
pub fn check_admin(header: Option<&str>, configured: Option<&str>) -> Result<(), ApiError> {
    let Some(expected) = configured.filter(|t| !t.is_empty()) else {
        return Err(ApiError::AdminDisabled);
    };
    let given = bearer(header).ok_or(ApiError::AdminTokenInvalid)?;
    // Comparing fixed-length digests keeps the time independent of where the strings differ.
    let (a, b) = (
        Sha256::digest(given.as_bytes()),
        Sha256::digest(expected.as_bytes()),
    );
    let difference = a
        .iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y));
    if difference == 0 {
        Ok(())
    } else {
        Err(ApiError::AdminTokenInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::auth::Mode;

    #[test]
    fn bearer_reads_the_token_of_a_bearer_header() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer   abc ")), Some("abc"));
    }

    #[test]
    fn bearer_refuses_other_schemes_and_empty_tokens() {
        assert_eq!(bearer(None), None);
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(Some("abc")), None);
    }

    #[test]
    fn api_key_tells_missing_from_malformed() {
        assert_eq!(api_key(None), Err(ApiError::ApiKeyMissing));
        assert_eq!(
            api_key(Some("Bearer sk_test_nothex")),
            Err(ApiError::ApiKeyInvalid)
        );
        let key = ApiKey::generate(KeyKind::Secret, Mode::Test, [7; 24]);
        assert_eq!(api_key(Some(&format!("Bearer {}", key.reveal()))), Ok(key));
    }

    #[test]
    fn the_admin_api_is_off_without_a_configured_token() {
        assert_eq!(
            check_admin(Some("Bearer x"), None),
            Err(ApiError::AdminDisabled)
        );
        assert_eq!(
            check_admin(Some("Bearer x"), Some("")),
            Err(ApiError::AdminDisabled)
        );
    }

    #[test]
    fn the_admin_token_must_match_exactly() {
        assert_eq!(check_admin(Some("Bearer s3cret"), Some("s3cret")), Ok(()));
        assert_eq!(
            check_admin(Some("Bearer s3cre"), Some("s3cret")),
            Err(ApiError::AdminTokenInvalid)
        );
        assert_eq!(
            check_admin(None, Some("s3cret")),
            Err(ApiError::AdminTokenInvalid)
        );
    }

    #[test]
    fn a_caller_without_the_scope_gets_a_403_naming_it() {
        let caller = Caller {
            key_id: "key_1".into(),
            merchant_id: "mer_1".into(),
            livemode: false,
            kind: KeyKind::Restricted,
            scopes: Scopes::parse(["links:read"]).unwrap(),
        };
        assert_eq!(caller.require(Scope::LinksRead), Ok(()));
        assert_eq!(
            caller.require(Scope::LinksWrite),
            Err(ApiError::MissingScope(Scope::LinksWrite))
        );
    }

    #[test]
    fn only_a_secret_key_passes_the_secret_key_check_whatever_its_scopes() {
        let mut caller = Caller {
            key_id: "key_1".into(),
            merchant_id: "mer_1".into(),
            livemode: false,
            kind: KeyKind::Restricted,
            scopes: Scopes::all(),
        };
        assert_eq!(caller.require_secret(), Err(ApiError::SecretKeyRequired));
        caller.kind = KeyKind::Secret;
        assert_eq!(caller.require_secret(), Ok(()));
    }
}
