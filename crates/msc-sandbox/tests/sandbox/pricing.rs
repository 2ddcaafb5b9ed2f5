use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::*;

fn start_month() -> String {
    next_month(&chrono::Utc::now().format("%Y-%m").to_string())
}

fn prices_uri(postal_code: &str, utility: &str, commodity: &str, usage: &str, extra: &str) -> String {
    format!(
        "/v2/prices/by-location?postal_code={postal_code}&account_type=C&utility={utility}&commodity={commodity}&annual_usage={usage}&start_month={}{extra}",
        start_month()
    )
}

#[tokio::test]
async fn chicago_has_comed() {
    let (status, body) = call(get("/v2/utilities/by-location?postal_code=60601")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "IL");
    assert_eq!(body["choice_market"], true);
    let comed = &body["utilities"][0];
    assert_eq!(comed["code"], "COMED");
    assert_eq!(comed["commodity"], "electricity");
    assert_eq!(comed["identifier_label"], "Account number");
}

#[tokio::test]
async fn texas_zip_lists_two_utilities() {
    let (status, body) = call(get("/v2/utilities/by-location?postal_code=77539")).await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = body["utilities"].as_array().unwrap().iter().map(|utility| utility["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["CENTERPOINT", "TNMP"]);
    assert_eq!(body["utilities"][0]["identifier_label"], "ESI ID");
}

#[tokio::test]
async fn florida_is_not_a_choice_market() {
    let (status, body) = call(get("/v2/utilities/by-location?postal_code=33101")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "FL");
    assert_eq!(body["choice_market"], false);
    assert_eq!(body["utilities"], Value::Array(vec![]));
}

#[tokio::test]
async fn unknown_zip_is_404() {
    let (status, body) = call(get("/v2/utilities/by-location?postal_code=00501")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "unknown_postal_code");
}

#[tokio::test]
async fn malformed_zip_is_400() {
    for uri in ["/v2/utilities/by-location?postal_code=6060x", "/v2/utilities/by-location"] {
        let (status, body) = call(get(uri)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(body["code"], "invalid_parameter");
        assert!(body["message"].as_str().unwrap().starts_with("postal_code: "), "{body}");
    }
}

#[tokio::test]
async fn comed_prices_for_chicago() {
    let (status, body) = call(get(&prices_uri("60601", "COMED", "electricity", "120000", ""))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["custom_quote_needed"], false);
    assert_eq!(body["utility"], "COMED");
    let prices = body["prices"].as_array().unwrap();
    assert!(prices.len() >= 10, "{} prices", prices.len());
    let rates: Vec<f64> = prices.iter().map(|price| price["rate"].as_f64().unwrap()).collect();
    assert!(rates.windows(2).all(|pair| pair[0] <= pair[1]), "not sorted: {rates:?}");
    let first = &prices[0];
    assert_eq!(first["unit"], "kwh");
    assert_eq!(first["usage_min"], 100_001);
    assert_eq!(first["usage_max"], 250_000);
    assert_eq!(first["start_month"], start_month());
    assert!(first["disclosure_url"].as_str().unwrap().starts_with("http://127.0.0.1:7000/disclosures/"));
    let valid_until = chrono::DateTime::parse_from_rfc3339(first["valid_until"].as_str().unwrap()).unwrap();
    assert!(valid_until > chrono::Utc::now());
}

/// One ZIP code per choice market, its utility, and the supply-only price range expected there
/// (dollars per kWh or therm), about half of the state's all-in commercial average.
const MARKET_CASES: &[(&str, &str, &str, &str, &str, f64, f64)] = &[
    ("TX", "75201", "ONCOR", "electricity", "kwh", 0.055, 0.085),
    ("IL", "60601", "COMED", "electricity", "kwh", 0.060, 0.090),
    ("IL", "61602", "AMEREN_IL", "electricity", "kwh", 0.060, 0.090),
    ("OH", "43215", "AEP_OHIO", "electricity", "kwh", 0.058, 0.088),
    ("OH", "44113", "CEI", "electricity", "kwh", 0.058, 0.088),
    ("PA", "15222", "DUQUESNE", "electricity", "kwh", 0.065, 0.095),
    ("NJ", "07102", "PSEG", "electricity", "kwh", 0.080, 0.115),
    ("NY", "10001", "CONED", "electricity", "kwh", 0.085, 0.125),
    ("NY", "14202", "NATGRID_NY", "electricity", "kwh", 0.085, 0.125),
    ("MD", "21201", "BGE", "electricity", "kwh", 0.070, 0.100),
    ("DE", "19801", "DELMARVA_DE", "electricity", "kwh", 0.068, 0.098),
    ("DC", "20001", "PEPCO_DC", "electricity", "kwh", 0.080, 0.112),
    ("MA", "02108", "EVERSOURCE_MA", "electricity", "kwh", 0.100, 0.140),
    ("CT", "06103", "EVERSOURCE_CT", "electricity", "kwh", 0.100, 0.140),
    ("RI", "02903", "RI_ENERGY", "electricity", "kwh", 0.095, 0.135),
    ("NH", "03101", "EVERSOURCE_NH", "electricity", "kwh", 0.095, 0.135),
    ("ME", "04101", "CMP", "electricity", "kwh", 0.090, 0.130),
    ("IL", "60540", "NICOR", "gas", "therm", 0.45, 0.80),
    ("OH", "43215", "COLUMBIA_OH", "gas", "therm", 0.42, 0.75),
    ("PA", "19406", "PECO_GAS", "gas", "therm", 0.45, 0.80),
    ("NJ", "07102", "PSEG_GAS", "gas", "therm", 0.50, 0.85),
    ("NY", "11201", "KEDNY", "gas", "therm", 0.52, 0.90),
    ("MD", "21201", "BGE_GAS", "gas", "therm", 0.50, 0.85),
    ("DC", "20001", "WASHINGTON_GAS_DC", "gas", "therm", 0.55, 0.90),
    ("GA", "30303", "AGL", "gas", "therm", 0.55, 0.90),
    ("MA", "02108", "NATGRID_MA_GAS", "gas", "therm", 0.60, 0.95),
    ("MI", "48226", "DTE_GAS", "gas", "therm", 0.42, 0.75),
];

#[tokio::test]
async fn every_market_quotes_within_its_range() {
    for &(state, zip, utility, commodity, unit, low, high) in MARKET_CASES {
        let label = format!("{state} {zip} {utility}");
        let (status, body) = call(get(&format!("/v2/utilities/by-location?postal_code={zip}"))).await;
        assert_eq!(status, StatusCode::OK, "{label}: {body}");
        assert_eq!(body["state"], state, "{label}");
        assert_eq!(body["choice_market"], true, "{label}");
        let served: Vec<&str> = body["utilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|utility| utility["code"].as_str().unwrap())
            .collect();
        assert!(served.contains(&utility), "{label}: served by {served:?}");

        let usage = if commodity == "gas" { "12000" } else { "150000" };
        let (status, body) = call(get(&prices_uri(zip, utility, commodity, usage, ""))).await;
        assert_eq!(status, StatusCode::OK, "{label}: {body}");
        let prices = body["prices"].as_array().unwrap();
        let suppliers: std::collections::BTreeSet<&str> =
            prices.iter().map(|price| price["supplier"].as_str().unwrap()).collect();
        assert!(suppliers.len() >= 5, "{label}: suppliers {suppliers:?}");
        for price in prices {
            let rate = price["rate"].as_f64().unwrap();
            assert!(
                (low..=high).contains(&rate),
                "{label}: rate {rate} outside {low}..{high}"
            );
            assert_eq!(price["unit"], unit, "{label}");
            assert_eq!(price["utility"], utility, "{label}");
        }
    }
}

#[tokio::test]
async fn both_tdsps_of_a_shared_texas_zip_quote() {
    for utility in ["CENTERPOINT", "TNMP"] {
        let (status, body) = call(get(&prices_uri("77539", utility, "electricity", "80000", ""))).await;
        assert_eq!(status, StatusCode::OK, "{utility}: {body}");
        let prices = body["prices"].as_array().unwrap();
        assert!(!prices.is_empty(), "{utility}");
        for price in prices {
            assert_eq!(price["zone"], "COAST", "{utility}");
            assert_eq!(price["rate_class"], "BUSNODEM Business Non-Demand", "{utility}");
        }
    }
}

#[tokio::test]
async fn nicor_gas_quotes_in_therms() {
    let (status, body) = call(get(&prices_uri("60540", "NICOR", "gas", "30000", ""))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let prices = body["prices"].as_array().unwrap();
    assert!(!prices.is_empty());
    for price in prices {
        assert_eq!(price["unit"], "therm");
        assert_eq!(
            (price["usage_min"].as_u64(), price["usage_max"].as_u64()),
            (Some(25_001), Some(100_000))
        );
        assert_eq!(price["rate_class"], "Rate 5 Seasonal Use");
        let rate = price["rate"].as_f64().unwrap();
        assert!((0.45..=0.80).contains(&rate), "{rate}");
    }
}

#[tokio::test]
async fn rate_class_parameter_selects_the_class() {
    let (status, body) = call(get(&prices_uri(
        "75201",
        "ONCOR",
        "electricity",
        "300000",
        "&rate_class=bushilf",
    )))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let prices = body["prices"].as_array().unwrap();
    assert!(!prices.is_empty());
    assert!(
        prices
            .iter()
            .all(|price| price["rate_class"] == "BUSHILF Business High Load Factor"),
        "{body}"
    );

    for (extra, expected) in [
        ("&rate_class=GS-1", "is not a ONCOR rate class"),
        ("&rate_class=BUSNODEM", "prices 0 to 100000 kWhs a year"),
    ] {
        let (status, body) = call(get(&prices_uri("75201", "ONCOR", "electricity", "300000", extra))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{extra}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.starts_with("rate_class: "), "{extra}: {message}");
        assert!(message.contains(expected), "{extra}: {message}");
    }
}

#[tokio::test]
async fn gas_usage_above_bands_needs_custom_quote() {
    let (status, body) = call(get(&prices_uri("60540", "NICOR", "gas", "100001", ""))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["custom_quote_needed"], true);
    assert_eq!(body["prices"], Value::Array(vec![]));
}

#[tokio::test]
async fn georgia_offers_gas_only() {
    let (status, body) = call(get(&prices_uri("30303", "AGL", "electricity", "1000", ""))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().unwrap().starts_with("commodity: "), "{body}");
}

#[tokio::test]
async fn term_filter_returns_that_term() {
    let (status, body) = call(get(&prices_uri("60540", "NICOR", "gas", "12000", "&term_months=24"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let prices = body["prices"].as_array().unwrap();
    assert!(!prices.is_empty());
    for price in prices {
        assert_eq!(price["term_months"], 24);
        assert_eq!(price["unit"], "therm");
    }
}

#[tokio::test]
async fn usage_above_largest_band_asks_for_custom_quote() {
    let (status, body) = call(get(&prices_uri("60601", "COMED", "electricity", "2000000", ""))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["custom_quote_needed"], true);
    assert_eq!(body["prices"], Value::Array(vec![]));
}

#[tokio::test]
async fn bad_price_parameters_are_named() {
    let month = start_month();
    let cases = [
        ("/v2/prices/by-location?postal_code=60601&account_type=C&utility=COMED&commodity=electricity&start_month=2026-01".to_owned(), "annual_usage: "),
        (prices_uri("60601", "COMED", "electricity", "-5", ""), "annual_usage: "),
        (prices_uri("60601", "COMED", "gas", "1000", ""), "commodity: "),
        (prices_uri("60601", "ONCOR", "electricity", "1000", ""), "utility: "),
        (prices_uri("60601", "XYZ", "electricity", "1000", ""), "utility: "),
        (prices_uri("60601", "COMED", "electricity", "1000", "&term_months=7"), "term_months: "),
        (prices_uri("60601", "COMED", "electricity", "1000", "").replace("account_type=C", "account_type=R"), "account_type: "),
        (prices_uri("60601", "COMED", "electricity", "1000", "").replace(&month, "2020-01"), "start_month: "),
        (prices_uri("60601", "COMED", "electricity", "1000", "").replace(&month, "next-month"), "start_month: "),
    ];
    for (uri, prefix) in cases {
        let (status, body) = call(get(&uri)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(body["message"].as_str().unwrap().starts_with(prefix), "{uri}: {body}");
    }
}

#[tokio::test]
async fn prices_in_florida_are_refused() {
    let (status, body) = call(get(&prices_uri("33101", "COMED", "electricity", "1000", ""))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "no_choice_market");
}

#[tokio::test]
async fn disclosure_page_is_served() {
    let (_, body) = call(get(&prices_uri("60601", "COMED", "electricity", "50000", ""))).await;
    let url = body["prices"][0]["disclosure_url"].as_str().unwrap();
    let path = url.strip_prefix("http://127.0.0.1:7000").unwrap();
    let (status, page) = call(axum::http::Request::get(path).body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let supplier = body["prices"][0]["supplier"].as_str().unwrap();
    assert!(page.as_str().unwrap().contains(supplier), "{page}");
}

#[tokio::test]
async fn unknown_path_is_404_json() {
    let (status, body) = call(get("/v2/nothing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}
