//! Expired quotes and moved prices: the quote refresh endpoint and the price check before a
//! contract, against the embedded sandbox.

use chrono::{DateTime, Utc};
use serde_json::Value;
use shopper_types::api::{ApiError, Contract, Offer};

use crate::helpers::{TestApp, comed_quote_request, contract_request, spawn_app, spawn_app_with_partners};

fn assert_same_product(new: &Offer, old: &Offer) {
    assert_ne!(new.quote_id, old.quote_id, "a new quote id");
    assert_eq!(new.supplier, old.supplier);
    assert_eq!(new.product_name, old.product_name);
    assert_eq!(new.term_months, old.term_months);
    assert_eq!(new.start_month, old.start_month);
    assert_eq!(new.unit, old.unit);
}

fn assert_in_future(rfc3339: &str) {
    let at = DateTime::parse_from_rfc3339(rfc3339).unwrap();
    assert!(at > Utc::now(), "{rfc3339} is not in the future");
}

async fn first_offer(app: &TestApp) -> Offer {
    app.quotes(&comed_quote_request(120_000)).await.offers.into_iter().next().expect("ComEd has offers")
}

#[tokio::test]
async fn refresh_reprices_expired_quote() {
    let app = spawn_app().await;
    let old = first_offer(&app).await;
    app.expire_quote(&old.quote_id).await;

    let response = app.post(&format!("/v1/quotes/{}/refresh", old.quote_id)).send().await.unwrap();

    assert_eq!(response.status(), 200);
    let new: Offer = response.json().await.unwrap();
    assert_same_product(&new, &old);
    assert_eq!(new.rate, old.rate, "the sandbox's price for the day has not moved");
    assert_in_future(&new.price_expires_at);

    let created = app.create_contract_response("key-refreshed", &contract_request(&new.quote_id)).await;
    assert_eq!(created.status(), 201, "the refreshed quote can be chosen");
    let contract: Contract = created.json().await.unwrap();
    assert_eq!(contract.rate, new.rate);
}

#[tokio::test]
async fn refresh_of_unknown_quote_is_404() {
    let app = spawn_app().await;

    let response = app.post("/v1/quotes/q_missing/refresh").send().await.unwrap();

    assert_eq!(response.status(), 404);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, "quote_not_found");
}

const OTHER_PARTNER: &str = r#"
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
async fn refresh_scoped_to_partner() {
    let app = spawn_app_with_partners(OTHER_PARTNER, &["summit", "prairie"]).await;
    let offer = first_offer(&app).await;

    let response = app
        .client
        .post(format!("{}/v1/quotes/{}/refresh", app.address, offer.quote_id))
        .header("X-Publishable-Key", "pk_test_prairie")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn expired_quote_error_carries_new_offer() {
    let app = spawn_app().await;
    let old = first_offer(&app).await;
    app.expire_quote(&old.quote_id).await;

    let response = app.create_contract_response("key-expired", &contract_request(&old.quote_id)).await;

    assert_eq!(response.status(), 409);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, "quote_expired");
    let new = body.offer.expect("the error carries the offer at today's price");
    assert_same_product(&new, &old);
    assert_in_future(&new.price_expires_at);
    assert_eq!(app.contract_count().await, 0);

    let accepted = app.create_contract_response("key-expired", &contract_request(&new.quote_id)).await;
    assert_eq!(accepted.status(), 201, "accepting the new price with the same key creates the contract");
    let contract: Contract = accepted.json().await.unwrap();
    assert_eq!(contract.rate, new.rate);
}

#[tokio::test]
async fn changed_price_is_409_with_new_offer() {
    let app = spawn_app().await;
    let old = first_offer(&app).await;
    // The stored quote now has a rate 1 cent below what the platform charges today.
    sqlx::query("UPDATE quotes SET supplier_rate = supplier_rate - 0.01, rate = rate - 0.01 WHERE id = ?")
        .bind(&old.quote_id)
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.create_contract_response("key-moved", &contract_request(&old.quote_id)).await;

    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "price_changed");
    let new: Offer = serde_json::from_value(body["offer"].clone()).unwrap();
    assert_same_product(&new, &old);
    assert!((new.rate - old.rate).abs() < 1e-9, "the new offer has the platform's price: {} vs {}", new.rate, old.rate);
    assert_eq!(app.contract_count().await, 0, "nothing is created at the old price");

    let accepted = app.create_contract_response("key-moved", &contract_request(&new.quote_id)).await;
    assert_eq!(accepted.status(), 201);
    let contract: Contract = accepted.json().await.unwrap();
    assert_eq!(contract.rate, new.rate);
}

#[tokio::test]
async fn withdrawn_product_is_409() {
    let app = spawn_app().await;
    let old = first_offer(&app).await;
    sqlx::query("UPDATE quotes SET product_name = 'Discontinued Product' WHERE id = ?")
        .bind(&old.quote_id)
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.create_contract_response("key-withdrawn", &contract_request(&old.quote_id)).await;

    assert_eq!(response.status(), 409);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, "offer_unavailable");
    assert!(body.offer.is_none());
    assert_eq!(app.contract_count().await, 0);
}
