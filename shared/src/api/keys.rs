//! Wire types of merchants, API keys and the account a key belongs to.

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::auth::{KeyKind, Scope, Scopes};
use crate::text::{self, Lines};

/// `POST /v1/admin/merchants`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateMerchantRequest {
    /// One line of 1 to 100 characters, no control characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub name: String,
}

impl CreateMerchantRequest {
    /// The trimmed name, or the field error that says why it is refused.
    pub fn parse(self) -> Result<String, Vec<FieldError>> {
        let name = self.name.trim();
        let count = name.chars().count();
        // A NUL would pass the count here and fail the table's CHECK on `length(name)`.
        text::check("name", name, Lines::One).map_err(|e| vec![e])?;
        if (1..=100).contains(&count) {
            Ok(name.to_owned())
        } else {
            Err(vec![FieldError {
                code: "invalid_name".into(),
                message: "The name must have 1 to 100 characters.".into(),
                param: "name".into(),
            }])
        }
    }
}

/// `POST /v1/admin/merchants/{id}/keys`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateKeyRequest {
    pub kind: String,
    pub livemode: bool,
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// A validated key request: secret keys hold every scope; restricted ones at least one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    pub kind: KeyKind,
    pub livemode: bool,
    pub scopes: Scopes,
}

impl CreateKeyRequest {
    /// Checks every field and reports every failure, not only the first.
    pub fn parse(self) -> Result<NewKey, Vec<FieldError>> {
        let mut errors = Vec::new();
        let field = |code: &str, message: String, param: &str| FieldError {
            code: code.into(),
            message,
            param: param.into(),
        };
        let kind = KeyKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(field(
                "invalid_key_kind",
                "kind is `secret` or `restricted`.".into(),
                "kind",
            ));
        }
        let scopes = match Scopes::parse(self.scopes.iter().map(String::as_str)) {
            Ok(scopes) => Some(scopes),
            Err(e) => {
                errors.push(field("invalid_scope", format!("{e}."), "scopes"));
                None
            }
        };
        match (kind, &scopes) {
            (Some(KeyKind::Secret), Some(scopes)) if !scopes.is_empty() => {
                errors.push(field(
                    "scopes_not_allowed",
                    "Secret keys hold every scope; send scopes only for restricted keys.".into(),
                    "scopes",
                ));
            }
            (Some(KeyKind::Restricted), Some(scopes)) if scopes.is_empty() => {
                errors.push(field(
                    "scopes_required",
                    "A restricted key needs at least one scope.".into(),
                    "scopes",
                ));
            }
            _ => {}
        }
        match (kind, scopes) {
            (Some(kind), Some(scopes)) if errors.is_empty() => {
                let scopes = if kind == KeyKind::Secret {
                    Scopes::all()
                } else {
                    scopes
                };
                Ok(NewKey {
                    kind,
                    livemode: self.livemode,
                    scopes,
                })
            }
            _ => Err(errors),
        }
    }
}

/// `POST /v1/api_keys`: a restricted key for the calling secret key's merchant and mode.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({
    "scopes": ["links:read", "sessions:read"],
})))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRestrictedKeyRequest {
    /// At least one scope, each at most once.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Vec<crate::auth::Scope>", length(min = 1, max = 7))
    )]
    pub scopes: Vec<String>,
}

impl CreateRestrictedKeyRequest {
    /// The scopes asked for, or every failure: `scopes_required` for none, `scopes_too_many`
    /// for a list longer than the scopes there are (refused whole), `invalid_scope` per entry.
    pub fn parse(self) -> Result<Scopes, Vec<FieldError>> {
        if self.scopes.is_empty() {
            return Err(vec![FieldError::new(
                "scopes",
                "scopes_required",
                "A restricted key needs at least one scope.",
            )]);
        }
        if self.scopes.len() > Scope::ALL.len() {
            return Err(vec![FieldError::new(
                "scopes",
                "scopes_too_many",
                format!("List each of the {} scopes at most once.", Scope::ALL.len()),
            )]);
        }
        let mut errors = Vec::new();
        let mut scopes = Vec::new();
        for (i, name) in self.scopes.iter().enumerate() {
            match Scope::parse(name) {
                Ok(scope) => scopes.push(scope),
                Err(e) => errors.push(FieldError::new(
                    format!("scopes[{i}]"),
                    "invalid_scope",
                    format!("{e}."),
                )),
            }
        }
        if errors.is_empty() {
            Ok(scopes.into_iter().collect())
        } else {
            Err(errors)
        }
    }
}

