//! `repriceContract`: moving an unsigned contract to a current price of the same offer.

use serde_json::{Value, json};
use shopper_types::upstream::operations::{CONTRACT, CREATE_CONTRACT, CREATE_SIGNING_SESSION, REPRICE_CONTRACT};

use crate::helpers::*;

const RETURN_URL: &str = "http://127.0.0.1:9/demo?cs_contract=abc123";
const CONTRACT_RATE: &str = "query Contract($id: ID!) { contract(id: $id) { id status priceId rate } }";

fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {response}"))
}

fn reprice_input(contract_id: &str, price_id: &str, broker_fee: f64) -> Value {
    json!({ "input": { "contractId": contract_id, "priceId": price_id, "brokerFee": broker_fee } })
}

async fn create_contract(base: &str, price_id: &str, external_reference: &str) -> String {
    let created = graphql(base, CREATE_CONTRACT, contract_input(price_id, external_reference)).await;
    created["data"]["createContract"]["id"].as_str().unwrap_or_else(|| panic!("no contract in {created}")).to_owned()
}

async fn signing_url(base: &str, contract_id: &str) -> String {
    let session = graphql(base, CREATE_SIGNING_SESSION, json!({ "contractId": contract_id, "returnUrl": RETURN_URL })).await;
    session["data"]["createSigningSession"]["url"].as_str().unwrap_or_else(|| panic!("no session in {session}")).to_owned()
}

async fn rate(base: &str, contract_id: &str) -> f64 {
    let contract = graphql(base, CONTRACT_RATE, json!({ "id": contract_id })).await;
    contract["data"]["contract"]["rate"].as_f64().unwrap()
}

#[tokio::test]
async fn reprice_moves_the_rate_and_revokes_links() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let contract_id = create_contract(&base, &price_id, "ext-reprice").await;
    let old_rate = rate(&base, &contract_id).await;
    let old_link = signing_url(&base, &contract_id).await;

    // The sandbox's price for the day does not move, so a new broker fee gives the contract a new rate.
    let repriced = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, &price_id, 0.002)).await;

    assert!(repriced["errors"].is_null(), "{repriced}");
    assert_eq!(repriced["data"]["repriceContract"]["status"], "AWAITING_SIGNATURE");
    assert!((rate(&base, &contract_id).await - (old_rate + 0.002)).abs() < 1e-9);
    let old_page = client().get(&old_link).send().await.unwrap();
    assert_eq!(old_page.status(), 410, "a link that showed the old price no longer works");

    let new_link = signing_url(&base, &contract_id).await;
    let signed = client().post(&new_link).form(&[("action", "sign")]).send().await.unwrap();
    assert!(signed.headers()["location"].to_str().unwrap().ends_with("event=signing_complete"));
}

#[tokio::test]
async fn same_price_again_changes_nothing() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let contract_id = create_contract(&base, &price_id, "ext-same").await;
    let link = signing_url(&base, &contract_id).await;

    let repriced = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, &price_id, 0.0)).await;

    assert!(repriced["errors"].is_null(), "{repriced}");
    assert_eq!(client().get(&link).send().await.unwrap().status(), 200, "the open link still works");
}

#[tokio::test]
async fn price_of_another_offer_is_rejected() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let price_ids = comed_price_ids(&base).await;
    assert!(price_ids.len() >= 2, "ComEd has several suppliers");
    let contract_id = create_contract(&base, &price_ids[0], "ext-mismatch").await;

    let repriced = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, &price_ids[1], 0.0)).await;

    assert_eq!(error_code(&repriced), "PRICE_MISMATCH");
    let message = repriced["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("same supplier, product, term and start month"), "{message}");
}

#[tokio::test]
async fn signed_contract_keeps_its_price() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let contract_id = create_contract(&base, &price_id, "ext-signed").await;
    let link = signing_url(&base, &contract_id).await;
    client().post(&link).form(&[("action", "sign")]).send().await.unwrap();

    let repriced = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, &price_id, 0.002)).await;

    assert_eq!(error_code(&repriced), "CONTRACT_NOT_SIGNABLE");
    let contract = graphql(&base, CONTRACT, json!({ "id": contract_id })).await;
    assert_eq!(contract["data"]["contract"]["status"], "SIGNED");
}

#[tokio::test]
async fn unknown_contract_or_price_is_rejected() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let price_id = comed_price_id(&base).await;
    let contract_id = create_contract(&base, &price_id, "ext-unknown").await;

    let no_contract = graphql(&base, REPRICE_CONTRACT, reprice_input("ctr_missing", &price_id, 0.0)).await;
    assert_eq!(error_code(&no_contract), "CONTRACT_NOT_FOUND");
    let no_price = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, "p2.nope", 0.0)).await;
    assert_eq!(error_code(&no_price), "PRICE_NOT_FOUND");
    let huge_fee = graphql(&base, REPRICE_CONTRACT, reprice_input(&contract_id, &price_id, 5.0)).await;
    assert_eq!(error_code(&huge_fee), "INVALID_INPUT");
}
