//! The contract PDF: served to the partner that owns the contract and to the holder of a
//! working signing link.

use serde_json::json;
use shopper_types::upstream::API_KEY_HEADER;
use shopper_types::upstream::operations::{CREATE_CONTRACT, CREATE_SIGNING_SESSION};

use crate::helpers::*;

const RETURN_URL: &str = "http://127.0.0.1:9/demo";

async fn create_contract(base: &str, external_reference: &str) -> String {
    let price_id = comed_price_id(base).await;
    let created = graphql(base, CREATE_CONTRACT, contract_input(&price_id, external_reference)).await;
    assert!(created["errors"].is_null(), "{created}");
    created["data"]["createContract"]["id"].as_str().unwrap().to_owned()
}

async fn get_document(base: &str, id: &str, api_key: &str, token: &str) -> reqwest::Response {
    client()
        .get(format!("{base}/v2/contracts/{id}/document"))
        .header(API_KEY_HEADER, api_key)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn document_is_pdf_with_contract_terms() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-document").await;

    let response = get_document(&base, &id, API_KEY, &token()).await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert_eq!(disposition, format!("inline; filename=\"contract-{id}.pdf\""));
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF: {:?}", &pdf[..16]);
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"), "the PDF has no trailer");
    for text in [
        "(Lakeside Bakery LLC)",
        "(Dana Whitfield)",
        "(0123456789)",
        "100 W Randolph St",
        "(Early termination fee)",
        "(Disclosures)",
        "per kWh, fixed for the whole term",
        "/sn1/",
        &id,
    ] {
        assert!(contains(&pdf, text), "the PDF lacks {text}");
    }
}

#[tokio::test]
async fn document_of_other_partner_not_found() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-document-scope").await;
    let other_token = sign(&claims(OTHER_PARTNER_ID), other_key());

    let response = get_document(&base, &id, OTHER_API_KEY, &other_token).await;

    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "contract_not_found");
}

#[tokio::test]
async fn document_requires_partner_credentials() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-document-auth").await;

    let response = client()
        .get(format!("{base}/v2/contracts/{id}/document"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn signing_link_serves_document_until_used() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-document-link").await;
    let session = graphql(
        &base,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": RETURN_URL }),
    )
    .await;
    let url = session["data"]["createSigningSession"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let document_url = format!("{url}/document");
    let document_path = reqwest::Url::parse(&document_url).unwrap().path().to_owned();

    let page = client().get(&url).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains(&format!("href=\"{document_path}\"")),
        "the signing page does not link {document_path}"
    );
    assert!(page.contains("Read the contract (PDF)"));

    let before = client().get(&document_url).send().await.unwrap();
    assert_eq!(before.status(), 200);
    assert!(before.bytes().await.unwrap().starts_with(b"%PDF-"));

    let signed = client().post(&url).form(&[("action", "sign")]).send().await.unwrap();
    assert_eq!(signed.status(), 303);
    let after = client().get(&document_url).send().await.unwrap();
    assert_eq!(after.status(), 404, "a used signing link must not show the contract");
}

#[tokio::test]
async fn signed_document_dates_signature() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let id = create_contract(&base, "ext-document-signed").await;
    let session = graphql(&base, CREATE_SIGNING_SESSION, json!({ "contractId": id, "returnUrl": RETURN_URL })).await;
    let url = session["data"]["createSigningSession"]["url"].as_str().unwrap().to_owned();
    let unsigned = get_document(&base, &id, API_KEY, &token()).await.bytes().await.unwrap();

    let day_before_signing = chrono::Utc::now().format("(%B %-d, %Y)").to_string();
    let signed = client().post(&url).form(&[("action", "sign")]).send().await.unwrap();
    assert_eq!(signed.status(), 303);
    let day_after_signing = chrono::Utc::now().format("(%B %-d, %Y)").to_string();
    let pdf = get_document(&base, &id, API_KEY, &token()).await.bytes().await.unwrap();

    assert!(!contains(&unsigned, "(Signature recorded)"), "an unsigned copy has no signature date");
    assert!(!contains(&unsigned, &day_before_signing), "an unsigned copy has an empty Date field");
    assert!(contains(&pdf, "(Signature recorded)"), "a signed copy says when it was signed");
    assert!(contains(&pdf, "(/s/ Dana Whitfield)"), "a signed copy is conformed on the signature line");
    assert!(!contains(&unsigned, "(/s/ "), "an unsigned copy has a blank signature line");
    assert!(contains(&pdf, " UTC)"), "the signature time is in UTC");
    assert!(
        contains(&pdf, &day_before_signing) || contains(&pdf, &day_after_signing),
        "the Date field lacks the day of signing, {day_after_signing}"
    );
}
