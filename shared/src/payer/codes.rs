//! The stable codes of every payer rule: one per rule, never reworded once published.
//!
//! Customer input (the open and quote requests) fails with the first group, a form the
//! merchant sends (links and checkouts) with the second. `control_character`
//! ([`crate::text::CONTROL_CHARACTER`]) and `email_too_long` apply too.

// The customer's input: `param` is the field's path (`customer.email`,
// `customer.billing_address.city`, `custom_fields.<key>`, `quantity`).
pub const EMAIL_REQUIRED: &str = "email_required";
pub const EMAIL_INVALID: &str = "email_invalid";
pub const EMAIL_TOO_LONG: &str = "email_too_long";
pub const NAME_REQUIRED: &str = "name_required";
pub const NAME_TOO_LONG: &str = "name_too_long";
pub const PHONE_REQUIRED: &str = "phone_required";
pub const PHONE_INVALID: &str = "phone_invalid";
/// A required address is missing (`param`: `customer.billing_address` or `…shipping_address`).
pub const ADDRESS_REQUIRED: &str = "address_required";
pub const ADDRESS_LINE_REQUIRED: &str = "address_line_required";
pub const ADDRESS_CITY_REQUIRED: &str = "address_city_required";
pub const ADDRESS_POSTAL_CODE_REQUIRED: &str = "address_postal_code_required";
/// A part of an address is longer than its bound (`param` names the part).
pub const ADDRESS_TOO_LONG: &str = "address_too_long";
/// Not an ISO 3166-1 alpha-2 code (also when missing from an address that is given).
pub const COUNTRY_INVALID: &str = "country_invalid";
/// A shipping address outside the form's `shipping_countries`.
pub const COUNTRY_NOT_ALLOWED: &str = "country_not_allowed";
pub const CUSTOM_FIELD_REQUIRED: &str = "custom_field_required";
pub const CUSTOM_FIELD_TOO_SHORT: &str = "custom_field_too_short";
pub const CUSTOM_FIELD_TOO_LONG: &str = "custom_field_too_long";
pub const CUSTOM_FIELD_NOT_NUMERIC: &str = "custom_field_not_numeric";
pub const CUSTOM_FIELD_UNKNOWN_OPTION: &str = "custom_field_unknown_option";
/// A value for a key the form has no field for.
pub const CUSTOM_FIELD_UNKNOWN: &str = "custom_field_unknown";
/// A value for a detail the form does not collect (set to `off`).
pub const FIELD_NOT_COLLECTED: &str = "field_not_collected";
pub const QUANTITY_NOT_ADJUSTABLE: &str = "quantity_not_adjustable";
pub const QUANTITY_BELOW_MINIMUM: &str = "quantity_below_minimum";
pub const QUANTITY_ABOVE_MAXIMUM: &str = "quantity_above_maximum";

// The merchant's form, on links and checkouts.
pub const CUSTOM_FIELDS_TOO_MANY: &str = "custom_fields_too_many";
pub const CUSTOM_FIELD_KEY_INVALID: &str = "custom_field_key_invalid";
pub const CUSTOM_FIELD_KEY_DUPLICATE: &str = "custom_field_key_duplicate";
pub const CUSTOM_FIELD_LABEL_INVALID: &str = "custom_field_label_invalid";
pub const CUSTOM_FIELD_TYPE_INVALID: &str = "custom_field_type_invalid";
pub const CUSTOM_FIELD_OPTIONS_INVALID: &str = "custom_field_options_invalid";
pub const CUSTOM_FIELD_LENGTH_INVALID: &str = "custom_field_length_invalid";
pub const CUSTOM_FIELD_DEFAULT_INVALID: &str = "custom_field_default_invalid";
pub const COLLECT_MODE_INVALID: &str = "collect_mode_invalid";
pub const SHIPPING_COUNTRIES_INVALID: &str = "shipping_countries_invalid";
pub const QUANTITY_BOUNDS_INVALID: &str = "quantity_bounds_invalid";
pub const QUANTITY_NEEDS_FIXED_PRICE: &str = "quantity_needs_fixed_price";
pub const SUBMIT_LABEL_INVALID: &str = "submit_label_invalid";
pub const AFTER_COMPLETION_INVALID: &str = "after_completion_invalid";
pub const AFTER_COMPLETION_CONFLICTS_SUCCESS_URL: &str = "after_completion_conflicts_success_url";
/// The account's `customer_data_retention_days` outside 0..=3650.
pub const CUSTOMER_DATA_RETENTION_DAYS_INVALID: &str = "customer_data_retention_days_invalid";

/// Every code of the customer's input, in the order above: the page's catalog covers each.
pub const CUSTOMER_CODES: &[&str] = &[
    EMAIL_REQUIRED,
    EMAIL_INVALID,
    EMAIL_TOO_LONG,
    NAME_REQUIRED,
    NAME_TOO_LONG,
    PHONE_REQUIRED,
    PHONE_INVALID,
    ADDRESS_REQUIRED,
    ADDRESS_LINE_REQUIRED,
    ADDRESS_CITY_REQUIRED,
    ADDRESS_POSTAL_CODE_REQUIRED,
    ADDRESS_TOO_LONG,
    COUNTRY_INVALID,
    COUNTRY_NOT_ALLOWED,
    CUSTOM_FIELD_REQUIRED,
    CUSTOM_FIELD_TOO_SHORT,
    CUSTOM_FIELD_TOO_LONG,
    CUSTOM_FIELD_NOT_NUMERIC,
    CUSTOM_FIELD_UNKNOWN_OPTION,
    CUSTOM_FIELD_UNKNOWN,
    FIELD_NOT_COLLECTED,
    QUANTITY_NOT_ADJUSTABLE,
    QUANTITY_BELOW_MINIMUM,
    QUANTITY_ABOVE_MAXIMUM,
    crate::text::CONTROL_CHARACTER,
];
