//! The customer-facing sentence of each input code, and the rules a browser can enforce
//! itself: the pay page renders both, so what the customer reads as they type is what the API
//! would answer.

use crate::payer::codes as c;

pub use crate::api::sessions::fields::MAX_EMAIL_CHARS;

/// Most characters in a name.
pub const MAX_NAME_CHARS: usize = 100;
/// Most characters in a phone number as typed, separators included.
pub const MAX_PHONE_CHARS: usize = 30;
/// Fewest and most digits in a phone number (E.164 allows 15).
pub const MIN_PHONE_DIGITS: usize = 7;
pub const MAX_PHONE_DIGITS: usize = 15;
/// Most characters in an address's `line1`, `line2`, `city`, `postal_code` and `state`.
pub const MAX_ADDRESS_LINE_CHARS: usize = 200;
pub const MAX_CITY_CHARS: usize = 100;
pub const MAX_POSTAL_CODE_CHARS: usize = 20;
pub const MAX_STATE_CHARS: usize = 100;

/// An HTML `pattern` (matched whole, with the `v` flag) equal to the API's phone rule on a
/// trimmed value: an optional leading `+`, then 7 to 15 digits among spaces, dashes, dots and
/// parentheses. Pair it with `maxlength` [`MAX_PHONE_CHARS`].
pub const PHONE_PATTERN: &str = r"\+?[ \(\)\.\-]*(?:[0-9][ \(\)\.\-]*){7,15}";
/// An HTML `pattern` for a numeric custom field: digits only.
pub const NUMERIC_PATTERN: &str = "[0-9]*";

/// The labels the API's messages use for the built-in details.
pub const EMAIL_LABEL: &str = "Email";
pub const NAME_LABEL: &str = "Name";
pub const PHONE_LABEL: &str = "Phone";
pub const BILLING_ADDRESS_LABEL: &str = "Billing address";
pub const SHIPPING_ADDRESS_LABEL: &str = "Shipping address";
pub const LINE1_LABEL: &str = "Address";
pub const LINE2_LABEL: &str = "Address line 2";
pub const CITY_LABEL: &str = "City";
pub const POSTAL_CODE_LABEL: &str = "Postal code";
pub const STATE_LABEL: &str = "State or region";
pub const COUNTRY_LABEL: &str = "Country";
pub const QUANTITY_LABEL: &str = "Quantity";

/// The sentence for `code` about the field labelled `label` (a built-in label above, or a
/// custom field's own); a code outside [`c::CUSTOMER_CODES`] gets a general sentence.
pub fn message(code: &str, label: &str) -> String {
    match code {
        c::EMAIL_REQUIRED
        | c::NAME_REQUIRED
        | c::PHONE_REQUIRED
        | c::ADDRESS_REQUIRED
        | c::ADDRESS_LINE_REQUIRED
        | c::ADDRESS_CITY_REQUIRED
        | c::ADDRESS_POSTAL_CODE_REQUIRED
        | c::CUSTOM_FIELD_REQUIRED => format!("{label} is required."),
        c::EMAIL_INVALID => "Enter an email address such as name@example.com.".to_owned(),
        c::EMAIL_TOO_LONG => format!("An email address has at most {MAX_EMAIL_CHARS} characters."),
        c::NAME_TOO_LONG => format!("A name has at most {MAX_NAME_CHARS} characters."),
        c::PHONE_INVALID => format!(
            "Enter a phone number of {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits, such as +49 30 1234567."
        ),
        c::ADDRESS_TOO_LONG | c::CUSTOM_FIELD_TOO_LONG => format!("{label} is too long."),
        c::COUNTRY_INVALID => "Choose a country.".to_owned(),
        c::COUNTRY_NOT_ALLOWED => "This merchant does not ship to that country.".to_owned(),
        c::CUSTOM_FIELD_TOO_SHORT => format!("{label} is too short."),
        c::CUSTOM_FIELD_NOT_NUMERIC => format!("{label} takes digits only."),
        c::CUSTOM_FIELD_UNKNOWN_OPTION => format!("Choose one of the options for {label}."),
        c::CUSTOM_FIELD_UNKNOWN => format!("This form has no field named {label}."),
        c::FIELD_NOT_COLLECTED => format!("{label} is not asked for here."),
        c::QUANTITY_NOT_ADJUSTABLE => "The quantity of this purchase cannot change.".to_owned(),
        c::QUANTITY_BELOW_MINIMUM => format!("{label} is below the minimum."),
        c::QUANTITY_ABOVE_MAXIMUM => format!("{label} is above the maximum."),
        crate::text::CONTROL_CHARACTER => {
            format!("{label} holds a character that cannot be typed.")
        }
        _ => format!("Check {label}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_customer_code_has_its_own_sentence() {
        for code in c::CUSTOMER_CODES {
            let text = message(code, "Company");
            assert_ne!(
                text, "Check Company.",
                "{code} falls back to the general sentence"
            );
            assert!(text.ends_with('.'), "{code}: {text}");
        }
    }

    #[test]
    fn the_label_is_named_where_the_sentence_is_about_one_field() {
        assert_eq!(
            message(c::CUSTOM_FIELD_REQUIRED, "Company"),
            "Company is required."
        );
        assert_eq!(
            message(c::CUSTOM_FIELD_NOT_NUMERIC, "Order no."),
            "Order no. takes digits only."
        );
    }
}