/// A merchant as the admin API shows it.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantObject {
    pub id: String,
    pub object: String,
    pub name: String,
    pub created_at: i64,
}

/// An API key as listed; `secret` is present only in the response that created it.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "ApiKey"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyObject {
    pub id: String,
    pub object: String,
    pub merchant: String,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::auth::KeyKind"))]
    pub kind: String,
    pub livemode: bool,
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::auth::Scope>"))]
    pub scopes: Vec<String>,
    pub last4: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// The answer to creating a merchant: the merchant and its first test and live secret keys.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantCreated {
    pub merchant: MerchantObject,
    pub keys: Vec<ApiKeyObject>,
}

/// A list page in the API's list envelope, named by what it holds (`PaymentLinkList`).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "{T}List"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct List<T> {
    /// Always `list`.
    #[cfg_attr(feature = "openapi", schemars(extend("const" = "list")))]
    pub object: String,
    pub data: Vec<T>,
    pub has_more: bool,
}

pub use crate::api::account::Account;

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: &str, scopes: &[&str]) -> CreateKeyRequest {
        CreateKeyRequest {
            kind: kind.into(),
            livemode: false,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn a_secret_key_request_gets_every_scope() {
        let key = request("secret", &[]).parse().unwrap();
        assert_eq!(key.scopes, Scopes::all());
    }

    #[test]
    fn a_restricted_key_request_keeps_its_scopes() {
        let key = request("restricted", &["links:read"]).parse().unwrap();
        assert!(key.scopes.contains(Scope::LinksRead));
        assert!(!key.scopes.contains(Scope::LinksWrite));
    }

    #[test]
    fn a_restricted_key_without_scopes_is_refused() {
        assert_eq!(
            codes(request("restricted", &[]).parse().unwrap_err()),
            ["scopes_required"]
        );
    }

    #[test]
    fn a_secret_key_with_scopes_is_refused() {
        let errors = request("secret", &["links:read"]).parse().unwrap_err();
        assert_eq!(codes(errors), ["scopes_not_allowed"]);
    }

    #[test]
    fn every_failing_field_is_reported() {
        let errors = request("admin", &["links:everything"]).parse().unwrap_err();
        assert_eq!(codes(errors), ["invalid_key_kind", "invalid_scope"]);
    }

    fn restricted(scopes: &[&str]) -> Result<Scopes, Vec<FieldError>> {
        CreateRestrictedKeyRequest {
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        }
        .parse()
    }

    #[test]
    fn a_restricted_key_request_keeps_exactly_its_scopes() {
        let scopes = restricted(&["sessions:read", "links:read", "links:read"]).unwrap();
        assert_eq!(scopes.to_storage(), "links:read sessions:read");
        assert!(!scopes.contains(Scope::LinksWrite));
    }

    #[test]
    fn a_restricted_key_request_without_scopes_is_refused() {
        assert_eq!(codes(restricted(&[]).unwrap_err()), ["scopes_required"]);
    }

    #[test]
    fn each_unknown_scope_is_refused_by_its_position() {
        let errors = restricted(&["links:read", "keys:write", "ADMIN"]).unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.param.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("scopes[1]", "invalid_scope"),
                ("scopes[2]", "invalid_scope")
            ]
        );
    }

    #[test]
    fn a_scope_list_longer_than_the_scopes_is_refused_whole() {
        let all: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
        assert!(restricted(&all).is_ok());
        let mut long = all.clone();
        long.push("links:read");
        assert_eq!(codes(restricted(&long).unwrap_err()), ["scopes_too_many"]);
    }

    #[test]
    fn merchant_names_are_trimmed_and_bounded() {
        let ok = CreateMerchantRequest {
            name: "  Corner Café ".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(ok, "Corner Café");
        assert!(
            CreateMerchantRequest { name: "   ".into() }
                .parse()
                .is_err()
        );
        assert!(
            CreateMerchantRequest {
                name: "x".repeat(101)
            }
            .parse()
            .is_err()
        );
    }

    #[test]
    fn a_merchant_name_with_a_control_character_is_refused_by_name() {
        for name in ["\u{0}", "Shop\u{0}", "Two\nlines", "\u{1b}[31mRed"] {
            let errors = CreateMerchantRequest { name: name.into() }
                .parse()
                .unwrap_err();
            assert_eq!(
                (errors[0].code.as_str(), errors[0].param.as_str()),
                ("control_character", "name"),
                "{name:?}"
            );
        }
    }
}
