use serde_json::{Value, json};
use shopper_proxy::webhook_signature::sign;
use shopper_types::ContractStatus;

use crate::helpers::{TestApp, spawn_app};

fn event(event_id: &str, contract_id: &str, status: &str) -> String {
    json!({
        "id": event_id,
        "type": "contract.status_changed",
        "contract_id": "msc_contract_1",
        "external_reference": contract_id,
        "status": status,
        "occurred_at": chrono::Utc::now().to_rfc3339(),
    })
    .to_string()
}

async fn deliver(app: &TestApp, body: &str, signature: Option<String>) -> reqwest::Response {
    let mut request =
        app.client.post(format!("{}/webhooks/msc", app.address)).header("Content-Type", "application/json");
    if let Some(signature) = signature {
        request = request.header("Msc-Signature", signature);
    }
    request.body(body.to_owned()).send().await.unwrap()
}

fn signed(app: &TestApp, body: &str) -> Option<String> {
    Some(sign(app.webhook_secret().as_bytes(), chrono::Utc::now().timestamp(), body.as_bytes()))
}

async fn outcome(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["outcome"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn bad_signature_is_401() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let body = event("evt_bad", &contract.id, "signed");
    let now = chrono::Utc::now().timestamp();
    let cases = [
        ("wrong secret", Some(sign(b"whsec_not_the_partners", now, body.as_bytes()))),
        ("old timestamp", Some(sign(app.webhook_secret().as_bytes(), now - 3600, body.as_bytes()))),
        ("malformed header", Some("v1=deadbeef".to_owned())),
        ("missing header", None),
    ];

    for (case, signature) in cases {
        let response = deliver(&app, &body, signature).await;
        assert_eq!(response.status(), 401, "{case}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["code"], "invalid_signature", "{case}");
    }
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::Created);
}

#[tokio::test]
async fn body_changed_after_signing_is_401() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let body = event("evt_changed", &contract.id, "signed");
    let signature = signed(&app, &body);

    let tampered = body.replace("signed", "accepted");
    let response = deliver(&app, &tampered, signature).await;

    assert_eq!(response.status(), 401);
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::Created);
}

#[tokio::test]
async fn duplicate_event_applied_once() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let body = event("evt_signed_1", &contract.id, "signed");

    let first = outcome(deliver(&app, &body, signed(&app, &body)).await).await;
    let second = outcome(deliver(&app, &body, signed(&app, &body)).await).await;

    assert_eq!(first, "applied");
    assert_eq!(second, "duplicate");
    let contract = app.contract(&contract.id).await;
    assert_eq!(contract.status, ContractStatus::Signed);
    let signed_entries = contract.history.iter().filter(|change| change.status == ContractStatus::Signed).count();
    assert_eq!(signed_entries, 1);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn late_event_never_moves_back() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let accepted = event("evt_accepted", &contract.id, "accepted");
    let late = event("evt_signed_late", &contract.id, "signed");

    let first = outcome(deliver(&app, &accepted, signed(&app, &accepted)).await).await;
    let second = outcome(deliver(&app, &late, signed(&app, &late)).await).await;

    assert_eq!(first, "applied");
    assert_eq!(second, "stale");
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::Accepted);
}

#[tokio::test]
async fn unknown_contract_acknowledged() {
    let app = spawn_app().await;
    let body = event("evt_unknown", "ct_missing", "signed");

    let result = outcome(deliver(&app, &body, signed(&app, &body)).await).await;

    assert_eq!(result, "unknown_contract");
}
