use axum::body::Body;
use axum::http::{Request, StatusCode};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::LineEnding;
use shopper_types::upstream::API_KEY_HEADER;
use tower::ServiceExt;

use crate::helpers::*;

const UTILITIES: &str = "/v2/utilities/by-location?postal_code=60601";

fn request(api_key: Option<&str>, bearer: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(UTILITIES);
    if let Some(api_key) = api_key {
        builder = builder.header(API_KEY_HEADER, api_key);
    }
    if let Some(bearer) = bearer {
        builder = builder.header("authorization", format!("Bearer {bearer}"));
    }
    builder.body(Body::empty()).unwrap()
}

async fn rejection(api_key: Option<&str>, bearer: Option<&str>) -> (String, String) {
    let (status, body) = call(request(api_key, bearer)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    (body["code"].as_str().unwrap().to_owned(), body["message"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn valid_credentials_pass() {
    let (status, body) = call(request(Some(API_KEY), Some(&token()))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn missing_api_key_is_rejected() {
    let (code, message) = rejection(None, Some(&token())).await;
    assert_eq!(code, "missing_api_key");
    assert!(message.contains("X-Api-Key"), "{message}");
}

#[tokio::test]
async fn unknown_api_key_is_rejected() {
    let (code, _) = rejection(Some("msc_nobody"), Some(&token())).await;
    assert_eq!(code, "invalid_api_key");
}

#[tokio::test]
async fn missing_jwt_is_rejected() {
    let (code, message) = rejection(Some(API_KEY), None).await;
    assert_eq!(code, "missing_token");
    assert!(message.contains("Bearer"), "{message}");
}

#[tokio::test]
async fn garbage_jwt_is_rejected() {
    let (code, _) = rejection(Some(API_KEY), Some("not.a.jwt")).await;
    assert_eq!(code, "invalid_token");
}

#[tokio::test]
async fn jwt_signed_with_another_key_is_rejected() {
    let forged = sign(&claims(PARTNER_ID), other_key());
    let (code, message) = rejection(Some(API_KEY), Some(&forged)).await;
    assert_eq!(code, "invalid_token");
    assert!(message.contains("signature"), "{message}");
}

#[tokio::test]
async fn jwt_of_another_partner_is_rejected() {
    // The other partner's own valid token, sent with the main partner's API key.
    let token = sign(&claims(OTHER_PARTNER_ID), other_key());
    let (code, _) = rejection(Some(API_KEY), Some(&token)).await;
    assert_eq!(code, "invalid_token");
}

#[tokio::test]
async fn wrong_issuer_is_rejected() {
    let token = sign(&claims("partner_someone_else"), partner_key());
    let (code, message) = rejection(Some(API_KEY), Some(&token)).await;
    assert_eq!(code, "invalid_token");
    assert!(message.contains("iss"), "{message}");
}

#[tokio::test]
async fn wrong_audience_is_rejected() {
    let mut claims = claims(PARTNER_ID);
    claims.aud = "some-other-api".to_owned();
    let (code, message) = rejection(Some(API_KEY), Some(&sign(&claims, partner_key()))).await;
    assert_eq!(code, "invalid_token");
    assert!(message.contains("aud"), "{message}");
}

#[tokio::test]
async fn expired_jwt_is_rejected() {
    let mut claims = claims(PARTNER_ID);
    claims.iat -= 1_000;
    claims.exp = claims.iat + 300;
    let (code, message) = rejection(Some(API_KEY), Some(&sign(&claims, partner_key()))).await;
    assert_eq!(code, "invalid_token");
    assert!(message.contains("expired"), "{message}");
}

#[tokio::test]
async fn long_lived_jwt_is_rejected() {
    let mut claims = claims(PARTNER_ID);
    claims.exp = claims.iat + 301;
    let (code, message) = rejection(Some(API_KEY), Some(&sign(&claims, partner_key()))).await;
    assert_eq!(code, "invalid_token");
    assert!(message.contains("at most 300 s"), "{message}");
}

#[tokio::test]
async fn graphql_without_jwt_is_rejected() {
    let request = Request::post("/graphql")
        .header(API_KEY_HEADER, API_KEY)
        .header("content-type", "application/json")
        .body(Body::from(r#"{"query":"{ contract(id: \"x\") { id } }"}"#))
        .unwrap();
    let (status, body) = call(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "missing_token");
}

#[tokio::test]
async fn pkcs1_public_key_verifies_tokens() {
    let mut partner = partner("http://127.0.0.1:9/webhooks");
    partner.public_key_pem = partner_key().rsa.to_public_key().to_pkcs1_pem(LineEnding::LF).unwrap();
    assert!(partner.public_key_pem.starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    let config = msc_sandbox::SandboxConfig { partners: vec![partner], webhook_delay: std::time::Duration::from_millis(50), docusign: None };

    let response = msc_sandbox::router(config).oneshot(request(Some(API_KEY), Some(&token()))).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn spawn_rejects_an_invalid_public_key() {
    let mut partner = partner("http://127.0.0.1:9/webhooks");
    partner.public_key_pem = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n".to_owned();
    let config = msc_sandbox::SandboxConfig { partners: vec![partner], webhook_delay: std::time::Duration::from_millis(50), docusign: None };
    let error = msc_sandbox::spawn(config).await.err().expect("spawn must fail");
    assert!(error.to_string().contains(PARTNER_ID), "{error}");
}
