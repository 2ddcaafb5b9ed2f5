use std::collections::HashMap;

use serde_json::Value;
use shopper_types::upstream::{JWT_AUDIENCE, JwtClaims, PriceResponse};
use shopper_types::{Commodity, EnergyUnit};

use crate::helpers::{TestApp, comed_quote_request, next_month, spawn_app};

/// Asks the sandbox directly, as the partner, for the supplier prices without the broker fee.
async fn supplier_prices(app: &TestApp, utility: &str, commodity: Commodity, annual_usage: u64) -> PriceResponse {
    let secrets = app.partner_secrets("summit");
    let pem = std::fs::read(shopper_proxy::credentials::private_key_path(app.data_dir.path(), "summit")).unwrap();
    let now = chrono::Utc::now().timestamp();
    let claims = JwtClaims {
        iss: "summit".into(),
        sub: "summit".into(),
        aud: JWT_AUDIENCE.into(),
        iat: now,
        exp: now + 60,
        jti: uuid::Uuid::new_v4().to_string(),
    };
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_rsa_pem(&pem).unwrap(),
    )
    .unwrap();

    let response = app
        .client
        .get(format!("{}/v2/prices/by-location", app.sandbox_url.as_deref().unwrap()))
        .query(&[
            ("postal_code", "60601"),
            ("account_type", "C"),
            ("utility", utility),
            ("commodity", commodity.as_str()),
            ("annual_usage", &annual_usage.to_string()),
            ("start_month", &next_month()),
        ])
        .header("X-Api-Key", secrets["api_key"].as_str().unwrap())
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn quotes_add_fee_and_sort_by_rate() {
    let app = spawn_app().await;
    let cases = [
        ("COMED", Commodity::Electricity, 120_000, 0.003, EnergyUnit::Kwh),
        ("PEOPLES_GAS", Commodity::Gas, 12_000, 0.03, EnergyUnit::Therm),
    ];

    for (utility, commodity, annual_usage, fee, unit) in cases {
        let mut request = comed_quote_request(annual_usage);
        request["utility_code"] = utility.into();
        request["commodity"] = commodity.as_str().into();
        let quotes = app.quotes(&request).await;
        let upstream = supplier_prices(&app, utility, commodity, annual_usage).await;

        assert!(!quotes.custom_quote_needed);
        assert!(!quotes.offers.is_empty(), "{utility} has offers");
        assert_eq!(quotes.offers.len(), upstream.prices.len(), "{utility}: one offer per supplier price");
        let supplier_rates: HashMap<(String, String, u32), f64> = upstream
            .prices
            .iter()
            .map(|row| ((row.supplier.clone(), row.product_name.clone(), row.term_months), row.rate))
            .collect();
        for offer in &quotes.offers {
            let supplier_rate =
                supplier_rates[&(offer.supplier.clone(), offer.product_name.clone(), offer.term_months)];
            assert!(
                (offer.rate - (supplier_rate + fee)).abs() < 1e-9,
                "{utility}: {} vs {supplier_rate} + {fee}",
                offer.rate
            );
            assert_eq!(offer.unit, unit);
            let expected_monthly = (annual_usage as f64 * offer.rate / 12.0 * 100.0).round() / 100.0;
            assert_eq!(offer.estimated_monthly_cost, expected_monthly);
            assert!(offer.quote_id.starts_with("q_"));
        }
        let rates: Vec<f64> = quotes.offers.iter().map(|offer| offer.rate).collect();
        assert!(rates.windows(2).all(|pair| pair[0] <= pair[1]), "{utility}: not sorted by rate: {rates:?}");
    }
}

#[tokio::test]
async fn quotes_are_stored_with_fee() {
    let app = spawn_app().await;

    let quotes = app.quotes(&comed_quote_request(120_000)).await;

    let offer = &quotes.offers[0];
    let (supplier_rate, broker_fee, rate): (f64, f64, f64) =
        sqlx::query_as("SELECT supplier_rate, broker_fee, rate FROM quotes WHERE id = ?")
            .bind(&offer.quote_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(broker_fee, 0.003);
    assert_eq!(rate, offer.rate);
    assert!((supplier_rate + broker_fee - rate).abs() < 1e-9);
}

#[tokio::test]
async fn usage_above_bands_needs_custom_quote() {
    let app = spawn_app().await;

    let quotes = app.quotes(&comed_quote_request(5_000_000)).await;

    assert!(quotes.custom_quote_needed);
    assert!(quotes.offers.is_empty());
}

#[tokio::test]
async fn invalid_quote_request_lists_fields() {
    let app = spawn_app().await;
    let mut request = comed_quote_request(0);
    request["zip"] = "606".into();
    request["start_month"] = "next month".into();

    let response = app.post("/v1/quotes").json(&request).send().await.unwrap();

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["zip", "annual_usage", "start_month"]);
}
