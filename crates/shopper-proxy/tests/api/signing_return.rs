//! The proxy's signing return page in both signing modes, the partner's signing mode setting,
//! and signing URLs that are never stored.

use reqwest::Response;
use serde_json::{Value, json};
use shopper_types::ContractStatus;
use shopper_types::api::{PartnerConfig, SigningMode, SigningSession};

use crate::helpers::{
    ALLOWED_ORIGIN, TestApp, WEBHOOKS_HELD_BACK, spawn_app, spawn_app_with_partners, spawn_app_with_webhook_delay,
};
use crate::signing::{follow_return, press, return_url, signing_session, wait_for_status};

/// The return page URL as the proxy builds it, with the event a ceremony would add.
fn return_page_url(app: &TestApp, contract_id: &str, page: &str, mode: &str, event: &str) -> String {
    let mut url = reqwest::Url::parse(&format!("{}/signing/return", app.address)).unwrap();
    url.query_pairs_mut()
        .append_pair("contract", contract_id)
        .append_pair("page", page)
        .append_pair("mode", mode)
        .append_pair("event", event);
    url.to_string()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response.headers().get(name).map(|value| value.to_str().unwrap()).unwrap_or_default()
}

async fn popup_session(app: &TestApp, contract_id: &str) -> SigningSession {
    let response = app
        .post(&format!("/v1/contracts/{contract_id}/signing-session"))
        .header("Origin", ALLOWED_ORIGIN)
        .json(&json!({ "return_url": return_url(contract_id), "mode": "popup" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "signing session failed: {}", response.text().await.unwrap());
    response.json().await.unwrap()
}

#[tokio::test]
async fn redirect_mode_sends_outcome_to_page() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "sign").await;

    let response = app.client.get(&location).send().await.unwrap();

    assert_eq!(response.status(), 303);
    assert_eq!(header(&response, "location"), format!("{}&event=signing_complete", return_url(&contract.id)));
    let policy = header(&response, "content-security-policy");
    assert!(policy.contains("frame-ancestors http://127.0.0.1:* http://localhost:*"), "{policy}");
    assert!(response.headers().get("x-frame-options").is_none());
    assert_eq!(header(&response, "cache-control"), "no-store");
}

