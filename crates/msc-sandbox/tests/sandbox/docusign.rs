//! Signing through DocuSign: envelopes and recipient views against a DocuSign stand-in on
//! loopback (wiremock), and Connect events at `POST /connect/docusign`.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use docusign_esign::{DocuSignConfig, Environment};
use hmac::{Hmac, Mac};
use msc_sandbox::{DocuSignSettings, RunningSandbox, SandboxConfig};
use serde_json::{Value, json};
use shopper_types::upstream::operations::{CONTRACT, CREATE_CONTRACT, CREATE_SIGNING_SESSION, REPRICE_CONTRACT};
use tokio::sync::mpsc;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::*;

const ACCOUNT_ID: &str = "8a3b0f62-1c4d-4e5f-9a7b-2c3d4e5f6a7b";
const ENVELOPE_ID: &str = "93be49e8-4b4a-4e6b-8c0e-5b7f1d2a3c4d";
const CONNECT_KEY: &str = "connect-hmac-key-for-tests";
const RETURN_URL: &str = "http://127.0.0.1:9/signing/return?contract=ct_1&mode=redirect";

fn envelopes_path() -> String {
    format!("/restapi/v2.1/accounts/{ACCOUNT_ID}/envelopes")
}

fn recipient_view_path() -> String {
    format!("{}/{ENVELOPE_ID}/views/recipient", envelopes_path())
}

fn recipient_view_url(server: &MockServer) -> String {
    format!(
        "{}/Signing/MTRedeem/v1/4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d?slt=eyJ0eXAi",
        server.uri()
    )
}

/// Mounts the JWT grant, userinfo and recipient views. Envelope creation is mounted by each test.
async fn mount_docusign(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.sandbox-test",
            "token_type": "Bearer",
            "expires_in": 3600
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            "name": "Avery Collins",
            "email": "avery.collins@example.com",
            "accounts": [{
                "account_id": ACCOUNT_ID,
                "is_default": true,
                "account_name": "Summit Energy Partners",
                "base_uri": server.uri()
            }]
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(recipient_view_path()))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "url": recipient_view_url(server) })))
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

fn docusign_config(webhook_url: &str, server: &MockServer) -> SandboxConfig {
    let client = DocuSignConfig::new(
        "7c2b8d8e-1f4a-4b6c-9d0e-3a5b7c9d1e2f",
        "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        partner_key().private_pem.clone().into(),
        Environment::Demo,
        "http://127.0.0.1:9/docusign/consent",
    )
    .with_auth_base_url(server.uri());
    let settings = DocuSignSettings {
        client,
        connect_hmac_key: CONNECT_KEY.to_owned().into(),
    };
    SandboxConfig {
        docusign: Some(settings),
        ..config(webhook_url)
    }
}

async fn create_contract(base: &str, external_reference: &str) -> String {
    let price_id = comed_price_id(base).await;
    let created = graphql(base, CREATE_CONTRACT, contract_input(&price_id, external_reference)).await;
    assert!(created["errors"].is_null(), "{created}");
    created["data"]["createContract"]["id"].as_str().unwrap().to_owned()
}

async fn signing_session(base: &str, id: &str) -> Value {
    graphql(
        base,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": RETURN_URL }),
    )
    .await
}

async fn status(base: &str, id: &str) -> Value {
    graphql(base, CONTRACT, json!({ "id": id })).await["data"]["contract"]["status"].clone()
}

async fn sent_bodies(server: &MockServer, path_value: &str) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|request| request.method.as_str() == "POST" && request.url.path() == path_value)
        .map(|request| serde_json::from_slice(&request.body).unwrap())
        .collect()
}

/// A Connect JSON SIM event as DocuSign sends it for an envelope status.
fn connect_event(status: &str) -> String {
    json!({
        "event": format!("envelope-{status}"),
        "apiVersion": "v2.1",
        "uri": format!("/restapi/v2.1/accounts/{ACCOUNT_ID}/envelopes/{ENVELOPE_ID}"),
        "retryCount": 0,
        "configurationId": 10501,
        "generatedDateTime": "2025-03-04T17:25:40.1200000Z",
        "data": {
            "accountId": ACCOUNT_ID,
            "userId": "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            "envelopeId": ENVELOPE_ID,
            "envelopeSummary": { "status": status, "emailSubject": "Please sign your electricity supply contract" }
        }
    })
    .to_string()
}

