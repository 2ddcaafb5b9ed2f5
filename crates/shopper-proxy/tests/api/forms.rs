//! The business, signer and account forms as the proxy checks them: invalid payloads come back
//! as 422 `invalid_request` with one error per field, under the paths the widget's inputs use.

use serde_json::{Value, json};
use shopper_types::UtilityRequirements;
use shopper_types::api::Contract;

use crate::helpers::{TestApp, contract_request, spawn_app};

/// Sends a contract request for `body` and returns the status and the `fields` of the error.
async fn field_errors(app: &TestApp, key: &str, body: &Value) -> (u16, Vec<(String, String)>) {
    let response = app.create_contract_response(key, body).await;
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let fields = body["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|field| (field["field"].as_str().unwrap().to_owned(), field["message"].as_str().unwrap().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    (status, fields)
}

fn paths(fields: &[(String, String)]) -> Vec<&str> {
    fields.iter().map(|(path, _)| path.as_str()).collect()
}

fn second_comed_account(account_number: &str) -> Value {
    json!({
        "utility_code": "COMED",
        "account_number": account_number,
        "service_address": { "line1": "233 S Wacker Dr", "line2": "Floor 12", "city": "Chicago", "state": "IL", "zip": "60606" },
    })
}

#[tokio::test]
async fn business_and_signer_errors_per_field() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    request["customer"]["fein"] = "07-1234567".into();
    request["customer"]["business_type"] = Value::Null;
    request["customer"]["contact_title"] = "".into();
    request["customer"]["authorized_signer"] = false.into();

    let (status, fields) = field_errors(&app, "key-business", &request).await;

    assert_eq!(status, 422);
    assert_eq!(
        paths(&fields),
        ["customer.business_type", "customer.fein", "customer.contact_title", "customer.authorized_signer"]
    );
    assert!(fields[1].1.contains("No FEIN starts with 07"), "{}", fields[1].1);
    assert_eq!(fields[3].1, "Confirm that you are authorised to sign for this business.");
    assert_eq!(app.contract_count().await, 0);
}

#[tokio::test]
async fn unknown_business_type_is_rejected() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    request["customer"]["business_type"] = "cooperative".into();

    let response = app.create_contract_response("key-type", &request).await;

    // An enum value the API does not define fails deserialization, before any field check.
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "invalid_request");
    assert!(body["message"].as_str().unwrap().contains("business_type"), "{body}");
}

#[tokio::test]
async fn sole_proprietor_needs_no_fein() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    request["customer"]["business_type"] = "sole_proprietorship".into();
    request["customer"]["fein"] = "".into();

    let response = app.create_contract_response("key-sole", &request).await;

    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
}

#[tokio::test]
async fn second_account_errors_use_its_index() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    let mut second = second_comed_account("012345678");
    second["service_address"]["zip"] = "6060".into();
    request["accounts"].as_array_mut().unwrap().push(second);

    let (status, fields) = field_errors(&app, "key-second", &request).await;

    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["accounts[1].account_number", "accounts[1].service_address.zip"]);
    assert_eq!(fields[0].1, "ComEd account numbers have 10 digits; yours has 9.");
}

#[tokio::test]
async fn duplicate_account_rejected_on_second() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    request["accounts"].as_array_mut().unwrap().push(second_comed_account("01234-56789"));

    let (status, fields) = field_errors(&app, "key-duplicate", &request).await;

    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["accounts[1].account_number"]);
    assert_eq!(fields[0].1, "Account 1 has this account number already; enter each account once.");
}

#[tokio::test]
async fn identifier_fields_beyond_requirements_rejected() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    request["accounts"][0]["name_key"] = "LAKE".into();

    let (status, fields) = field_errors(&app, "key-extra", &request).await;

    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["accounts[0].name_key"]);
    assert_eq!(fields[0].1, "ComEd accounts have no name key; leave it empty.");
}

