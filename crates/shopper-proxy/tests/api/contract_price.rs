//! A contract whose price expired before signing: the signing session's `quote_expired` error
//! and `POST /v1/contracts/{id}/price`, against the embedded sandbox.

use serde_json::{Value, json};
use shopper_types::ContractStatus;
use shopper_types::api::{ApiError, Contract, Offer};

use crate::helpers::{ALLOWED_ORIGIN, TestApp, comed_quote_request, contract_request, spawn_app};
use crate::signing::{press, return_url, signing_session, wait_for_status};

/// Creates a contract from the first ComEd offer and returns it with that offer.
async fn contract_with_offer(app: &TestApp, offer_index: usize) -> (Contract, Offer) {
    let offer = app.quotes(&comed_quote_request(120_000)).await.offers.swap_remove(offer_index);
    let key = uuid::Uuid::new_v4().to_string();
    let response = app.create_contract_response(&key, &contract_request(&offer.quote_id)).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    (response.json().await.unwrap(), offer)
}

async fn request_signing(app: &TestApp, contract_id: &str) -> reqwest::Response {
    app.post(&format!("/v1/contracts/{contract_id}/signing-session"))
        .header("Origin", ALLOWED_ORIGIN)
        .json(&json!({ "return_url": return_url(contract_id) }))
        .send()
        .await
        .unwrap()
}

async fn set_price(app: &TestApp, contract_id: &str, quote_id: &str) -> reqwest::Response {
    app.post(&format!("/v1/contracts/{contract_id}/price")).json(&json!({ "quote_id": quote_id })).send().await.unwrap()
}

/// Returns the offer at today's price that the signing session's 409 carries.
async fn expired_signing_offer(app: &TestApp, contract_id: &str) -> Offer {
    let response = request_signing(app, contract_id).await;
    assert_eq!(response.status(), 409);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, "quote_expired");
    body.offer.expect("the error carries the offer at today's price")
}

#[tokio::test]
async fn expired_price_blocks_signing() {
    let app = spawn_app().await;
    let (contract, old) = contract_with_offer(&app, 0).await;
    app.expire_quote(&old.quote_id).await;

    let new = expired_signing_offer(&app, &contract.id).await;

    assert_ne!(new.quote_id, old.quote_id);
    assert_eq!(new.supplier, old.supplier);
    assert_eq!(new.term_months, old.term_months);
    assert_eq!(new.start_month, old.start_month);
    assert_eq!(app.contract(&contract.id).await.status, ContractStatus::Created, "no signing session was opened");
}

#[tokio::test]
async fn accepted_new_price_can_be_signed() {
    let app = spawn_app().await;
    let (contract, old) = contract_with_offer(&app, 0).await;
    app.expire_quote(&old.quote_id).await;
    let new = expired_signing_offer(&app, &contract.id).await;

    let first = set_price(&app, &contract.id, &new.quote_id).await;
    let again = set_price(&app, &contract.id, &new.quote_id).await;

    assert_eq!(first.status(), 200);
    let repriced: Contract = first.json().await.unwrap();
    assert_eq!(repriced.id, contract.id, "the contract keeps its id");
    assert_eq!(repriced.rate, new.rate);
    assert_eq!(again.status(), 200, "sending the same quote again is harmless");
    assert_eq!(app.contract_count().await, 1);

    let session = signing_session(&app, &contract.id).await;
    let location = press(&app, &session, "sign").await;
    assert!(location.contains("event=signing_complete"), "{location}");
    wait_for_status(&app, &contract.id, ContractStatus::Signed).await;
}

#[tokio::test]
async fn quote_of_another_offer_is_rejected() {
    let app = spawn_app().await;
    let (contract, old) = contract_with_offer(&app, 0).await;
    app.expire_quote(&old.quote_id).await;
    let other = app.quotes(&comed_quote_request(120_000)).await.offers.into_iter().find(|offer| offer.supplier != old.supplier);
    let other = other.expect("ComEd has several suppliers");

    let response = set_price(&app, &contract.id, &other.quote_id).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "quote_id");
    let message = body["fields"][0]["message"].as_str().unwrap();
    assert!(message.contains("another offer"), "{message}");
}

#[tokio::test]
async fn signed_contract_keeps_its_price() {
    let app = spawn_app().await;
    let (contract, old) = contract_with_offer(&app, 0).await;
    let session = signing_session(&app, &contract.id).await;
    press(&app, &session, "sign").await;
    wait_for_status(&app, &contract.id, ContractStatus::Signed).await;
    let refreshed = app.post(&format!("/v1/quotes/{}/refresh", old.quote_id)).send().await.unwrap();
    let same_offer: Offer = refreshed.json().await.unwrap();

    let response = set_price(&app, &contract.id, &same_offer.quote_id).await;

    assert_eq!(response.status(), 409);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, "contract_not_repriceable");
}

#[tokio::test]
async fn unknown_quote_or_contract_is_404() {
    let app = spawn_app().await;
    let (contract, _) = contract_with_offer(&app, 0).await;

    let no_quote = set_price(&app, &contract.id, "q_missing").await;
    let no_contract = set_price(&app, "ct_missing", "q_missing").await;

    assert_eq!(no_quote.status(), 404);
    assert_eq!(no_contract.status(), 404);
}
