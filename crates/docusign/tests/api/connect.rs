//! Connect webhooks: HMAC signature headers and JSON SIM events.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use docusign_esign::{EnvelopeStatus, Error, parse_connect_event, verify_connect_signature};
use hmac::{Hmac, Mac};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;
use sha2::Sha256;

const HMAC_KEY: &str = "connect-hmac-key";

/// A JSON SIM `envelope-completed` message as Connect sends it.
const COMPLETED_BODY: &str = r#"{"event":"envelope-completed","apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/8a3b0f62-1c4d-4e5f-9a7b-2c3d4e5f6a7b/envelopes/93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d","retryCount":0,"configurationId":10418724,"generatedDateTime":"2025-03-04T17:22:51.4170000Z","data":{"accountId":"8a3b0f62-1c4d-4e5f-9a7b-2c3d4e5f6a7b","userId":"5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","envelopeId":"93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d"}}"#;

/// Base64 HMAC-SHA256 of `COMPLETED_BODY` under `HMAC_KEY`, computed with
/// `openssl dgst -sha256 -hmac connect-hmac-key -binary | base64`.
const COMPLETED_SIGNATURE: &str = "dZgoSZfiU15JKDhF5aQMTV9aWQ3JHXK8eYA4SP9njR0=";

fn secret() -> SecretString {
    SecretString::from(HMAC_KEY.to_owned())
}

fn sign(key: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body);
    BASE64.encode(mac.finalize().into_bytes())
}

fn headers(signatures: &[(&str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("x-authorization-digest", HeaderValue::from_static("HMACSHA256"));
    for (name, value) in signatures {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
    }
    headers
}

#[test]
fn known_signature_accepted() {
    let headers = headers(&[("X-DocuSign-Signature-1", COMPLETED_SIGNATURE)]);

    let result = verify_connect_signature(&secret(), COMPLETED_BODY.as_bytes(), &headers);

    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn second_of_two_headers_accepted() {
    let other_key_signature = sign("rotated-out-key", COMPLETED_BODY.as_bytes());
    let headers = headers(&[
        ("X-DocuSign-Signature-1", other_key_signature.as_str()),
        ("X-DocuSign-Signature-2", COMPLETED_SIGNATURE),
    ]);

    let result = verify_connect_signature(&secret(), COMPLETED_BODY.as_bytes(), &headers);

    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn tampered_body_rejected() {
    let headers = headers(&[("X-DocuSign-Signature-1", COMPLETED_SIGNATURE)]);
    let tampered = COMPLETED_BODY.replace("envelope-completed", "envelope-declined");

    let result = verify_connect_signature(&secret(), tampered.as_bytes(), &headers);

    assert!(matches!(result, Err(Error::ConnectSignatureInvalid)), "{result:?}");
}

#[test]
fn wrong_key_rejected() {
    let headers = headers(&[("X-DocuSign-Signature-1", COMPLETED_SIGNATURE)]);
    let wrong_key = SecretString::from("another-key".to_owned());

    let result = verify_connect_signature(&wrong_key, COMPLETED_BODY.as_bytes(), &headers);

    assert!(matches!(result, Err(Error::ConnectSignatureInvalid)), "{result:?}");
}

#[test]
fn missing_header_rejected() {
    let headers = headers(&[]);

    let result = verify_connect_signature(&secret(), COMPLETED_BODY.as_bytes(), &headers);

    assert!(matches!(result, Err(Error::ConnectSignatureMissing)), "{result:?}");
}

#[test]
fn malformed_header_rejected() {
    let headers = headers(&[("X-DocuSign-Signature-1", "not base64 !")]);

    let result = verify_connect_signature(&secret(), COMPLETED_BODY.as_bytes(), &headers);

    assert!(matches!(result, Err(Error::ConnectSignatureInvalid)), "{result:?}");
}

#[test]
fn completed_event_parsed() {
    let event = parse_connect_event(COMPLETED_BODY.as_bytes()).expect("event");

    assert_eq!(event.event, "envelope-completed");
    assert_eq!(event.envelope_id, "93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d");
    assert_eq!(event.status, Some(EnvelopeStatus::Completed));
    assert_eq!(
        event.generated_date_time.as_deref(),
        Some("2025-03-04T17:22:51.4170000Z")
    );
}

#[test]
fn envelope_status_events_parsed() {
    let cases = [
        ("envelope-sent", EnvelopeStatus::Sent),
        ("envelope-delivered", EnvelopeStatus::Delivered),
        ("envelope-completed", EnvelopeStatus::Completed),
        ("envelope-declined", EnvelopeStatus::Declined),
        ("envelope-voided", EnvelopeStatus::Voided),
    ];
    for (name, expected) in cases {
        let body = COMPLETED_BODY.replace("envelope-completed", name);

        let event = parse_connect_event(body.as_bytes()).expect("event");

        assert_eq!(event.status, Some(expected), "event {name}");
    }
}

#[test]
fn recipient_event_uses_summary_status() {
    let body = r#"{"event":"recipient-completed","generatedDateTime":"2025-03-04T17:22:50.1000000Z","data":{"envelopeId":"93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d","recipientId":"1","envelopeSummary":{"status":"completed","emailSubject":"Please sign"}}}"#;

    let event = parse_connect_event(body.as_bytes()).expect("event");

    assert_eq!(event.event, "recipient-completed");
    assert_eq!(event.status, Some(EnvelopeStatus::Completed));
}

#[test]
fn event_without_status_parsed() {
    let body = COMPLETED_BODY.replace("envelope-completed", "envelope-created");

    let event = parse_connect_event(body.as_bytes()).expect("event");

    assert_eq!(event.status, None);
}

#[test]
fn body_without_envelope_id_rejected() {
    let body = r#"{"event":"envelope-completed","data":{"accountId":"8a3b0f62"}}"#;

    let result = parse_connect_event(body.as_bytes());

    assert!(matches!(result, Err(Error::InvalidConnectEvent(_))), "{result:?}");
}
