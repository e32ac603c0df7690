//! What a link or checkout asks of its payer: the checked form, as stored and as answered.
//!
//! These types are built only by [`crate::payer::request`] (or read back from storage that
//! it wrote), so each holds its invariants: at most [`MAX_CUSTOM_FIELDS`] fields with unique
//! keys, dropdowns with 1 to 50 unique options, quantity bounds within 1..=1000.

use serde::{Deserialize, Serialize};

/// At most this many custom fields per link or checkout.
pub const MAX_CUSTOM_FIELDS: usize = 3;
/// At most this many options in one dropdown.
pub const MAX_OPTIONS: usize = 50;
/// A label (of a field or an option) has at most this many characters.
pub const MAX_LABEL_CHARS: usize = 50;
/// A dropdown option's value has at most this many characters.
pub const MAX_OPTION_VALUE_CHARS: usize = 100;
/// A custom field's key has at most this many characters, of `a-z`, `0-9` and `_`.
pub const MAX_KEY_CHARS: usize = 40;
/// The longest a text or numeric value may be (also the default `max_length` of text).
pub const MAX_VALUE_CHARS: u32 = 255;
/// The most an adjustable quantity may allow.
pub const MAX_QUANTITY: u32 = 1000;
/// The default bounds of an adjustable quantity.
pub const DEFAULT_QUANTITY_MINIMUM: u32 = 1;
pub const DEFAULT_QUANTITY_MAXIMUM: u32 = 99;
/// The paid page's message has at most this many characters.
pub const MAX_COMPLETION_MESSAGE_CHARS: usize = 500;

/// Whether the page asks for a detail: not at all, as an option, or as a must.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CollectMode {
    #[default]
    Off,
    Optional,
    Required,
}

impl CollectMode {
    pub const ALL: [CollectMode; 3] = [
        CollectMode::Off,
        CollectMode::Optional,
        CollectMode::Required,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CollectMode::Off => "off",
            CollectMode::Optional => "optional",
            CollectMode::Required => "required",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    pub fn is_off(self) -> bool {
        self == CollectMode::Off
    }
}

/// Which customer details the page asks for.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collect {
    pub email: CollectMode,
    pub name: CollectMode,
    pub phone: CollectMode,
    pub billing_address: CollectMode,
    pub shipping_address: CollectMode,
    /// The countries a shipping address may be in (ISO 3166-1 alpha-2, upper case, sorted);
    /// empty: any country.
    pub shipping_countries: Vec<String>,
}

impl Collect {
    /// Whether nothing is asked.
    pub fn is_off(&self) -> bool {
        [
            self.email,
            self.name,
            self.phone,
            self.billing_address,
            self.shipping_address,
        ]
        .iter()
        .all(|m| m.is_off())
    }
}

/// What a custom field takes.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Digits only (an account or order number): kept as text, leading zeros and all.
    Numeric,
    /// One of the field's `options`.
    Dropdown,
}

impl FieldType {
    pub const ALL: [FieldType; 3] = [FieldType::Text, FieldType::Numeric, FieldType::Dropdown];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Numeric => "numeric",
            FieldType::Dropdown => "dropdown",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

/// One choice of a dropdown: the `value` stored, the `label` shown.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropdownOption {
    /// 1 to 100 characters, unique within the field.
    #[cfg_attr(feature = "openapi", schemars(length(min = 1, max = 100)))]
    pub value: String,
    /// 1 to 50 characters.
    #[cfg_attr(feature = "openapi", schemars(length(min = 1, max = 50)))]
    pub label: String,
}

/// A question of the merchant's own.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// `[a-z0-9_]{1,40}`, unique among the fields: the name its value is sent and returned by.
    pub key: String,
    /// What the page shows beside the field, 1 to 50 characters.
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether the customer may leave it empty.
    pub optional: bool,
    /// The choices of a dropdown, in the order shown; empty for other types.
    pub options: Vec<DropdownOption>,
    /// Fewest characters (digits for numeric) a value has; `null` for dropdowns.
    pub min_length: Option<u32>,
    /// Most characters (digits for numeric) a value has, at most 255; `null` for dropdowns.
    pub max_length: Option<u32>,
    /// What the page fills in beforehand (a dropdown's preselected option's value). The API
    /// does not apply it: a value that is not sent is not given.
    pub default: Option<String>,
}

/// Whether the customer picks how many they buy, and within which bounds.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustableQuantity {
    pub enabled: bool,
    /// At least 1.
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub minimum: u32,
    /// At least `minimum`, at most 1000.
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub maximum: u32,
}

impl Default for AdjustableQuantity {
    fn default() -> Self {
        Self {
            enabled: false,
            minimum: DEFAULT_QUANTITY_MINIMUM,
            maximum: DEFAULT_QUANTITY_MAXIMUM,
        }
    }
}

/// The words on the page's button.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubmitLabel {
    #[default]
    Pay,
    Donate,
    Book,
}

impl SubmitLabel {
    pub const ALL: [SubmitLabel; 3] = [SubmitLabel::Pay, SubmitLabel::Donate, SubmitLabel::Book];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmitLabel::Pay => "pay",
            SubmitLabel::Donate => "donate",
            SubmitLabel::Book => "book",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw)
    }
}

/// What follows a payment, as the merchant API answers it. A redirect is the object's
/// `success_url` (the same value, stored once).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum AfterCompletion {
    /// The paid page shows `message` (at most 500 characters).
    Message { message: String },
    /// The paid page sends the customer to `url` (https).
    Redirect { url: String },
}

impl AfterCompletion {
    /// The object's `after_completion` from its stored parts: the redirect wins, as the page
    /// follows it.
    pub fn of(success_url: Option<&str>, message: Option<&str>) -> Option<Self> {
        match (success_url, message) {
            (Some(url), _) => Some(AfterCompletion::Redirect {
                url: url.to_owned(),
            }),
            (None, Some(message)) => Some(AfterCompletion::Message {
                message: message.to_owned(),
            }),
            (None, None) => None,
        }
    }
}

/// What follows a payment, as customers see it before paying: the message, or only that a
/// redirect follows (its URL comes with the paid session, as `success_url` always has).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum PublicAfterCompletion {
    Message { message: String },
    Redirect,
}

impl From<&AfterCompletion> for PublicAfterCompletion {
    fn from(after: &AfterCompletion) -> Self {
        match after {
            AfterCompletion::Message { message } => PublicAfterCompletion::Message {
                message: message.clone(),
            },
            AfterCompletion::Redirect { .. } => PublicAfterCompletion::Redirect,
        }
    }
}