#[tokio::test]
async fn popup_mode_posts_to_opener() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let session = popup_session(&app, &contract.id).await;
    let location = press(&app, &session, "sign").await;
    assert!(location.contains("mode=popup"), "{location}");

    let response = app.client.get(&location).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/html"));
    assert!(response.headers().get("x-frame-options").is_none());
    let policy = header(&response, "content-security-policy").to_owned();
    assert!(policy.contains("frame-ancestors http://127.0.0.1:* http://localhost:*"), "{policy}");
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a script nonce");
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("<script nonce=\"{nonce}\">")), "{html}");
    assert!(html.contains(r#""type":"commercial-shopper:signing""#), "{html}");
    assert!(html.contains(&format!(r#""contractId":"{}""#, contract.id)), "{html}");
    assert!(html.contains(r#""event":"signing_complete""#), "{html}");
    assert!(html.contains(&format!(r#""targetOrigin":"{ALLOWED_ORIGIN}""#)), "{html}");
    assert!(html.contains("window.opener.postMessage(outcome.message, outcome.targetOrigin)"), "{html}");
    assert!(html.contains("window.close()"), "{html}");
}

#[tokio::test]
async fn every_return_event_passed_on() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let page = return_url(&contract.id);
    let events = [
        ("signing_complete", "signing_complete"),
        ("cancel", "cancel"),
        ("exception", "exception"),
        ("fax_pending", "fax_pending"),
        ("session_timeout", "session_timeout"),
        ("ttl_expired", "ttl_expired"),
        ("viewing_complete", "viewing_complete"),
        ("id_check_failed", "exception"),
        ("", "exception"),
    ];

    for (sent, expected) in events {
        let location = follow_return(&app, &return_page_url(&app, &contract.id, &page, "redirect", sent)).await;
        assert_eq!(location, format!("{page}&event={expected}"), "event {sent:?}");
    }
}

#[tokio::test]
async fn return_to_foreign_page_rejected() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    for page in ["https://phishing.example.com/collect", "javascript:alert(1)", "/relative"] {
        let url = return_page_url(&app, &contract.id, page, "redirect", "signing_complete");
        let response = app.client.get(url).send().await.unwrap();

        assert_eq!(response.status(), 400, "page {page}");
        assert!(response.headers().get("location").is_none(), "page {page}");
    }
}

#[tokio::test]
async fn return_for_unknown_contract_is_404() {
    let app = spawn_app().await;
    let page = return_url("ct_missing");

    let response = app.client.get(return_page_url(&app, "ct_missing", &page, "redirect", "cancel")).send().await.unwrap();

    assert_eq!(response.status(), 404);
    assert!(response.headers().get("location").is_none());
}

#[tokio::test]
async fn decline_recorded_before_webhook() {
    let app = spawn_app_with_webhook_delay(WEBHOOKS_HELD_BACK).await;
    let contract = app.create_contract().await;
    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "decline").await;
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::AwaitingSignature, "no webhook yet");

    let page = follow_return(&app, &location).await;

    assert!(page.ends_with("&event=decline"), "{page}");
    let declined = app.contract(&contract.id).await;
    assert_eq!(declined.status, ContractStatus::Declined, "the platform reports the decline");
    assert_eq!(declined.history.last().unwrap().status, ContractStatus::Declined);
}

#[tokio::test]
async fn decline_in_url_alone_changes_nothing() {
    let app = spawn_app_with_webhook_delay(WEBHOOKS_HELD_BACK).await;
    let contract = app.create_contract().await;
    signing_session(&app, &contract.id).await;

    let url = return_page_url(&app, &contract.id, &return_url(&contract.id), "redirect", "decline");
    let page = follow_return(&app, &url).await;

    assert!(page.ends_with("&event=decline"), "{page}");
    assert_eq!(
        app.contract(&contract.id).await.status,
        ContractStatus::AwaitingSignature,
        "the platform has no decline, so none is recorded"
    );
}

#[tokio::test]
async fn declined_contract_reaches_declined_once() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "decline").await;

    follow_return(&app, &location).await;
    let declined = wait_for_status(&app, &contract.id, ContractStatus::Declined).await;
    // Let the sandbox's DECLINED webhook arrive after the return page recorded the decline.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let history: Vec<ContractStatus> = app.contract(&contract.id).await.history.iter().map(|c| c.status).collect();
    assert_eq!(history, [ContractStatus::Created, ContractStatus::AwaitingSignature, ContractStatus::Declined]);
    assert_eq!(declined.status, ContractStatus::Declined);
}

const POPUP_PARTNER: &str = r#"
[[partner]]
slug = "summit"
name = "Summit Energy Partners"
publishable_key = "pk_test_demo"
allowed_origins = ["http://127.0.0.1:*"]
broker_fee_per_kwh = 0.003
broker_fee_per_therm = 0.03
signing_mode = "popup"
"#;

#[tokio::test]
async fn partner_signing_mode_from_file() {
    let app = spawn_app_with_partners(POPUP_PARTNER, &["summit"]).await;
    let config: PartnerConfig = app.get("/v1/config").send().await.unwrap().json().await.unwrap();
    assert_eq!(config.signing_mode, SigningMode::Popup);
    let contract = app.create_contract().await;

    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "cancel").await;
    let response = app.client.get(&location).send().await.unwrap();

    assert!(location.contains("mode=popup"), "a session without a mode uses the partner's: {location}");
    assert_eq!(response.status(), 200, "the popup page");
    let policy = header(&response, "content-security-policy");
    assert!(policy.ends_with("frame-ancestors http://127.0.0.1:*"), "{policy}");
    assert!(!policy.contains("localhost"), "only this partner's origins may frame it: {policy}");
}

#[tokio::test]
async fn demo_partner_signs_by_redirect() {
    let app = spawn_app().await;

    let config: Value = app.get("/v1/config").send().await.unwrap().json().await.unwrap();

    assert_eq!(config["signing_mode"], "redirect");
}

/// Reads the database files, the write-ahead log included, as text.
fn database_text(app: &TestApp) -> String {
    let mut text = String::new();
    for name in ["shopper.db", "shopper.db-wal"] {
        if let Ok(bytes) = std::fs::read(app.data_dir.path().join(name)) {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    text
}

#[tokio::test]
async fn signing_url_never_stored() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let first = signing_session(&app, &contract.id).await;
    let second = signing_session(&app, &contract.id).await;

    assert_ne!(first.url, second.url, "each click mints a fresh URL");
    let stored = database_text(&app);
    for session in [&first, &second] {
        let token = session.url.rsplit('/').next().unwrap();
        assert!(token.len() >= 16, "{}", session.url);
        assert!(!stored.contains(token), "the signing token of {} is in the database", session.url);
    }
}