fn connect_signature(key: &str, body: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

async fn post_connect(base: &str, body: &str, signature: Option<&str>) -> reqwest::Response {
    let mut request = client()
        .post(format!("{base}/connect/docusign"))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(signature) = signature {
        request = request.header("X-DocuSign-Signature-1", signature);
    }
    request.send().await.unwrap()
}

/// A sandbox in DocuSign mode with one contract that has an envelope.
async fn contract_with_envelope(
    webhook_url: &str,
    server: &MockServer,
    external_reference: &str,
) -> (RunningSandbox, String) {
    mount_docusign(server).await;
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(envelope_created())
        .mount(server)
        .await;
    let sandbox = msc_sandbox::spawn(docusign_config(webhook_url, server)).await.unwrap();
    let id = create_contract(&sandbox.base_url(), external_reference).await;
    let session = signing_session(&sandbox.base_url(), &id).await;
    assert!(session["errors"].is_null(), "{session}");
    (sandbox, id)
}

async fn webhook_statuses(receiver: &mut mpsc::UnboundedReceiver<ReceivedWebhook>, count: usize) -> Vec<String> {
    let mut statuses = Vec::new();
    for _ in 0..count {
        statuses.push(
            next_webhook(receiver).await.json()["status"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    statuses
}

#[tokio::test]
async fn session_is_recipient_view_of_one_envelope() {
    let server = MockServer::start().await;
    mount_docusign(&server).await;
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(envelope_created())
        .expect(1)
        .mount(&server)
        .await;
    let sandbox = msc_sandbox::spawn(docusign_config("http://127.0.0.1:9/webhooks", &server))
        .await
        .unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-docusign-view").await;

    let first = signing_session(&base, &id).await;
    let second = signing_session(&base, &id).await;

    for session in [&first, &second] {
        assert!(session["errors"].is_null(), "{session}");
        assert_eq!(
            session["data"]["createSigningSession"]["url"],
            recipient_view_url(&server).as_str()
        );
    }
    assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE");

    let envelopes = sent_bodies(&server, &envelopes_path()).await;
    assert_eq!(envelopes.len(), 1, "one envelope per contract");
    let envelope = &envelopes[0];
    assert_eq!(envelope["status"], "sent");
    let signer = &envelope["recipients"]["signers"][0];
    assert_eq!(signer["clientUserId"], id.as_str());
    assert_eq!(signer["name"], "Dana Whitfield");
    assert_eq!(signer["email"], "dana@lakeside-bakery.example");
    assert_eq!(signer["tabs"]["signHereTabs"][0]["anchorString"], "/sn1/");
    let document = BASE64
        .decode(envelope["documents"][0]["documentBase64"].as_str().unwrap())
        .unwrap();
    assert!(
        document.starts_with(b"%PDF-"),
        "the envelope's document is not the contract PDF"
    );
    assert_eq!(envelope["documents"][0]["name"], format!("contract-{id}.pdf"));

    let views = sent_bodies(&server, &recipient_view_path()).await;
    assert_eq!(views.len(), 2, "a fresh recipient view per session");
    for view in &views {
        assert_eq!(view["returnUrl"], RETURN_URL);
        assert_eq!(view["clientUserId"], id.as_str());
        assert_eq!(view["userName"], "Dana Whitfield");
    }
}

#[tokio::test]
async fn failed_envelope_is_retried_next_session() {
    let server = MockServer::start().await;
    mount_docusign(&server).await;
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({ "errorCode": "SERVICE_UNAVAILABLE", "message": "Try later." })),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(envelope_created())
        .with_priority(2)
        .mount(&server)
        .await;
    let sandbox = msc_sandbox::spawn(docusign_config("http://127.0.0.1:9/webhooks", &server))
        .await
        .unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-docusign-retry").await;

    let failed = signing_session(&base, &id).await;
    let retried = signing_session(&base, &id).await;

    assert_eq!(
        failed["errors"][0]["extensions"]["code"], "SIGNING_SERVICE_UNAVAILABLE",
        "{failed}"
    );
    assert!(retried["errors"].is_null(), "{retried}");
    assert_eq!(
        retried["data"]["createSigningSession"]["url"],
        recipient_view_url(&server).as_str()
    );
}

#[tokio::test]
async fn connect_completed_signs_contract_once() {
    let server = MockServer::start().await;
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let (sandbox, id) = contract_with_envelope(&webhook_url, &server, "ext-docusign-complete").await;
    let base = sandbox.base_url();
    let body = connect_event("completed");
    let signature = connect_signature(CONNECT_KEY, &body);

    let first = post_connect(&base, &body, Some(&signature)).await;
    let repeated = post_connect(&base, &body, Some(&signature)).await;

    assert_eq!(first.status(), 200);
    assert_eq!(repeated.status(), 200, "a repeated delivery is acknowledged");
    assert_eq!(
        webhook_statuses(&mut webhooks, 3).await,
        ["signed", "submitted_to_supplier", "accepted"]
    );
    let extra = tokio::time::timeout(Duration::from_millis(300), webhooks.recv()).await;
    assert!(extra.is_err(), "the repeated event sent another webhook: {extra:?}");
    assert_eq!(status(&base, &id).await, "ACCEPTED");
}

#[tokio::test]
async fn connect_declined_declines_contract() {
    let server = MockServer::start().await;
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let (sandbox, id) = contract_with_envelope(&webhook_url, &server, "ext-docusign-decline").await;
    let body = connect_event("declined");

    let response = post_connect(&sandbox.base_url(), &body, Some(&connect_signature(CONNECT_KEY, &body))).await;

    assert_eq!(response.status(), 200);
    assert_eq!(webhook_statuses(&mut webhooks, 1).await, ["declined"]);
    assert_eq!(status(&sandbox.base_url(), &id).await, "DECLINED");
}

#[tokio::test]
async fn connect_voided_cancels_contract() {
    let server = MockServer::start().await;
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let (sandbox, id) = contract_with_envelope(&webhook_url, &server, "ext-docusign-void").await;
    let body = connect_event("voided");

    let response = post_connect(&sandbox.base_url(), &body, Some(&connect_signature(CONNECT_KEY, &body))).await;

    assert_eq!(response.status(), 200);
    assert_eq!(webhook_statuses(&mut webhooks, 1).await, ["cancelled"]);
    assert_eq!(status(&sandbox.base_url(), &id).await, "CANCELLED");
}

#[tokio::test]
async fn connect_rejects_bad_signatures() {
    let server = MockServer::start().await;
    let (sandbox, id) = contract_with_envelope("http://127.0.0.1:9/webhooks", &server, "ext-docusign-forged").await;
    let base = sandbox.base_url();
    let body = connect_event("completed");

    let unsigned = post_connect(&base, &body, None).await;
    let wrong_key = post_connect(&base, &body, Some(&connect_signature("another-key", &body))).await;
    let other_body = post_connect(
        &base,
        &body,
        Some(&connect_signature(CONNECT_KEY, &connect_event("declined"))),
    )
    .await;

    assert_eq!(unsigned.status(), 401);
    assert_eq!(wrong_key.status(), 401);
    assert_eq!(other_body.status(), 401);
    assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE");
}

#[tokio::test]
async fn connect_not_served_without_docusign() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let body = connect_event("completed");

    let response = post_connect(&sandbox.base_url(), &body, Some(&connect_signature(CONNECT_KEY, &body))).await;

    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn reprice_voids_old_envelope() {
    let server = MockServer::start().await;
    mount_docusign(&server).await;
    const NEW_ENVELOPE_ID: &str = "c4d5e6f7-0a1b-4c2d-8e3f-4a5b6c7d8e9f";
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(envelope_created())
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(envelopes_path()))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "envelopeId": NEW_ENVELOPE_ID, "status": "sent" })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{}/{NEW_ENVELOPE_ID}/views/recipient", envelopes_path())))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "url": recipient_view_url(&server) })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("{}/{ENVELOPE_ID}", envelopes_path())))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "envelopeId": ENVELOPE_ID })))
        .expect(1)
        .mount(&server)
        .await;
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let sandbox = msc_sandbox::spawn(docusign_config(&webhook_url, &server)).await.unwrap();
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let id = create_contract(&base, "ext-docusign-reprice").await;
    assert!(signing_session(&base, &id).await["errors"].is_null());

    // A new broker fee gives the contract a new rate, as a new day's price would.
    let input = json!({ "input": { "contractId": id, "priceId": price_id, "brokerFee": 0.002 } });
    let repriced = graphql(&base, REPRICE_CONTRACT, input).await;
    assert!(repriced["errors"].is_null(), "{repriced}");
    assert!(signing_session(&base, &id).await["errors"].is_null());

    let envelopes = sent_bodies(&server, &envelopes_path()).await;
    assert_eq!(envelopes.len(), 2, "the new price needs a new envelope");
    let rate_query = "query Rate($id: ID!) { contract(id: $id) { rate } }";
    let rate = graphql(&base, rate_query, json!({ "id": id })).await["data"]["contract"]["rate"].as_f64().unwrap();
    let new_rate = format!("${rate:.5}");
    let old_rate = format!("${:.5}", rate - 0.002);
    let documents: Vec<String> = envelopes
        .iter()
        .map(|envelope| {
            let pdf = BASE64.decode(envelope["documents"][0]["documentBase64"].as_str().unwrap()).unwrap();
            String::from_utf8_lossy(&pdf).into_owned()
        })
        .collect();
    assert!(documents[0].contains(&old_rate), "the first envelope has the old rate {old_rate}");
    assert!(documents[1].contains(&new_rate), "the second envelope has the new rate {new_rate}");

    let voids: Vec<Value> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|request| request.method.as_str() == "PUT")
        .map(|request| serde_json::from_slice(&request.body).unwrap())
        .collect();
    assert_eq!(voids.len(), 1, "the old envelope is voided once");
    assert_eq!(voids[0]["status"], "voided");

    // DocuSign's Connect event for the void belongs to the old envelope, so the contract stays
    // signable at its new price.
    let body = connect_event("voided");
    let response = post_connect(&base, &body, Some(&connect_signature(CONNECT_KEY, &body))).await;
    assert_eq!(response.status(), 200);
    assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE");
    assert!(
        tokio::time::timeout(Duration::from_millis(500), webhooks.recv()).await.is_err(),
        "no status webhook for the old envelope's void"
    );
}
