//! Countries of addresses: ISO 3166-1 alpha-2 codes, and where no postal code is used.

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted, and `XK` (Kosovo: user-assigned
/// in the standard, but what its residents' addresses and card networks use).
pub const CODES: [&str; 250] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Countries known to use no postal codes: their addresses need none. Elsewhere one is needed.
pub const WITHOUT_POSTAL_CODE: [&str; 10] =
    ["AE", "AG", "AO", "BS", "BZ", "FJ", "HK", "MO", "QA", "ZW"];

/// `raw` trimmed and upper-cased when it is one of [`CODES`].
pub fn parse(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    CODES.binary_search(&code.as_str()).is_ok().then_some(code)
}

/// Whether an address in `country` (a code of [`CODES`]) needs a postal code.
pub fn needs_postal_code(country: &str) -> bool {
    !WITHOUT_POSTAL_CODE.contains(&country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_sorted_unique_and_two_upper_case_letters() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            CODES
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn real_codes_parse_in_either_case_and_others_do_not() {
        assert_eq!(parse("de").as_deref(), Some("DE"));
        assert_eq!(parse(" FR ").as_deref(), Some("FR"));
        for bad in ["", "D", "DEU", "XX", "ZZ", "UK", "E1", "dé"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn countries_without_postal_codes_are_real_codes() {
        assert!(WITHOUT_POSTAL_CODE.iter().all(|c| parse(c).is_some()));
        assert!(!needs_postal_code("HK"));
        assert!(needs_postal_code("DE"));
    }
}
