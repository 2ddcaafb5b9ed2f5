//! Envelope creation and recipient views on the eSignature REST API v2.1.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use docusign_esign::{DocuSignClient, EnvelopeRequest, Error, SignHere, Signer};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{ACCESS_TOKEN, ACCOUNT_ID, config_for, mount_token_and_userinfo, requests_to};

const ENVELOPE_ID: &str = "93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d";
const CONTRACT_PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
const SIGNING_URL: &str =
    "https://demo.docusign.net/Signing/MTRedeem/v1/4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d?slt=eyJ0eXAi";

fn envelopes_path() -> String {
    format!("/restapi/v2.1/accounts/{ACCOUNT_ID}/envelopes")
}

fn recipient_view_path() -> String {
    format!("{}/{ENVELOPE_ID}/views/recipient", envelopes_path())
}

fn signer() -> Signer {
    Signer {
        name: "Dana Whitfield".to_owned(),
        email: "dana.whitfield@example.com".to_owned(),
        client_user_id: "contract-0f8e7d6c".to_owned(),
    }
}

fn envelope_request(sign_here: SignHere) -> EnvelopeRequest {
    EnvelopeRequest {
        email_subject: "Please sign your electricity supply contract".to_owned(),
        document_name: "contract.pdf".to_owned(),
        document_pdf: CONTRACT_PDF.to_vec(),
        signer: signer(),
        sign_here,
    }
}

async fn mount_envelopes(server: &MockServer, response: ResponseTemplate, expected_calls: u64) {
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
        .respond_with(response)
        .expect(expected_calls)
        .mount(server)
        .await;
}

fn envelope_created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({
        "envelopeId": ENVELOPE_ID,
        "uri": format!("/envelopes/{ENVELOPE_ID}"),
        "statusDateTime": "2025-03-04T17:20:11.5530000Z",
        "status": "sent"
    }))
}

async fn sent_json(server: &MockServer, path_value: &str) -> Value {
    let requests = requests_to(server, "POST", path_value).await;
    assert_eq!(requests.len(), 1, "one POST to {path_value}");
    serde_json::from_slice(&requests[0].body).expect("JSON body")
}

#[tokio::test]
async fn envelope_body_has_document_and_embedded_signer() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    mount_envelopes(&server, envelope_created(), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 10,
        y_offset: -5,
    };

    let envelope_id = client
        .create_envelope(&envelope_request(anchor))
        .await
        .expect("envelope");

    assert_eq!(envelope_id, ENVELOPE_ID);
    let body = sent_json(&server, &envelopes_path()).await;
    assert_eq!(body["status"], "sent");
    assert_eq!(body["emailSubject"], "Please sign your electricity supply contract");

    let document = &body["documents"][0];
    let pdf = BASE64
        .decode(document["documentBase64"].as_str().unwrap())
        .expect("base64");
    assert_eq!(pdf, CONTRACT_PDF);
    assert_eq!(document["documentId"], "1");
    assert_eq!(document["fileExtension"], "pdf");
    assert_eq!(document["name"], "contract.pdf");

    let signers = body["recipients"]["signers"].as_array().expect("signers");
    assert_eq!(signers.len(), 1);
    let signer = &signers[0];
    assert_eq!(signer["clientUserId"], "contract-0f8e7d6c");
    assert_eq!(signer["email"], "dana.whitfield@example.com");
    assert_eq!(signer["name"], "Dana Whitfield");
    assert_eq!(signer["recipientId"], "1");

    let tab = &signer["tabs"]["signHereTabs"][0];
    assert_eq!(tab["anchorString"], "/sn1/");
    assert_eq!(tab["anchorUnits"], "pixels");
    assert_eq!(tab["anchorXOffset"], "10");
    assert_eq!(tab["anchorYOffset"], "-5");
    assert!(tab.get("xPosition").is_none());
}