#[tokio::test]
async fn billing_address_checked_when_given() {
    let app = spawn_app().await;
    let mut request = contract_request("q_unused");
    request["billing_address"] = json!({ "line1": "", "city": "Chicago", "state": "Illinois", "zip": "60690" });

    let (status, fields) = field_errors(&app, "key-billing", &request).await;

    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["billing_address.line1", "billing_address.state"]);
    assert!(fields[1].1.contains("use two letters, like IL"), "{}", fields[1].1);
}

#[tokio::test]
async fn account_off_the_quoted_utility_names_it() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    let mut ameren = second_comed_account("9876543210");
    ameren["utility_code"] = "AMEREN_IL".into();
    request["accounts"].as_array_mut().unwrap().push(ameren);

    let (status, fields) = field_errors(&app, "key-ameren", &request).await;

    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["accounts[1].utility_code"]);
    assert!(fields[0].1.starts_with("This offer is for ComEd accounts"), "{}", fields[0].1);
}

#[tokio::test]
async fn two_accounts_and_billing_address_reach_the_platform() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    request["accounts"].as_array_mut().unwrap().push(second_comed_account("98765 43210"));
    request["billing_address"] = json!({ "line1": "PO Box 4410", "city": "Chicago", "state": "il", "zip": "60680-4410" });
    request["customer"]["tax_exempt"] = true.into();

    let response = app.create_contract_response("key-two", &request).await;

    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let contract: Contract = response.json().await.unwrap();
    let details: String = sqlx::query_scalar("SELECT details FROM contracts WHERE id = ?")
        .bind(&contract.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let details: Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["accounts"][1]["accountNumber"], "9876543210");
    assert_eq!(details["billing_address"]["state"], "IL");
    assert_eq!(details["billing_address"]["zip"], "60680-4410");
    assert_eq!(details["customer"]["fein"], "36-4123456");
    assert_eq!(details["customer"]["businessType"], "llc");
    assert_eq!(details["customer"]["contactTitle"], "Owner");
    assert_eq!(details["customer"]["taxExempt"], true);
}

#[tokio::test]
async fn requirements_list_the_utility_fields() {
    let app = spawn_app().await;

    let comed: UtilityRequirements = app.get("/v1/utilities/COMED/requirements").send().await.unwrap().json().await.unwrap();
    let national_grid: UtilityRequirements =
        app.get("/v1/utilities/natgrid_ma/requirements").send().await.unwrap().json().await.unwrap();

    assert_eq!(comed, shopper_types::utility_requirements("COMED").unwrap());
    assert_eq!(comed.utility_name, "ComEd");
    assert_eq!(comed.fields.len(), 1);
    assert_eq!(comed.fields[0].hint, "10 digits");
    assert_eq!(national_grid, shopper_types::utility_requirements("NATGRID_MA").unwrap());
    assert_eq!(national_grid.fields[1].label, "Name key");
}

#[tokio::test]
async fn requirements_of_unknown_utility_are_404() {
    let app = spawn_app().await;

    let unknown = app.get("/v1/utilities/NOPE/requirements").send().await.unwrap();
    let malformed = app.get("/v1/utilities/CO%20MED%3B/requirements").send().await.unwrap();

    assert_eq!(unknown.status(), 404);
    let body: Value = unknown.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
    assert!(body["message"].as_str().unwrap().contains("\"NOPE\""), "{body}");
    assert_eq!(malformed.status(), 422);
}

#[tokio::test]
async fn requirements_need_a_publishable_key() {
    let app = spawn_app().await;

    let response = app.client.get(format!("{}/v1/utilities/COMED/requirements", app.address)).send().await.unwrap();

    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn platform_field_errors_use_api_paths() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let mut request = contract_request(&quote_id);
    request["accounts"][0]["service_address"]["state"] = "WI".into();

    let (status, fields) = field_errors(&app, "key-state", &request).await;

    // Only the platform stores which state ComEd serves. Its error has a camelCase path, which
    // the proxy maps to the widget's field path.
    assert_eq!(status, 422);
    assert_eq!(paths(&fields), ["accounts[0].service_address.state"]);
    assert!(fields[0].1.contains("ComEd serves Illinois, not WI"), "{}", fields[0].1);
}
