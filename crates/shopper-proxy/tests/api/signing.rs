use std::time::Duration;

use serde_json::{Value, json};
use shopper_types::ContractStatus;
use shopper_types::api::{SigningSession, StatusEvent};

use crate::helpers::{ALLOWED_ORIGIN, DEMO_KEY, TestApp, spawn_app};

/// Maximum wait for the sandbox's three status webhooks (50 ms apart here).
const STATUS_TIMEOUT: Duration = Duration::from_secs(15);

pub fn return_url(contract_id: &str) -> String {
    format!("{ALLOWED_ORIGIN}/shop?cs_contract={contract_id}")
}

pub async fn signing_session(app: &TestApp, contract_id: &str) -> SigningSession {
    let response = app
        .post(&format!("/v1/contracts/{contract_id}/signing-session"))
        .header("Origin", ALLOWED_ORIGIN)
        .json(&json!({ "return_url": return_url(contract_id) }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "signing session failed: {}", response.text().await.unwrap());
    response.json().await.unwrap()
}

/// Presses a button of the sandbox's signing page and returns the redirect's `Location`.
pub async fn press(app: &TestApp, session: &SigningSession, action: &str) -> String {
    let page = app.client.get(&session.url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("value=\"sign\""), "the signing page has a Sign button");

    let response = app.client.post(&session.url).form(&[("action", action)]).send().await.unwrap();
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Opens the proxy's return page in redirect mode and returns the partner page it sends the
/// customer to.
pub async fn follow_return(app: &TestApp, location: &str) -> String {
    let response = app.client.get(location).send().await.unwrap();
    assert_eq!(response.status(), 303, "the return page redirects: {}", response.text().await.unwrap());
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Waits until the contract has reached `expected`, and returns it. The status may already have
/// moved on, as a signed contract goes on to the supplier, so its history is checked too.
pub async fn wait_for_status(app: &TestApp, contract_id: &str, expected: ContractStatus) -> shopper_types::api::Contract {
    let deadline = tokio::time::Instant::now() + STATUS_TIMEOUT;
    loop {
        let contract = app.contract(contract_id).await;
        let reached = contract.status == expected || contract.history.iter().any(|change| change.status == expected);
        if reached {
            return contract;
        }
        assert!(tokio::time::Instant::now() < deadline, "status stayed {:?}, expected {expected:?}", contract.status);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn signing_reaches_accepted() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let session = signing_session(&app, &contract.id).await;
    assert!(session.url.starts_with(app.sandbox_url.as_deref().unwrap()), "{}", session.url);
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::AwaitingSignature);
    let location = press(&app, &session, "sign").await;

    assert!(location.starts_with(&format!("{}/signing/return?", app.address)), "{location}");
    assert!(location.contains("event=signing_complete"), "{location}");
    let page = follow_return(&app, &location).await;
    assert_eq!(page, format!("{}&event=signing_complete", return_url(&contract.id)));
    let accepted = wait_for_status(&app, &contract.id, ContractStatus::Accepted).await;
    let history: Vec<ContractStatus> = accepted.history.iter().map(|change| change.status).collect();
    assert_eq!(
        history,
        [
            ContractStatus::Created,
            ContractStatus::AwaitingSignature,
            ContractStatus::Signed,
            ContractStatus::SubmittedToSupplier,
            ContractStatus::Accepted,
        ]
    );
}

#[tokio::test]
async fn decline_reaches_declined() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "decline").await;

    assert!(location.contains("event=decline"), "{location}");
    let page = follow_return(&app, &location).await;
    assert_eq!(page, format!("{}&event=decline", return_url(&contract.id)));
    wait_for_status(&app, &contract.id, ContractStatus::Declined).await;
}

#[tokio::test]
async fn foreign_return_url_rejected() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let response = app
        .post(&format!("/v1/contracts/{}/signing-session", contract.id))
        .json(&json!({ "return_url": "https://phishing.example.com/collect" }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "return_url");
}

/// Reads `status` events until the stream ends, returning their statuses.
async fn read_status_events(mut response: reqwest::Response) -> Vec<ContractStatus> {
    let mut buffer = String::new();
    let mut statuses = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        while let Some(end) = buffer.find("\n\n") {
            let frame: String = buffer.drain(..end + 2).collect();
            let is_status = frame.lines().any(|line| line == "event: status");
            let data: String = frame.lines().filter_map(|line| line.strip_prefix("data: ")).collect();
            if is_status {
                let event: StatusEvent = serde_json::from_str(&data).unwrap();
                statuses.push(event.status);
            }
        }
    }
    statuses
}

#[tokio::test]
async fn event_stream_yields_each_status() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let stream = app
        .client
        .get(format!("{}/v1/contracts/{}/events?key={DEMO_KEY}", app.address, contract.id))
        .header("Origin", ALLOWED_ORIGIN)
        .header("Accept-Encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    assert!(stream.headers().get("content-encoding").is_none(), "each event reaches the browser at once, uncompressed");
    let reader = tokio::spawn(read_status_events(stream));

    let session = signing_session(&app, &contract.id).await;
    press(&app, &session, "sign").await;

    let statuses = tokio::time::timeout(STATUS_TIMEOUT, reader).await.expect("the stream ends after accepted").unwrap();
    assert_eq!(
        statuses,
        [
            ContractStatus::Created,
            ContractStatus::AwaitingSignature,
            ContractStatus::Signed,
            ContractStatus::SubmittedToSupplier,
            ContractStatus::Accepted,
        ]
    );
}

#[tokio::test]
async fn event_stream_needs_key() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let response = app.client.get(format!("{}/v1/contracts/{}/events", app.address, contract.id)).send().await.unwrap();

    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn signed_contract_gets_no_new_link() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;
    let session = signing_session(&app, &contract.id).await;
    press(&app, &session, "sign").await;
    wait_for_status(&app, &contract.id, ContractStatus::Signed).await;

    let response = app
        .post(&format!("/v1/contracts/{}/signing-session", contract.id))
        .header("Origin", ALLOWED_ORIGIN)
        .json(&json!({ "return_url": return_url(&contract.id) }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "signing_unavailable");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("already signed"), "{message}");
    assert!(!message.contains("ctr_"), "the platform's contract id stays out of the message: {message}");
}