#[tokio::test]
async fn envelope_fixed_sign_here_position() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    mount_envelopes(&server, envelope_created(), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let position = SignHere::Position {
        page: 2,
        x: 120,
        y: 640,
    };

    client
        .create_envelope(&envelope_request(position))
        .await
        .expect("envelope");

    let body = sent_json(&server, &envelopes_path()).await;
    let tab = &body["recipients"]["signers"][0]["tabs"]["signHereTabs"][0];
    assert_eq!(tab["documentId"], "1");
    assert_eq!(tab["pageNumber"], "2");
    assert_eq!(tab["xPosition"], "120");
    assert_eq!(tab["yPosition"], "640");
    assert!(tab.get("anchorString").is_none());
}

#[tokio::test]
async fn recipient_view_returns_url() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    Mock::given(method("POST"))
        .and(path(recipient_view_path()))
        .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"url": SIGNING_URL})))
        .expect(1)
        .mount(&server)
        .await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let return_url = "http://127.0.0.1:8080/demo?cs_contract=0f8e7d6c";

    let url = client
        .create_recipient_view(ENVELOPE_ID, &signer(), return_url)
        .await
        .expect("recipient view");

    assert_eq!(url, SIGNING_URL);
    let body = sent_json(&server, &recipient_view_path()).await;
    assert_eq!(body["returnUrl"], return_url);
    assert_eq!(body["clientUserId"], "contract-0f8e7d6c");
    assert_eq!(body["authenticationMethod"], "none");
    assert_eq!(body["email"], "dana.whitfield@example.com");
    assert_eq!(body["userName"], "Dana Whitfield");
}

#[tokio::test]
async fn userinfo_requested_once_for_two_calls() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    mount_envelopes(&server, envelope_created(), 2).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 0,
        y_offset: 0,
    };

    client
        .create_envelope(&envelope_request(anchor.clone()))
        .await
        .expect("first");
    client.create_envelope(&envelope_request(anchor)).await.expect("second");

    assert_eq!(requests_to(&server, "GET", "/oauth/userinfo").await.len(), 1);
    assert_eq!(requests_to(&server, "POST", "/oauth/token").await.len(), 1);
}

#[tokio::test]
async fn api_error_is_not_retried() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    let error_body = json!({
        "errorCode": "ENVELOPE_IS_INCOMPLETE",
        "message": "The Envelope is not Complete. A Complete Envelope Requires Documents, Recipients, Tabs, and a Subject Line."
    });
    mount_envelopes(&server, ResponseTemplate::new(400).set_body_json(error_body), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 0,
        y_offset: 0,
    };

    let error = client
        .create_envelope(&envelope_request(anchor))
        .await
        .expect_err("rejected");

    let Error::Api {
        status,
        error_code,
        message,
        ..
    } = &error
    else {
        panic!("expected Api error, got {error:?}");
    };
    assert_eq!(*status, 400);
    assert_eq!(error_code, "ENVELOPE_IS_INCOMPLETE");
    assert!(message.starts_with("The Envelope is not Complete"), "{message}");
}

#[tokio::test]
async fn server_error_is_not_retried() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    mount_envelopes(&server, ResponseTemplate::new(503).set_body_string("busy"), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 0,
        y_offset: 0,
    };

    let error = client
        .create_envelope(&envelope_request(anchor))
        .await
        .expect_err("fails");

    let Error::Api {
        status,
        error_code,
        message,
        ..
    } = &error
    else {
        panic!("expected Api error, got {error:?}");
    };
    assert_eq!(*status, 503);
    assert_eq!(error_code, "UNKNOWN");
    assert_eq!(message, "busy");
}

