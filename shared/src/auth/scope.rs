//! Scopes of restricted keys: `links:*`, `sessions:*`, `account:write`, `webhooks:*`.

use core::fmt;
use std::collections::BTreeSet;

/// One permission. Secret keys hold all of them; restricted keys a chosen few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    LinksRead,
    LinksWrite,
    SessionsRead,
    SessionsWrite,
    AccountWrite,
    WebhooksRead,
    WebhooksWrite,
}

impl Scope {
    pub const ALL: [Scope; 7] = [
        Scope::LinksRead,
        Scope::LinksWrite,
        Scope::SessionsRead,
        Scope::SessionsWrite,
        Scope::AccountWrite,
        Scope::WebhooksRead,
        Scope::WebhooksWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::LinksRead => "links:read",
            Scope::LinksWrite => "links:write",
            Scope::SessionsRead => "sessions:read",
            Scope::SessionsWrite => "sessions:write",
            Scope::AccountWrite => "account:write",
            Scope::WebhooksRead => "webhooks:read",
            Scope::WebhooksWrite => "webhooks:write",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ScopeError> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == input)
            .ok_or_else(|| ScopeError(input.to_owned()))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError(pub String);

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a scope; scopes are ", self.0)?;
        let names: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
        f.write_str(&names.join(", "))
    }
}

impl std::error::Error for ScopeError {}

/// A set of scopes, stored in D1 as space-separated names in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    pub fn all() -> Self {
        Self(Scope::ALL.into_iter().collect())
    }

    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// Parses names (duplicates collapse); fails on the first unknown one.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, ScopeError> {
        names
            .into_iter()
            .map(Scope::parse)
            .collect::<Result<BTreeSet<_>, _>>()
            .map(Self)
    }

    /// The storage form: `"links:read sessions:read"`.
    pub fn to_storage(&self) -> String {
        self.iter().map(Scope::as_str).collect::<Vec<_>>().join(" ")
    }

    pub fn from_storage(text: &str) -> Result<Self, ScopeError> {
        Self::parse(text.split_whitespace())
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_round_trips_through_its_name() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Ok(scope));
        }
    }

    #[test]
    fn unknown_or_differently_cased_scopes_are_refused() {
        assert!(Scope::parse("links:delete").is_err());
        assert!(Scope::parse("LINKS:READ").is_err());
        assert!(Scope::parse("").is_err());
        let message = Scope::parse("admin").unwrap_err().to_string();
        assert!(message.contains("links:read"), "{message}");
    }

    #[test]
    fn scopes_store_in_a_stable_order_without_duplicates() {
        let scopes = Scopes::parse(["sessions:read", "links:read", "links:read"]).unwrap();
        assert_eq!(scopes.to_storage(), "links:read sessions:read");
        assert_eq!(Scopes::from_storage(&scopes.to_storage()).unwrap(), scopes);
    }

    #[test]
    fn all_scopes_contain_every_scope() {
        let all = Scopes::all();
        assert!(Scope::ALL.into_iter().all(|s| all.contains(s)));
        assert!(!Scopes::default().contains(Scope::LinksRead));
    }
}
