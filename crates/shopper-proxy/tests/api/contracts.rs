use serde_json::Value;
use shopper_types::ContractStatus;
use shopper_types::api::Contract;

use crate::helpers::{comed_quote_request, contract_request, error_code, spawn_app, spawn_app_with_partners};

#[tokio::test]
async fn contract_priced_from_stored_quote() {
    let app = spawn_app().await;
    let quotes = app.quotes(&comed_quote_request(120_000)).await;
    let offer = &quotes.offers[0];

    let response = app.create_contract_response("key-priced", &contract_request(&offer.quote_id)).await;

    assert_eq!(response.status(), 201);
    let contract: Contract = response.json().await.unwrap();
    assert!(contract.id.starts_with("ct_"));
    assert_eq!(contract.status, ContractStatus::Created);
    assert_eq!(contract.rate, offer.rate);
    assert_eq!(contract.supplier, offer.supplier);
    assert_eq!(contract.term_months, offer.term_months);
    assert_eq!(contract.legal_name, "Lakeview Bakery LLC");
    assert_eq!(contract.history.len(), 1);
    assert_eq!(contract.history[0].status, ContractStatus::Created);
    assert_eq!(app.contract(&contract.id).await, contract);
}

#[tokio::test]
async fn invalid_details_listed_per_field() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    request["customer"]["email"] = "dana".into();
    request["accounts"][0]["account_number"] = "12345".into();
    request["accounts"][0]["service_address"]["zip"] = "606".into();

    let response = app.create_contract_response("key-invalid", &request).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "invalid_request");
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["customer.email", "accounts[0].account_number", "accounts[0].service_address.zip"]);
    assert!(body["fields"][1]["message"].as_str().unwrap().contains("ComEd account numbers have 10 digits"));
    assert_eq!(app.contract_count().await, 0);
}

#[tokio::test]
async fn account_on_another_utility_rejected() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    request["accounts"][0]["utility_code"] = "AMEREN_IL".into();

    let response = app.create_contract_response("key-utility", &request).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "accounts[0].utility_code");
}

#[tokio::test]
async fn expired_quote_is_409() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    sqlx::query("UPDATE quotes SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?")
        .bind(&quote_id)
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.create_contract_response("key-expired", &contract_request(&quote_id)).await;

    assert_eq!(response.status(), 409);
    assert_eq!(error_code(response).await, "quote_expired");
    assert_eq!(app.contract_count().await, 0);
}

#[tokio::test]
async fn unknown_quote_is_404() {
    let app = spawn_app().await;

    let response = app.create_contract_response("key-unknown", &contract_request("q_missing")).await;

    assert_eq!(response.status(), 404);
    assert_eq!(error_code(response).await, "quote_not_found");
}

#[tokio::test]
async fn missing_idempotency_key_is_400() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;

    let response = app.post("/v1/contracts").json(&contract_request(&quote_id)).send().await.unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("Idempotency-Key"));
}

#[tokio::test]
async fn unknown_contract_is_404() {
    let app = spawn_app().await;

    let response = app.get("/v1/contracts/ct_missing").send().await.unwrap();

    assert_eq!(response.status(), 404);
    assert_eq!(error_code(response).await, "not_found");
}

const TWO_PARTNERS: &str = r#"
[[partner]]
slug = "summit"
name = "Summit Energy Partners"
publishable_key = "pk_test_demo"
allowed_origins = ["http://127.0.0.1:*"]
broker_fee_per_kwh = 0.003
broker_fee_per_therm = 0.03

[[partner]]
slug = "prairie"
name = "Prairie Power Advisors"
publishable_key = "pk_test_prairie"
allowed_origins = ["http://localhost:*"]
broker_fee_per_kwh = 0.005
broker_fee_per_therm = 0.05
"#;

#[tokio::test]
async fn contracts_scoped_to_partner() {
    let app = spawn_app_with_partners(TWO_PARTNERS, &["summit", "prairie"]).await;
    let contract = app.create_contract().await;

    let own = app.get(&format!("/v1/contracts/{}", contract.id)).send().await.unwrap();
    let other = app
        .client
        .get(format!("{}/v1/contracts/{}", app.address, contract.id))
        .header("X-Publishable-Key", "pk_test_prairie")
        .send()
        .await
        .unwrap();

    assert_eq!(own.status(), 200);
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn partners_file_sets_fee() {
    let app = spawn_app_with_partners(TWO_PARTNERS, &["summit", "prairie"]).await;
    let request = comed_quote_request(120_000);

    let summit = app.quotes(&request).await;
    let prairie: shopper_types::api::QuoteResponse = app
        .client
        .post(format!("{}/v1/quotes", app.address))
        .header("X-Publishable-Key", "pk_test_prairie")
        .json(&request)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let cheapest =
        |offers: &[shopper_types::api::Offer]| offers.iter().map(|offer| offer.rate).fold(f64::MAX, f64::min);
    let difference = cheapest(&prairie.offers) - cheapest(&summit.offers);
    assert!((difference - 0.002).abs() < 1e-9, "fees differ by {difference}");
}
