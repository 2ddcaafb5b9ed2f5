use serde_json::Value;
use shopper_types::Commodity;
use shopper_types::api::UtilitiesResponse;

use crate::helpers::{error_code, spawn_app, spawn_app_with_partners};

#[tokio::test]
async fn chicago_zip_lists_comed() {
    let app = spawn_app().await;

    let response = app.get("/v1/utilities?zip=60601").send().await.unwrap();

    assert_eq!(response.status(), 200);
    let body: UtilitiesResponse = response.json().await.unwrap();
    assert_eq!(body.zip, "60601");
    assert_eq!(body.state, "IL");
    let comed = body.utilities.iter().find(|utility| utility.code == "COMED").expect("ComEd serves 60601");
    assert_eq!(comed.commodity, Commodity::Electricity);
    assert_eq!(comed.identifier_label, "Account number");
    assert!(comed.identifier_hint.contains("10 digits"), "{}", comed.identifier_hint);
}

#[tokio::test]
async fn florida_zip_has_no_choice() {
    let app = spawn_app().await;

    let response = app.get("/v1/utilities?zip=33101").send().await.unwrap();

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "no_choice_market");
    assert!(body["message"].as_str().unwrap().contains("FL"), "{}", body["message"]);
}

#[tokio::test]
async fn texas_zip_served_by_two_utilities() {
    let app = spawn_app().await;

    let body: UtilitiesResponse = app.get("/v1/utilities?zip=77539").send().await.unwrap().json().await.unwrap();

    let codes: Vec<&str> = body.utilities.iter().map(|utility| utility.code.as_str()).collect();
    assert_eq!(body.state, "TX");
    assert!(codes.contains(&"CENTERPOINT"), "{codes:?}");
    assert!(codes.contains(&"TNMP"), "{codes:?}");
    let centerpoint = body.utilities.iter().find(|utility| utility.code == "CENTERPOINT").unwrap();
    assert_eq!(centerpoint.identifier_label, "ESI ID");
}

#[tokio::test]
async fn unknown_zip_is_404() {
    let app = spawn_app().await;

    let response = app.get("/v1/utilities?zip=00501").send().await.unwrap();

    assert_eq!(response.status(), 404);
    assert_eq!(error_code(response).await, "unknown_zip");
}

#[tokio::test]
async fn malformed_zip_is_400_with_field() {
    let app = spawn_app().await;

    let response = app.get("/v1/utilities?zip=6060").send().await.unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "invalid_request");
    assert_eq!(body["fields"][0]["field"], "zip");
}

#[tokio::test]
async fn unreachable_platform_is_502() {
    // A loopback port that was free a moment ago refuses connections.
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let partners = format!(
        r#"
[[partner]]
slug = "summit"
name = "Summit Energy Partners"
publishable_key = "pk_test_demo"
allowed_origins = ["http://127.0.0.1:*"]
broker_fee_per_kwh = 0.003
broker_fee_per_therm = 0.03

[partner.upstream]
base_url = "http://127.0.0.1:{closed_port}"
partner_id = "summit"
api_key = "msc_test_unreachable"
private_key_file = "partners/summit/private_key.pem"
webhook_secret = "whsec_unreachable"
"#
    );
    let app = spawn_app_with_partners(&partners, &["summit"]).await;

    let response = app.get("/v1/utilities?zip=60601").send().await.unwrap();

    assert_eq!(response.status(), 502);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
    assert_eq!(body["retryable"], true);
    assert!(app.sandbox_url.is_none(), "no partner uses the embedded sandbox");
}
