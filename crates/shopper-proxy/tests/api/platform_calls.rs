//! The proxy against a mock platform (wiremock on loopback): retries, the price cache, and
//! mutations that are never retried.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use shopper_types::upstream::{PriceResponse, PriceRow};
use shopper_types::{Commodity, EnergyUnit};
use wiremock::matchers::{body_string_contains, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{TestApp, comed_quote_request, contract_request, next_month, spawn_app_with_platform};

const PRICES_PATH: &str = "/v2/prices/by-location";

/// Builds a ComEd response with two supplier prices that stay valid until `valid_until`.
fn price_response(valid_until: DateTime<Utc>) -> PriceResponse {
    let row = |supplier: &str, rate: f64| PriceRow {
        price_id: format!("price_{supplier}"),
        supplier: supplier.into(),
        product_name: "Fixed Price 12".into(),
        utility: "COMED".into(),
        rate_class: "small_commercial".into(),
        zone: "COMED".into(),
        start_month: next_month(),
        term_months: 12,
        rate,
        unit: EnergyUnit::Kwh,
        usage_min: 100_001,
        usage_max: 250_000,
        valid_until: valid_until.to_rfc3339_opts(SecondsFormat::Secs, true),
        swing_percent: 10,
        green_percent: 0,
        early_termination_fee: 250.0,
        disclosure_url: String::new(),
    };
    PriceResponse {
        postal_code: "60601".into(),
        utility: "COMED".into(),
        commodity: Commodity::Electricity,
        price_date: Utc::now().date_naive().to_string(),
        custom_quote_needed: false,
        prices: vec![row("Constellation", 0.0712), row("Direct Energy", 0.0698)],
    }
}

async fn mount_prices(platform: &MockServer, valid_until: DateTime<Utc>) {
    Mock::given(method("GET"))
        .and(path(PRICES_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(price_response(valid_until)))
        .mount(platform)
        .await;
}

async fn price_requests(platform: &MockServer) -> usize {
    let requests = platform.received_requests().await.expect("request recording is on");
    requests.iter().filter(|request| request.url.path() == PRICES_PATH).count()
}

async fn quote_status(app: &TestApp, request: &Value) -> u16 {
    app.post("/v1/quotes").json(request).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn price_get_retried_after_503() {
    let platform = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PRICES_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&platform)
        .await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    let quotes = app.quotes(&comed_quote_request(120_000)).await;

    assert_eq!(quotes.offers.len(), 2);
    assert_eq!(quotes.offers[0].supplier, "Direct Energy", "cheapest first");
    assert_eq!(price_requests(&platform).await, 2, "one failed attempt, one retry");
    let requests = platform.received_requests().await.unwrap();
    for request in &requests {
        assert_eq!(request.headers["x-api-key"], "test-api-key");
        assert!(request.headers["authorization"].to_str().unwrap().starts_with("Bearer "));
    }
}

#[tokio::test]
async fn price_get_gives_up_after_three_attempts() {
    let platform = MockServer::start().await;
    Mock::given(method("GET")).and(path(PRICES_PATH)).respond_with(ResponseTemplate::new(503)).mount(&platform).await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    let response = app.post("/v1/quotes").json(&comed_quote_request(120_000)).send().await.unwrap();

    assert_eq!(response.status(), 502);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
    assert_eq!(body["retryable"], true);
    assert_eq!(price_requests(&platform).await, 3);
}

#[tokio::test]
async fn price_get_not_retried_on_400() {
    let platform = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PRICES_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "code": "invalid_parameter", "message": "start_month is outside the matrix" })),
        )
        .mount(&platform)
        .await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    let status = quote_status(&app, &comed_quote_request(120_000)).await;

    assert_eq!(status, 422);
    assert_eq!(price_requests(&platform).await, 1);
}

#[tokio::test]
async fn same_query_served_from_cache() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    let first = app.quotes(&comed_quote_request(120_000)).await;
    let second = app.quotes(&comed_quote_request(120_000)).await;

    assert_eq!(price_requests(&platform).await, 1, "the second search is answered from the cache");
    let rates = |offers: &[shopper_types::api::Offer]| offers.iter().map(|offer| offer.rate).collect::<Vec<_>>();
    assert_eq!(rates(&first.offers), rates(&second.offers));
    assert_ne!(first.offers[0].quote_id, second.offers[0].quote_id, "each search stores its own quotes");
}

