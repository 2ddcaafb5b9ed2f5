//! Verification of the platform's `Msc-Signature` header:
//! `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
//!
//! Several `v1=` entries may be present while the platform rotates a secret; one match is
//! enough. The timestamp bounds replays of a captured webhook.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The largest accepted difference between the signature's timestamp and now, in seconds.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the header is not t=<unix seconds>,v1=<hex>")]
    Malformed,
    #[error("the timestamp is more than 5 minutes from now")]
    TimestampOutOfTolerance,
    #[error("no v1 signature matches")]
    Mismatch,
}

/// A parsed signature header.
#[derive(Debug)]
pub struct SignatureHeader {
    timestamp: i64,
    signatures: Vec<Vec<u8>>,
}

impl SignatureHeader {
    pub fn parse(header: &str) -> Result<SignatureHeader, SignatureError> {
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for part in header.split(',') {
            match part.trim().split_once('=') {
                Some(("t", value)) => timestamp = Some(value.parse::<i64>().map_err(|_| SignatureError::Malformed)?),
                Some(("v1", value)) => signatures.push(hex::decode(value).map_err(|_| SignatureError::Malformed)?),
                // Other schemes may be added by the platform later; they are skipped.
                Some(_) => {}
                None => return Err(SignatureError::Malformed),
            }
        }
        match timestamp {
            Some(timestamp) if !signatures.is_empty() => Ok(SignatureHeader { timestamp, signatures }),
            _ => Err(SignatureError::Malformed),
        }
    }

    /// Checks the timestamp against `now` (Unix seconds).
    pub fn check_timestamp(&self, now: i64) -> Result<(), SignatureError> {
        if (now - self.timestamp).abs() > TOLERANCE_SECONDS {
            return Err(SignatureError::TimestampOutOfTolerance);
        }
        Ok(())
    }

    /// Checks the signatures against `secret` in constant time.
    pub fn verify(&self, secret: &[u8], body: &[u8]) -> Result<(), SignatureError> {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
        mac.update(self.timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        let matched = self.signatures.iter().any(|signature| mac.clone().verify_slice(signature).is_ok());
        if matched { Ok(()) } else { Err(SignatureError::Mismatch) }
    }
}

/// Signs a body as the platform does; used by tests and tools that send webhooks.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_test";
    const BODY: &[u8] = br#"{"id":"evt_1"}"#;

    #[test]
    fn signed_body_verifies() {
        let header = SignatureHeader::parse(&sign(SECRET, 1_700_000_000, BODY)).unwrap();
        assert_eq!(header.check_timestamp(1_700_000_100), Ok(()));
        assert_eq!(header.verify(SECRET, BODY), Ok(()));
    }

    #[test]
    fn changed_body_or_secret_fails() {
        let header = SignatureHeader::parse(&sign(SECRET, 1_700_000_000, BODY)).unwrap();
        assert_eq!(header.verify(SECRET, br#"{"id":"evt_2"}"#), Err(SignatureError::Mismatch));
        assert_eq!(header.verify(b"another secret", BODY), Err(SignatureError::Mismatch));
    }

    #[test]
    fn old_timestamp_rejected() {
        let header = SignatureHeader::parse(&sign(SECRET, 1_700_000_000, BODY)).unwrap();
        assert_eq!(
            header.check_timestamp(1_700_000_000 + TOLERANCE_SECONDS + 1),
            Err(SignatureError::TimestampOutOfTolerance)
        );
    }

    #[test]
    fn malformed_headers_rejected() {
        for header in ["", "t=1", "v1=00", "t=abc,v1=00", "t=1,v1=zz", "garbage"] {
            assert_eq!(SignatureHeader::parse(header).unwrap_err(), SignatureError::Malformed, "{header:?}");
        }
    }

    #[test]
    fn any_of_several_signatures_matches() {
        let signed = sign(SECRET, 1_700_000_000, BODY);
        let (_, good) = signed.split_once(",v1=").unwrap();
        let header = format!("t=1700000000,v1={},v1={good}", "00".repeat(32));
        assert_eq!(SignatureHeader::parse(&header).unwrap().verify(SECRET, BODY), Ok(()));
    }
}
