use crate::helpers::{ALLOWED_ORIGIN, error_code, spawn_app};

#[tokio::test]
async fn wrong_key_is_401() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(format!("{}/v1/config", app.address))
        .header("X-Publishable-Key", "pk_test_unknown")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    assert_eq!(error_code(response).await, "unauthorized");
}

#[tokio::test]
async fn missing_key_is_401() {
    let app = spawn_app().await;

    let response = app.client.get(format!("{}/v1/utilities?zip=60601", app.address)).send().await.unwrap();

    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn disallowed_origin_is_403() {
    let app = spawn_app().await;

    let response = app.get("/v1/config").header("Origin", "https://shop.example.com").send().await.unwrap();

    assert_eq!(response.status(), 403);
    assert_eq!(error_code(response).await, "origin_not_allowed");
}

#[tokio::test]
async fn allowed_origin_gets_cors_headers() {
    let app = spawn_app().await;

    let response = app.get("/v1/config").header("Origin", ALLOWED_ORIGIN).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], ALLOWED_ORIGIN);
    let config: shopper_types::api::PartnerConfig = response.json().await.unwrap();
    assert_eq!(config.partner_name, "Summit Energy Partners");
    assert_eq!(config.environment, shopper_types::Environment::Test);
    assert_eq!(config.logo_url.as_deref(), Some(format!("{}/demo/logo.svg", app.address).as_str()));
}

#[tokio::test]
async fn preflight_allows_listed_origin_only() {
    let app = spawn_app().await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}/v1/contracts", app.address))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-publishable-key,idempotency-key")
            .send()
    };

    let allowed = preflight("http://localhost:3000").await.unwrap();
    let denied = preflight("https://shop.example.com").await.unwrap();

    assert_eq!(allowed.headers()["access-control-allow-origin"], "http://localhost:3000");
    let allowed_headers = allowed.headers()["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(allowed_headers.contains("idempotency-key"), "{allowed_headers}");
    assert!(denied.headers().get("access-control-allow-origin").is_none());
}