#[tokio::test]
async fn unauthorized_drops_cached_token() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    let unauthorized = json!({
        "errorCode": "USER_AUTHENTICATION_FAILED",
        "message": "One or both of Username and Password are invalid. Invalid access token"
    });
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(ResponseTemplate::new(401).set_body_json(unauthorized))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    mount_envelopes(&server, envelope_created(), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 0,
        y_offset: 0,
    };

    let error = client
        .create_envelope(&envelope_request(anchor.clone()))
        .await
        .expect_err("401");
    let envelope_id = client.create_envelope(&envelope_request(anchor)).await.expect("retry");

    assert!(matches!(error, Error::Api { status: 401, .. }), "{error:?}");
    assert_eq!(envelope_id, ENVELOPE_ID);
    assert_eq!(requests_to(&server, "POST", "/oauth/token").await.len(), 2);
}

#[tokio::test]
async fn slow_response_times_out() {
    let server = MockServer::start().await;
    mount_token_and_userinfo(&server).await;
    let slow = envelope_created().set_delay(Duration::from_secs(3));
    mount_envelopes(&server, slow, 1).await;
    let mut config = config_for(&server);
    config.request_timeout = Duration::from_millis(300);
    let client = DocuSignClient::new(config).unwrap();
    let anchor = SignHere::Anchor {
        text: "/sn1/".to_owned(),
        x_offset: 0,
        y_offset: 0,
    };

    let error = client
        .create_envelope(&envelope_request(anchor))
        .await
        .expect_err("timeout");

    let Error::Http { source, .. } = &error else {
        panic!("expected Http error, got {error:?}");
    };
    assert!(source.is_timeout(), "{source:?}");
}

fn envelope_path() -> String {
    format!("{}/{ENVELOPE_ID}", envelopes_path())
}

/// Mounts `PUT .../envelopes/{ENVELOPE_ID}`, which voids the envelope, and starts a client.
async fn client_with_void_response(server: &MockServer, response: ResponseTemplate) -> DocuSignClient {
    mount_token_and_userinfo(server).await;
    Mock::given(method("PUT"))
        .and(path(envelope_path()))
        .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
    DocuSignClient::new(config_for(server)).unwrap()
}

#[tokio::test]
async fn void_sends_status_and_reason() {
    let server = MockServer::start().await;
    let voided = ResponseTemplate::new(200).set_body_json(json!({ "envelopeId": ENVELOPE_ID }));
    let client = client_with_void_response(&server, voided).await;

    client
        .void_envelope(ENVELOPE_ID, "The price changed; a new contract replaces this one.")
        .await
        .expect("voided");

    let requests = requests_to(&server, "PUT", &envelope_path()).await;
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        json!({ "status": "voided", "voidedReason": "The price changed; a new contract replaces this one." })
    );
}

#[tokio::test]
async fn void_of_completed_envelope_is_api_error() {
    let server = MockServer::start().await;
    let invalid_state = json!({
        "errorCode": "ENVELOPE_CANNOT_VOID_INVALID_STATE",
        "message": "Only envelopes in the 'Sent' or 'Delivered' states may be voided."
    });
    let client = client_with_void_response(&server, ResponseTemplate::new(400).set_body_json(invalid_state)).await;

    let error = client
        .void_envelope(ENVELOPE_ID, "Price changed")
        .await
        .expect_err("completed");

    let Error::Api { status, error_code, .. } = &error else {
        panic!("expected Api error, got {error:?}");
    };
    assert_eq!(*status, 400);
    assert_eq!(error_code, "ENVELOPE_CANNOT_VOID_INVALID_STATE");
}

#[tokio::test]
async fn void_error_details_is_api_error() {
    let server = MockServer::start().await;
    let summary = json!({
        "envelopeId": ENVELOPE_ID,
        "errorDetails": {
            "errorCode": "ENVELOPE_DOES_NOT_EXIST",
            "message": "The envelope specified either does not exist or you have no rights to it."
        }
    });
    let client = client_with_void_response(&server, ResponseTemplate::new(200).set_body_json(summary)).await;

    let error = client
        .void_envelope(ENVELOPE_ID, "Price changed")
        .await
        .expect_err("not voided");

    assert!(
        matches!(&error, Error::Api { error_code, .. } if error_code == "ENVELOPE_DOES_NOT_EXIST"),
        "{error:?}"
    );
}
