//! Postal addresses of the customer's input: the parts an address needs, their bounds, and
//! where it may be.

use crate::payer::check::{Errs, Need, Source, line};
use crate::payer::codes as c;
use crate::payer::config::CollectMode;
use crate::payer::country;
use crate::payer::input::{Address, AddressInput};
use crate::payer::messages as m;

impl Errs<'_> {
    pub(super) fn address(
        &mut self,
        param: &str,
        label: &str,
        mode: CollectMode,
        source: Source<AddressInput>,
        allowed: &[String],
    ) -> Option<Address> {
        let (raw, sent) = match source {
            Source::Sent(v) => (v, true),
            Source::Kept(v) => (v, false),
        };
        let raw = raw.filter(|a| !address_is_blank(a));
        match (mode, raw) {
            (CollectMode::Off, Some(_)) if sent => {
                self.add(param, c::FIELD_NOT_COLLECTED, label);
                None
            }
            (CollectMode::Off, _) | (_, None) => {
                if mode == CollectMode::Required && self.need == Need::Required {
                    self.add(param, c::ADDRESS_REQUIRED, label);
                }
                None
            }
            (_, Some(raw)) => self.address_parts(param, raw, allowed),
        }
    }

    fn address_parts(
        &mut self,
        at: &str,
        raw: AddressInput,
        allowed: &[String],
    ) -> Option<Address> {
        let before = self.list.len();
        let part = |errs: &mut Self,
                    name: &str,
                    label: &str,
                    text: Option<String>,
                    max,
                    required: Option<&str>| {
            let param = format!("{at}.{name}");
            let text = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
            match (text, required) {
                (None, Some(code)) => {
                    errs.add(&param, code, label);
                    None
                }
                (None, None) => None,
                (Some(t), _) => {
                    if let Some(code) = line(&t, max, c::ADDRESS_TOO_LONG) {
                        errs.add(&param, code, label);
                    }
                    Some(t)
                }
            }
        };
        let line1 = part(
            self,
            "line1",
            m::LINE1_LABEL,
            raw.line1,
            m::MAX_ADDRESS_LINE_CHARS,
            Some(c::ADDRESS_LINE_REQUIRED),
        );
        let line2 = part(
            self,
            "line2",
            m::LINE2_LABEL,
            raw.line2,
            m::MAX_ADDRESS_LINE_CHARS,
            None,
        );
        let city = part(
            self,
            "city",
            m::CITY_LABEL,
            raw.city,
            m::MAX_CITY_CHARS,
            Some(c::ADDRESS_CITY_REQUIRED),
        );
        let state = part(
            self,
            "state",
            m::STATE_LABEL,
            raw.state,
            m::MAX_STATE_CHARS,
            None,
        );
        let country_param = format!("{at}.country");
        let country = raw.country.as_deref().and_then(country::parse);
        match &country {
            None => self.add(&country_param, c::COUNTRY_INVALID, m::COUNTRY_LABEL),
            Some(code) if !allowed.is_empty() && !allowed.contains(code) => {
                self.add(&country_param, c::COUNTRY_NOT_ALLOWED, m::COUNTRY_LABEL)
            }
            Some(_) => {}
        }
        let postal_needed = country.as_deref().is_none_or(country::needs_postal_code);
        let postal_code = part(
            self,
            "postal_code",
            m::POSTAL_CODE_LABEL,
            raw.postal_code,
            m::MAX_POSTAL_CODE_CHARS,
            postal_needed.then_some(c::ADDRESS_POSTAL_CODE_REQUIRED),
        );
        if self.list.len() > before {
            return None;
        }
        Some(Address {
            line1: line1?,
            line2,
            city: city?,
            postal_code,
            state,
            country: country?,
        })
    }
}

fn address_is_blank(a: &AddressInput) -> bool {
    [
        &a.line1,
        &a.line2,
        &a.city,
        &a.postal_code,
        &a.state,
        &a.country,
    ]
    .iter()
    .all(|part| part.as_deref().is_none_or(|t| t.trim().is_empty()))
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
