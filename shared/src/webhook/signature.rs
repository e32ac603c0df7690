//! Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "{id}.{timestamp}.{body}">`, keyed by the bytes of a `whsec_<base64>` secret, so merchants can
//! verify with the existing Standard Webhooks libraries.

use core::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "whsec_";

/// An endpoint's signing secret. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningSecret(Vec<u8>);

impl SigningSecret {
    /// A new secret from 32 caller-supplied random bytes (the worker's CSPRNG).
    pub fn generate(random: [u8; 32]) -> Self {
        Self(random.to_vec())
    }

    /// `whsec_<base64>` (the prefix may be left out, as the reference libraries allow);
    /// 24 to 64 key bytes.
    pub fn parse(text: &str) -> Option<Self> {
        let encoded = text.strip_prefix(PREFIX).unwrap_or(text);
        let bytes = STANDARD.decode(encoded).ok()?;
        (24..=64).contains(&bytes.len()).then_some(Self(bytes))
    }

    /// The form shown once to the merchant and stored for signing.
    pub fn reveal(&self) -> String {
        format!("{PREFIX}{}", STANDARD.encode(&self.0))
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length: this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!())
    }
}

impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningSecret(…)")
    }
}

fn digest(secret: &SigningSecret, id: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    let mut mac = secret.mac();
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// One `v1,<base64>` signature of a message.
pub fn sign(secret: &SigningSecret, id: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1,{}",
        STANDARD.encode(digest(secret, id, timestamp, body))
    )
}

/// Why a delivery does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyError {
    /// The timestamp is further than the tolerance from now (replay protection).
    Timestamp,
    /// No `v1` signature in the header matches any of the secrets.
    Signature,
}

/// Checks a `webhook-signature` header (space-separated `v1,<base64>` entries; during a
/// rotation there are several) against each secret, in constant time per comparison.
pub fn verify(
    secrets: &[SigningSecret],
    header: &str,
    id: &str,
    timestamp: i64,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<(), VerifyError> {
    if (now - timestamp).abs() > tolerance_secs {
        return Err(VerifyError::Timestamp);
    }
    let given: Vec<Vec<u8>> = header
        .split(' ')
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|b64| STANDARD.decode(b64).ok())
        .collect();
    for secret in secrets {
        for signature in &given {
            let mut mac = secret.mac();
            mac.update(id.as_bytes());
            mac.update(b".");
            mac.update(timestamp.to_string().as_bytes());
            mac.update(b".");
            mac.update(body);
            if mac.verify_slice(signature).is_ok() {
                return Ok(());
            }
        }
    }
    Err(VerifyError::Signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The Standard Webhooks reference vector, reproduced by its libraries in every language.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn secret() -> SigningSecret {
        SigningSecret::parse(SECRET).unwrap()
    }

    #[test]
    fn the_published_test_vector_is_reproduced_exactly() {
        assert_eq!(sign(&secret(), ID, TIMESTAMP, BODY), SIGNATURE);
    }

    #[test]
    fn the_vector_verifies_and_any_change_breaks_it() {
        let ok = |header: &str, id: &str, body: &[u8]| {
            verify(&[secret()], header, id, TIMESTAMP, body, TIMESTAMP, 300)
        };
        assert_eq!(ok(SIGNATURE, ID, BODY), Ok(()));
        assert_eq!(
            ok(SIGNATURE, "msg_other", BODY),
            Err(VerifyError::Signature)
        );
        assert_eq!(
            ok(SIGNATURE, ID, br#"{"test": 2432232315}"#),
            Err(VerifyError::Signature)
        );
        assert_eq!(
            ok("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", ID, BODY),
            Err(VerifyError::Signature)
        );
    }

    #[test]
    fn one_matching_entry_among_several_is_enough_as_during_a_rotation() {
        let header = format!("v1,bm9wZQ== {SIGNATURE}");
        assert_eq!(
            verify(&[secret()], &header, ID, TIMESTAMP, BODY, TIMESTAMP, 300),
            Ok(())
        );
        let old = SigningSecret::generate([9; 32]);
        assert_eq!(
            verify(
                &[old, secret()],
                SIGNATURE,
                ID,
                TIMESTAMP,
                BODY,
                TIMESTAMP,
                300
            ),
            Ok(())
        );
    }

    #[test]
    fn timestamps_outside_the_tolerance_are_refused() {
        let late = verify(
            &[secret()],
            SIGNATURE,
            ID,
            TIMESTAMP,
            BODY,
            TIMESTAMP + 301,
            300,
        );
        assert_eq!(late, Err(VerifyError::Timestamp));
        let early = verify(
            &[secret()],
            SIGNATURE,
            ID,
            TIMESTAMP,
            BODY,
            TIMESTAMP - 301,
            300,
        );
        assert_eq!(early, Err(VerifyError::Timestamp));
    }

    #[test]
    fn secrets_round_trip_with_the_prefix_and_never_print() {
        let generated = SigningSecret::generate([7; 32]);
        let shown = generated.reveal();
        assert!(shown.starts_with("whsec_"));
        assert_eq!(SigningSecret::parse(&shown), Some(generated.clone()));
        assert_eq!(
            SigningSecret::parse(shown.trim_start_matches("whsec_")),
            Some(generated.clone())
        );
        assert_eq!(format!("{generated:?}"), "SigningSecret(…)");
    }

    #[test]
    fn malformed_or_short_secrets_are_refused() {
        for bad in ["whsec_", "whsec_not base64!", "whsec_c2hvcnQ=", ""] {
            assert_eq!(SigningSecret::parse(bad), None, "{bad}");
        }
    }
}
