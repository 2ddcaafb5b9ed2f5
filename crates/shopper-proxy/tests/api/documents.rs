//! `GET /v1/contracts/{id}/document`: the platform's contract PDF, scoped to the partner.

use crate::helpers::{ALLOWED_ORIGIN, DEMO_KEY, spawn_app};

const POPUP_KEY: &str = "pk_test_demo_popup";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn document_is_contract_pdf() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let response = app
        .get(&format!("/v1/contracts/{}/document", contract.id))
        .header("Origin", ALLOWED_ORIGIN)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert_eq!(
        disposition,
        format!("inline; filename=\"contract-{}.pdf\"", contract.id)
    );
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF: {:?}", &pdf[..pdf.len().min(16)]);
    for text in [
        "(Lakeview Bakery LLC)",
        "(Dana Whitfield)",
        "(0123456789)",
        &contract.supplier,
    ] {
        assert!(contains(&pdf, text), "the PDF lacks {text}");
    }
}

#[tokio::test]
async fn document_key_may_be_in_query() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let url = format!("{}/v1/contracts/{}/document?key={DEMO_KEY}", app.address, contract.id);
    let response = app.client.get(url).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF-"));
}

#[tokio::test]
async fn document_of_other_partner_is_404() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let url = format!("{}/v1/contracts/{}/document", app.address, contract.id);
    let response = app
        .client
        .get(url)
        .header("X-Publishable-Key", POPUP_KEY)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn document_needs_key_and_known_id() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let without_key = app
        .client
        .get(format!("{}/v1/contracts/{}/document", app.address, contract.id))
        .send()
        .await
        .unwrap();
    let unknown = app.get("/v1/contracts/ct_unknown/document").send().await.unwrap();

    assert_eq!(without_key.status(), 401);
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn document_rate_includes_broker_fee() {
    let app = spawn_app().await;
    let contract = app.create_contract().await;

    let response = app
        .get(&format!("/v1/contracts/{}/document", contract.id))
        .header("Origin", ALLOWED_ORIGIN)
        .send()
        .await
        .unwrap();
    let pdf = response.bytes().await.unwrap();

    // The widget's offer and the contract carry the supplier's rate plus the demo partner's fee
    // of 3 mills; the customer must sign that same rate.
    let signed_rate = format!("${:.5} per kWh", contract.rate);
    assert!(contains(&pdf, &signed_rate), "the PDF lacks {signed_rate}");
}
