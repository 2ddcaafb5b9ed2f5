//! Account discovery through `/oauth/userinfo`.

use docusign_esign::{DocuSignClient, Error};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{ACCESS_TOKEN, ACCOUNT_ID, OTHER_ACCOUNT_ID, USER_ID, config_for, mount_token, userinfo_body};

async fn mount_userinfo(server: &MockServer, body: serde_json::Value, expected_calls: u64) {
    Mock::given(method("GET"))
        .and(path("/oauth/userinfo"))
        .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(expected_calls)
        .mount(server)
        .await;
}

#[tokio::test]
async fn userinfo_picks_default_account() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    mount_userinfo(&server, userinfo_body(&server), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();

    let first = client.account().await.expect("account");
    let second = client.account().await.expect("cached account");

    assert_eq!(first.account_id, ACCOUNT_ID);
    assert_eq!(first.account_name.as_deref(), Some("Summit Energy Partners"));
    assert_eq!(first.rest_base_url, format!("{}/restapi", server.uri()));
    assert_eq!(first, second);
}

#[tokio::test]
async fn configured_account_wins_over_default() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    mount_userinfo(&server, userinfo_body(&server), 1).await;
    let config = config_for(&server).with_account_id(OTHER_ACCOUNT_ID);
    let client = DocuSignClient::new(config).unwrap();

    let account = client.account().await.expect("account");

    assert_eq!(account.account_id, OTHER_ACCOUNT_ID);
    assert_eq!(account.rest_base_url, "http://127.0.0.1:9/restapi");
}

#[tokio::test]
async fn unknown_configured_account_rejected() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    mount_userinfo(&server, userinfo_body(&server), 1).await;
    let unknown = "00000000-0000-4000-8000-000000000000";
    let client = DocuSignClient::new(config_for(&server).with_account_id(unknown)).unwrap();

    let error = client.account().await.expect_err("account is not the user's");

    assert!(matches!(error, Error::AccountNotFound { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains(unknown), "{message}");
    assert!(message.contains(ACCOUNT_ID), "lists the available accounts: {message}");
}

#[tokio::test]
async fn missing_default_account_rejected() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    let body = json!({
        "sub": USER_ID,
        "accounts": [
            {"account_id": ACCOUNT_ID, "is_default": false, "base_uri": server.uri()}
        ]
    });
    mount_userinfo(&server, body, 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();

    let error = client.account().await.expect_err("no default account");

    assert!(matches!(error, Error::NoDefaultAccount { .. }), "{error:?}");
}

#[tokio::test]
async fn failed_userinfo_is_retried_next_call() {
    let server = MockServer::start().await;
    mount_token(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/oauth/userinfo"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    mount_userinfo(&server, userinfo_body(&server), 1).await;
    let client = DocuSignClient::new(config_for(&server)).unwrap();

    let error = client.account().await.expect_err("first userinfo fails");
    let account = client.account().await.expect("second userinfo succeeds");

    assert!(matches!(error, Error::Api { status: 503, .. }), "{error:?}");
    assert_eq!(account.account_id, ACCOUNT_ID);
}
