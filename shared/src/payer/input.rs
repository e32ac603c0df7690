//! What the customer sends with a session or quote request, and the checked [`Payer`] a
//! session stores and the merchant API returns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The payer members of `POST /v1/public/links/{slug}/sessions` and
/// `POST /v1/public/sessions/{id}/quotes` (sent beside `asset` in the same body). A member
/// left out keeps what the session holds; one sent replaces it (an empty string clears it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayerInput {
    pub customer: Option<CustomerInput>,
    /// Values by the field's `key`.
    pub custom_fields: Option<BTreeMap<String, String>>,
    pub quantity: Option<u32>,
}

/// The customer's details as sent. Each member is optional here; the form says which it needs.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    /// At most 254 characters, `name@example.com`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 254)))]
    pub email: Option<String>,
    /// One line, at most 100 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub name: Option<String>,
    /// 7 to 15 digits, optionally a leading `+`; spaces, dashes, dots and parentheses allowed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub billing_address: Option<AddressInput>,
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub shipping_address: Option<AddressInput>,
}

/// A postal address as sent. `line1`, `city` and `country` are needed for an address that is
/// given, and `postal_code` unless the country has none.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressInput {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub line1: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub line2: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub city: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub postal_code: Option<String>,
    /// State, province or region.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. `DE` (either case; stored upper case).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 2)))]
    pub country: Option<String>,
}

/// A checked postal address.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: Option<String>,
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
}

impl From<Address> for AddressInput {
    fn from(a: Address) -> Self {
        Self {
            line1: Some(a.line1),
            line2: a.line2,
            city: Some(a.city),
            postal_code: a.postal_code,
            state: a.state,
            country: Some(a.country),
        }
    }
}

/// The customer's checked details; each `null` when not given.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub email: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
}

impl Customer {
    pub fn is_empty(&self) -> bool {
        *self == Customer::default()
    }
}

/// One custom field's answer, with the label the customer saw.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFieldValue {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// What the session stores of its payer: details, answers in the form's order (only those
/// given), and the quantity (1 when the form has none to pick).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payer {
    pub customer: Customer,
    pub custom_fields: Vec<CustomFieldValue>,
    pub quantity: u32,
}

impl Default for Payer {
    fn default() -> Self {
        Self {
            customer: Customer::default(),
            custom_fields: Vec::new(),
            quantity: 1,
        }
    }
}