#[tokio::test]
async fn cache_key_includes_each_parameter() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    let app = spawn_app_with_platform(&platform.uri()).await;
    let base = comed_quote_request(120_000);
    let mut variants = vec![base.clone()];
    for (field, value) in [
        ("annual_usage", json!(130_000)),
        ("zip", json!("60602")),
        ("utility_code", json!("AMEREN_IL")),
        ("commodity", json!("gas")),
        ("term_months", json!(12)),
        ("start_month", json!(Utc::now().date_naive().format("%Y-%m").to_string())),
    ] {
        let mut variant = base.clone();
        variant[field] = value;
        variants.push(variant);
    }

    for variant in &variants {
        assert_eq!(quote_status(&app, variant).await, 200, "{variant}");
    }

    assert_eq!(price_requests(&platform).await, variants.len(), "each distinct query reaches the platform");
}

#[tokio::test]
async fn expired_response_not_cached() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() - Duration::minutes(1)).await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    app.quotes(&comed_quote_request(120_000)).await;
    app.quotes(&comed_quote_request(120_000)).await;

    assert_eq!(price_requests(&platform).await, 2);
}

#[tokio::test]
async fn contract_rechecks_price_with_platform() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": { "createContract": { "id": "msc_ct_1", "status": "CREATED" } }
        })))
        .mount(&platform)
        .await;
    let app = spawn_app_with_platform(&platform.uri()).await;
    let quote_id = app.comed_quote_id().await;

    let response = app.create_contract_response("key-recheck", &contract_request(&quote_id)).await;

    assert_eq!(response.status(), 201);
    assert_eq!(price_requests(&platform).await, 2, "the contract queries the platform again, past the cache");
    let requests = platform.received_requests().await.unwrap();
    let recheck = requests.iter().filter(|request| request.url.path() == PRICES_PATH).nth(1).unwrap();
    let term = recheck.url.query_pairs().find(|(key, _)| key == "term_months").map(|(_, value)| value.into_owned());
    assert_eq!(term.as_deref(), Some("12"), "the re-check requests the quoted term");
}

#[tokio::test]
async fn create_contract_mutation_not_retried() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    Mock::given(method("POST")).and(path("/graphql")).respond_with(ResponseTemplate::new(503)).mount(&platform).await;
    let app = spawn_app_with_platform(&platform.uri()).await;
    let quote_id = app.comed_quote_id().await;

    let response = app.create_contract_response("key-mutation", &contract_request(&quote_id)).await;

    assert_eq!(response.status(), 502);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["retryable"], true);
    let requests = platform.received_requests().await.unwrap();
    assert_eq!(requests.iter().filter(|request| request.url.path() == "/graphql").count(), 1);
    assert_eq!(app.contract_count().await, 0, "a failed platform call leaves no contract row");
}

#[tokio::test]
async fn quote_query_sent_to_platform() {
    let platform = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PRICES_PATH))
        .and(query_param("postal_code", "60601"))
        .and(query_param("account_type", "C"))
        .and(query_param("utility", "COMED"))
        .and(query_param("commodity", "electricity"))
        .and(query_param("annual_usage", "120000"))
        .and(query_param("start_month", next_month()))
        .respond_with(ResponseTemplate::new(200).set_body_json(price_response(Utc::now() + Duration::hours(1))))
        .mount(&platform)
        .await;
    let app = spawn_app_with_platform(&platform.uri()).await;

    let quotes = app.quotes(&comed_quote_request(120_000)).await;

    assert_eq!(quotes.offers.len(), 2);
}

#[tokio::test]
async fn signing_service_outage_is_retryable() {
    let platform = MockServer::start().await;
    mount_prices(&platform, Utc::now() + Duration::hours(1)).await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(body_string_contains("createSigningSession"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": null,
            "errors": [{
                "message": "The e-signature service did not open a signing session; try again in a moment.",
                "extensions": { "code": "SIGNING_SERVICE_UNAVAILABLE" }
            }]
        })))
        .with_priority(1)
        .mount(&platform)
        .await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": { "createContract": { "id": "msc_ct_1", "status": "CREATED" } }
        })))
        .with_priority(2)
        .mount(&platform)
        .await;
    let app = spawn_app_with_platform(&platform.uri()).await;
    let quote_id = app.comed_quote_id().await;
    let created = app.create_contract_response("key-signing-outage", &contract_request(&quote_id)).await;
    assert_eq!(created.status(), 201);
    let contract: Value = created.json().await.unwrap();

    let response = app
        .post(&format!("/v1/contracts/{}/signing-session", contract["id"].as_str().unwrap()))
        .json(&json!({ "return_url": "http://127.0.0.1:5173/shop" }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 502);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
    assert_eq!(body["retryable"], true);
}
