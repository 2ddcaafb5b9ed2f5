//! JWT grant: the assertion, token caching and the errors that tell the operator what to do.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use docusign_esign::{DocuSignClient, Error, JWT_BEARER_GRANT_TYPE, consent_url};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{
    ACCESS_TOKEN, INTEGRATION_KEY, USER_ID, client_for, config_for, decode_assertion, form_field, mount_token,
    requests_to, token_response,
};

#[tokio::test]
async fn token_request_carries_jwt_grant() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    let client = client_for(&server);

    let token = client.access_token().await.expect("token");

    assert_eq!(token.expose_secret(), ACCESS_TOKEN);
    let requests = requests_to(&server, "POST", "/oauth/token").await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    let content_type = request.headers.get("content-type").expect("content type");
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        form_field(&request.body, "grant_type").as_deref(),
        Some(JWT_BEARER_GRANT_TYPE)
    );
    assert_eq!(JWT_BEARER_GRANT_TYPE, "urn:ietf:params:oauth:grant-type:jwt-bearer");
}

#[tokio::test]
async fn assertion_claims_decode() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    let client = client_for(&server);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();

    client.access_token().await.expect("token");

    let requests = requests_to(&server, "POST", "/oauth/token").await;
    let assertion = form_field(&requests[0].body, "assertion").expect("assertion field");
    let header = jsonwebtoken::decode_header(&assertion).expect("JWT header");
    assert_eq!(header.alg, jsonwebtoken::Algorithm::RS256);
    let claims = decode_assertion(&assertion);
    assert_eq!(claims.iss, INTEGRATION_KEY);
    assert_eq!(claims.sub, USER_ID);
    assert_eq!(claims.aud, "account-d.docusign.com", "aud is the bare host, no scheme");
    assert_eq!(claims.scope, "signature impersonation");
    assert!(claims.iat.abs_diff(now) <= 5, "iat {} is not now ({now})", claims.iat);
    assert!(claims.exp > claims.iat);
    assert!(claims.exp - claims.iat <= 3600, "DocuSign allows at most one hour");
}

#[tokio::test]
async fn token_cached_across_calls() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response(ACCESS_TOKEN, 3600))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);

    let first = client.access_token().await.expect("first token");
    let second = client.access_token().await.expect("second token");

    assert_eq!(first.expose_secret(), second.expose_secret());
}

#[tokio::test]
async fn concurrent_callers_share_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response(ACCESS_TOKEN, 3600).set_delay(Duration::from_millis(200)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);

    let (first, second) = tokio::join!(client.access_token(), client.access_token());

    assert!(first.is_ok());
    assert!(second.is_ok());
}

#[tokio::test]
async fn token_refreshed_after_expiry() {
    let server = MockServer::start().await;
    // The first mock responds once, so the second grant gets the second token.
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response("first-token", 1))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response("second-token", 3600))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);

    let first = client.access_token().await.expect("first token");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = client.access_token().await.expect("second token");
    let third = client.access_token().await.expect("third token");

    assert_eq!(first.expose_secret(), "first-token");
    assert_eq!(second.expose_secret(), "second-token");
    assert_eq!(third.expose_secret(), "second-token");
}

#[tokio::test]
async fn consent_required_names_consent_url() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "consent_required"})))
        .mount(&server)
        .await;
    let client = client_for(&server);

    let error = client.access_token().await.expect_err("consent is missing");

    let expected_url = format!(
        "https://account-d.docusign.com/oauth/auth?response_type=code\
         &scope=signature%20impersonation&client_id={INTEGRATION_KEY}\
         &redirect_uri=https%3A%2F%2Fbroker.example%2Fdocusign%2Fconsent"
    );
    let Error::ConsentRequired { consent_url: url, .. } = &error else {
        panic!("expected ConsentRequired, got {error:?}");
    };
    assert_eq!(url, &expected_url);
    assert_eq!(consent_url(&config_for(&server)), expected_url);
    let message = error.to_string();
    assert!(message.contains(&expected_url), "{message}");
    assert!(message.contains(USER_ID), "{message}");
    assert!(message.contains("sign in as that user"), "{message}");
}

#[tokio::test]
async fn invalid_grant_names_checks() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": "no_valid_keys_or_signatures"
        })))
        .mount(&server)
        .await;
    let client = client_for(&server);

    let error = client.access_token().await.expect_err("grant is rejected");

    let Error::InvalidGrant { description, .. } = &error else {
        panic!("expected InvalidGrant, got {error:?}");
    };
    assert_eq!(description, "no_valid_keys_or_signatures");
    let message = error.to_string();
    assert!(message.contains("no_valid_keys_or_signatures"), "{message}");
    assert!(message.contains(USER_ID), "{message}");
    assert!(message.contains("RSA key pair"), "{message}");
    assert!(message.contains("clock"), "{message}");
}

#[tokio::test]
async fn other_oauth_error_is_reported() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": "assertion is missing"
        })))
        .mount(&server)
        .await;
    let client = client_for(&server);

    let error = client.access_token().await.expect_err("request is rejected");

    let Error::TokenRejected { status, error: detail } = &error else {
        panic!("expected TokenRejected, got {error:?}");
    };
    assert_eq!(*status, 400);
    assert_eq!(detail, "invalid_request (assertion is missing)");
}

#[tokio::test]
async fn failed_grant_is_not_cached() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "consent_required"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response(ACCESS_TOKEN, 3600))
        .mount(&server)
        .await;
    let client = client_for(&server);

    assert!(client.access_token().await.is_err());
    let token = client.access_token().await.expect("token after consent");

    assert_eq!(token.expose_secret(), ACCESS_TOKEN);
}

#[tokio::test]
async fn auth_host_with_scheme_rejected() {
    let server = MockServer::start().await;
    let mut config = config_for(&server);
    config.auth_host = "https://account-d.docusign.com".to_owned();

    let error = DocuSignClient::new(config).err().expect("config is rejected");

    assert!(matches!(error, Error::InvalidConfig(_)), "{error:?}");
    assert!(error.to_string().contains("bare host"), "{error}");
}

#[tokio::test]
async fn invalid_private_key_rejected() {
    let server = MockServer::start().await;
    let mut config = config_for(&server);
    config.private_key_pem = SecretString::from("not a PEM key".to_owned());

    let error = DocuSignClient::new(config).err().expect("key is rejected");

    assert!(matches!(error, Error::InvalidPrivateKey(_)), "{error:?}");
}
