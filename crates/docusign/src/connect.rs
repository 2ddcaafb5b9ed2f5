//! DocuSign Connect webhooks: HMAC signature check and the JSON SIM event.
//!
//! With HMAC enabled, Connect sends one header per active HMAC key of the account:
//! `X-DocuSign-Signature-1`, `X-DocuSign-Signature-2`, and so on. Each contains the base64
//! HMAC-SHA256 of the raw request body under one key. A message is authentic when the HMAC
//! under our key matches any of them, which keeps webhooks working while keys are rotated.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::Sha256;

use crate::Error;

/// Prefix of the Connect signature header names, lower-case as `HeaderMap` stores them.
const SIGNATURE_HEADER_PREFIX: &str = "x-docusign-signature-";

/// Checks that a Connect request was signed with `secret`.
///
/// `raw_body` must be the bytes as received: parsing and re-serializing the JSON changes the
/// HMAC. Each comparison runs in constant time.
///
/// # Errors
///
/// [`Error::ConnectSignatureMissing`] when no `X-DocuSign-Signature-N` header is present, and
/// [`Error::ConnectSignatureInvalid`] when none of them matches.
pub fn verify_connect_signature(secret: &SecretString, raw_body: &[u8], headers: &HeaderMap) -> Result<(), Error> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC-SHA256 accepts keys of any length");
    mac.update(raw_body);

    let signatures = headers
        .iter()
        .filter(|(name, _)| is_signature_header(name.as_str()))
        .map(|(_, value)| value)
        .collect::<Vec<_>>();
    if signatures.is_empty() {
        return Err(Error::ConnectSignatureMissing);
    }

    // Headers that are not valid base64 cannot match and are skipped.
    let matched = signatures
        .iter()
        .filter_map(|value| BASE64.decode(value.as_bytes()).ok())
        .any(|signature| mac.clone().verify_slice(&signature).is_ok());
    if matched {
        Ok(())
    } else {
        Err(Error::ConnectSignatureInvalid)
    }
}

/// Returns true for `x-docusign-signature-N` with N a positive number.
fn is_signature_header(name: &str) -> bool {
    name.strip_prefix(SIGNATURE_HEADER_PREFIX)
        .and_then(|index| index.parse::<u32>().ok())
        .is_some_and(|index| index >= 1)
}

/// Envelope status carried by a Connect event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeStatus {
    /// Sent to the signer. An embedded signer can now open a recipient view.
    Sent,
    /// The signer opened the envelope.
    Delivered,
    /// Every recipient finished, so the contract is signed.
    Completed,
    /// The signer declined to sign.
    Declined,
    /// The sender cancelled the envelope.
    Voided,
}

impl EnvelopeStatus {
    /// Parses a status as DocuSign spells it in `envelopeSummary.status`, such as `completed`.
    pub fn parse(status: &str) -> Option<Self> {
        match status.to_ascii_lowercase().as_str() {
            "sent" => Some(Self::Sent),
            "delivered" => Some(Self::Delivered),
            "completed" => Some(Self::Completed),
            "declined" => Some(Self::Declined),
            "voided" => Some(Self::Voided),
            _ => None,
        }
    }
}

/// A Connect event in the JSON SIM format (Connect configuration with `deliveryMode` SIM and
/// `eventData.version` restv2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectEvent {
    /// Event name, such as `envelope-completed` or `recipient-viewed`.
    pub event: String,
    pub envelope_id: String,
    /// `None` for events that do not report one of the statuses in [`EnvelopeStatus`], such as
    /// `envelope-created` or recipient events without an envelope summary.
    pub status: Option<EnvelopeStatus>,
    /// When DocuSign generated the event (ISO 8601, UTC), used to order late deliveries.
    pub generated_date_time: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SimMessage {
    event: String,
    #[serde(default)]
    generated_date_time: Option<String>,
    data: SimData,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SimData {
    envelope_id: String,
    #[serde(default)]
    envelope_summary: Option<SimEnvelopeSummary>,
}

#[derive(Debug, Deserialize)]
struct SimEnvelopeSummary {
    #[serde(default)]
    status: Option<String>,
}

/// Parses a Connect JSON SIM body. Verify the signature with [`verify_connect_signature`]
/// first.
///
/// The status comes from an `envelope-<status>` event name. For other events it comes from
/// `data.envelopeSummary.status` when the Connect configuration includes the summary.
pub fn parse_connect_event(raw_body: &[u8]) -> Result<ConnectEvent, Error> {
    let message: SimMessage =
        serde_json::from_slice(raw_body).map_err(|error| Error::InvalidConnectEvent(error.to_string()))?;

    let from_event_name = message.event.strip_prefix("envelope-").and_then(EnvelopeStatus::parse);
    let from_summary = message
        .data
        .envelope_summary
        .and_then(|summary| summary.status)
        .and_then(|status| EnvelopeStatus::parse(&status));

    Ok(ConnectEvent {
        status: from_event_name.or(from_summary),
        event: message.event,
        envelope_id: message.data.envelope_id,
        generated_date_time: message.generated_date_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_header_names() {
        assert!(is_signature_header("x-docusign-signature-1"));
        assert!(is_signature_header("x-docusign-signature-12"));
        assert!(!is_signature_header("x-docusign-signature-0"));
        assert!(!is_signature_header("x-docusign-signature-"));
        assert!(!is_signature_header("x-docusign-signature-a"));
        assert!(!is_signature_header("x-authorization-digest"));
    }

    #[test]
    fn envelope_status_parse_ignores_case() {
        assert_eq!(EnvelopeStatus::parse("Completed"), Some(EnvelopeStatus::Completed));
        assert_eq!(EnvelopeStatus::parse("created"), None);
    }
}
