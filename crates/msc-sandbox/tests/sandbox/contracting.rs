use serde_json::{Value, json};
use shopper_types::upstream::operations::{CONTRACT, CREATE_CONTRACT, CREATE_SIGNING_SESSION};

use crate::helpers::*;

fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {response}"))
}

async fn sandbox() -> msc_sandbox::RunningSandbox {
    msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap()
}

#[tokio::test]
async fn create_contract_then_read_it() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;

    let created = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "ext-1")).await;
    assert!(created["errors"].is_null(), "{created}");
    assert_eq!(created["data"]["createContract"]["status"], "CREATED");
    let id = created["data"]["createContract"]["id"].as_str().unwrap();

    let read = graphql(&base, CONTRACT, json!({ "id": id })).await;
    let contract = &read["data"]["contract"];
    assert_eq!(contract["status"], "CREATED");
    assert_eq!(contract["statusHistory"][0]["status"], "CREATED");
    assert!(chrono::DateTime::parse_from_rfc3339(contract["statusHistory"][0]["at"].as_str().unwrap()).is_ok());
}

#[tokio::test]
async fn same_external_reference_returns_the_first_contract() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;

    let first = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "ext-retry")).await;
    let second = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "ext-retry")).await;
    assert_eq!(first["data"]["createContract"]["id"], second["data"]["createContract"]["id"]);
}

#[tokio::test]
async fn unknown_price_id_is_not_found() {
    let sandbox = sandbox().await;
    let response = graphql(&sandbox.base_url(), CREATE_CONTRACT, contract_input("price_does_not_exist", "ext-2")).await;
    assert_eq!(error_code(&response), "PRICE_NOT_FOUND");
    assert!(response["errors"][0]["message"].as_str().unwrap().contains("priceId"), "{response}");
}

#[tokio::test]
async fn yesterdays_price_id_is_expired() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let mut parts: Vec<String> = price_id.split('.').map(str::to_owned).collect();
    let date = chrono::NaiveDate::parse_from_str(&parts[1], "%Y-%m-%d").unwrap();
    parts[1] = (date - chrono::Duration::days(1)).format("%Y-%m-%d").to_string();

    let response = graphql(&base, CREATE_CONTRACT, contract_input(&parts.join("."), "ext-3")).await;
    assert_eq!(error_code(&response), "PRICE_EXPIRED");
}

#[tokio::test]
async fn invalid_fields_are_listed() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let mut input = contract_input(&price_id, "ext-4");
    input["input"]["customer"]["email"] = json!("dana-at-example");
    input["input"]["accounts"][0]["accountNumber"] = json!("12345");
    input["input"]["accounts"][0]["serviceAddress"]["state"] = json!("TX");

    let response = graphql(&base, CREATE_CONTRACT, input).await;
    assert_eq!(error_code(&response), "INVALID_INPUT");
    let fields: Vec<&str> = response["errors"][0]["extensions"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| field["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["customer.email", "accounts[0].accountNumber", "accounts[0].serviceAddress.state"]);
    let message = response["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("ComEd account numbers have 10 digits; yours has 5."), "{message}");
}

#[tokio::test]
async fn account_of_another_utility_is_rejected() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let mut input = contract_input(&price_id, "ext-5");
    input["input"]["accounts"][0]["utilityCode"] = json!("NICOR");

    let response = graphql(&base, CREATE_CONTRACT, input).await;
    assert_eq!(error_code(&response), "INVALID_INPUT");
    assert_eq!(response["errors"][0]["extensions"]["fields"][0]["field"], "accounts[0].utilityCode");
}

#[tokio::test]
async fn other_partner_cannot_see_the_contract() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let created = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "ext-6")).await;
    let id = created["data"]["createContract"]["id"].as_str().unwrap();

    let other_token = sign(&claims(OTHER_PARTNER_ID), other_key());
    let read = graphql_as(&base, OTHER_API_KEY, &other_token, CONTRACT, json!({ "id": id })).await;
    assert!(read["errors"].is_null(), "{read}");
    assert!(read["data"]["contract"].is_null(), "{read}");

    let session = graphql_as(
        &base,
        OTHER_API_KEY,
        &other_token,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": "http://127.0.0.1:9/back" }),
    )
    .await;
    assert_eq!(error_code(&session), "CONTRACT_NOT_FOUND");
}

#[tokio::test]
async fn signing_session_needs_an_http_return_url() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let created = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "ext-7")).await;
    let id = created["data"]["createContract"]["id"].as_str().unwrap();

    for return_url in ["/relative/page", "javascript:alert(1)", "not a url"] {
        let response = graphql(&base, CREATE_SIGNING_SESSION, json!({ "contractId": id, "returnUrl": return_url })).await;
        assert_eq!(error_code(&response), "INVALID_RETURN_URL", "{return_url}");
    }
}

/// Fetches the first Con Edison price for a Manhattan ZIP from a running sandbox.
async fn coned_price_id(base_url: &str) -> String {
    let response = client()
        .get(format!("{base_url}/v2/prices/by-location"))
        .query(&[
            ("postal_code", "10001"),
            ("account_type", "C"),
            ("utility", "CONED"),
            ("commodity", "electricity"),
            ("annual_usage", "200000"),
            (
                "start_month",
                &next_month(&chrono::Utc::now().format("%Y-%m").to_string()),
            ),
        ])
        .header(shopper_types::upstream::API_KEY_HEADER, API_KEY)
        .bearer_auth(token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["prices"][0]["price_id"].as_str().unwrap().to_owned()
}

fn coned_input(price_id: &str, external_reference: &str, account_number: &str) -> Value {
    let mut input = contract_input(price_id, external_reference);
    input["input"]["accounts"][0] = json!({
        "utilityCode": "CONED",
        "accountNumber": account_number,
        "serviceAddress": { "line1": "350 W 31st St", "line2": "", "city": "New York", "state": "NY", "zip": "10001" }
    });
    input
}

#[tokio::test]
async fn con_edison_contract_checks_the_account_format() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = coned_price_id(&base).await;

    let created = graphql(
        &base,
        CREATE_CONTRACT,
        coned_input(&price_id, "ext-ny-1", "12-3456-7890-1234-5"),
    )
    .await;
    assert!(created["errors"].is_null(), "{created}");
    assert_eq!(created["data"]["createContract"]["status"], "CREATED");

    let rejected = graphql(&base, CREATE_CONTRACT, coned_input(&price_id, "ext-ny-2", "0123456789")).await;
    assert_eq!(error_code(&rejected), "INVALID_INPUT");
    let message = rejected["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("Con Edison account numbers have 15 digits; yours has 10."),
        "{message}"
    );
}

#[tokio::test]
async fn price_past_valid_until_is_expired() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let price_id = coned_price_id(&base).await;
    // The same product on a price date a week back: its 6 PM Central expiry has passed.
    let mut parts: Vec<String> = price_id.split('.').map(str::to_owned).collect();
    let date = chrono::NaiveDate::parse_from_str(&parts[1], "%Y-%m-%d").unwrap();
    parts[1] = (date - chrono::Duration::days(7)).format("%Y-%m-%d").to_string();

    let response = graphql(
        &base,
        CREATE_CONTRACT,
        coned_input(&parts.join("."), "ext-ny-3", "123456789012345"),
    )
    .await;
    assert_eq!(error_code(&response), "PRICE_EXPIRED");
    let message = response["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("expired at"), "{message}");
}
