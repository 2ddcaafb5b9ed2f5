//! A mock DocuSign on loopback, a client configured for it and an RSA key pair per test run.

use std::sync::LazyLock;

use docusign_esign::{DocuSignClient, DocuSignConfig, Environment, GrantClaims};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const INTEGRATION_KEY: &str = "7c2b8d8e-1f4a-4b6c-9d0e-3a5b7c9d1e2f";
pub const USER_ID: &str = "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
pub const ACCOUNT_ID: &str = "8a3b0f62-1c4d-4e5f-9a7b-2c3d4e5f6a7b";
pub const OTHER_ACCOUNT_ID: &str = "1e2d3c4b-5a69-4788-9aab-bccddeeff001";
pub const ACCESS_TOKEN: &str = "eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.test-access-token";
pub const CONSENT_REDIRECT_URI: &str = "https://broker.example/docusign/consent";

/// An RSA key pair generated once per test binary, so no private key is stored in the
/// repository.
pub struct TestKey {
    pub private_pem: String,
    pub public_pem: String,
}

pub static TEST_KEY: LazyLock<TestKey> = LazyLock::new(|| {
    let private_key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("generate RSA test key");
    TestKey {
        private_pem: private_key
            .to_pkcs1_pem(LineEnding::LF)
            .expect("encode key")
            .to_string(),
        public_pem: private_key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("encode public key"),
    }
});

/// Builds a demo-environment configuration whose token and userinfo requests go to `server`.
pub fn config_for(server: &MockServer) -> DocuSignConfig {
    DocuSignConfig::new(
        INTEGRATION_KEY,
        USER_ID,
        SecretString::from(TEST_KEY.private_pem.clone()),
        Environment::Demo,
        CONSENT_REDIRECT_URI,
    )
    .with_auth_base_url(server.uri())
}

pub fn client_for(server: &MockServer) -> DocuSignClient {
    DocuSignClient::new(config_for(server)).expect("valid test config")
}

/// Mounts a token endpoint that returns `ACCESS_TOKEN` for every JWT grant.
pub async fn mount_token(server: &MockServer, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_response(ACCESS_TOKEN, expires_in))
        .mount(server)
        .await;
}

pub fn token_response(access_token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }))
}

/// Builds a userinfo body as DocuSign documents it. The default account's REST API is on
/// `server`, and the other account's on a closed loopback port.
pub fn userinfo_body(server: &MockServer) -> Value {
    json!({
        "sub": USER_ID,
        "name": "Avery Collins",
        "given_name": "Avery",
        "family_name": "Collins",
        "created": "2024-02-13T22:03:03.45",
        "email": "avery.collins@example.com",
        "accounts": [
            {
                "account_id": OTHER_ACCOUNT_ID,
                "is_default": false,
                "account_name": "Summit Energy Partners (archive)",
                "base_uri": "http://127.0.0.1:9"
            },
            {
                "account_id": ACCOUNT_ID,
                "is_default": true,
                "account_name": "Summit Energy Partners",
                "base_uri": server.uri()
            }
        ]
    })
}

/// Mounts the token endpoint and userinfo, which every REST call needs first.
pub async fn mount_token_and_userinfo(server: &MockServer) {
    mount_token(server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/oauth/userinfo"))
        .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(userinfo_body(server)))
        .mount(server)
        .await;
}

/// Returns the form fields of a URL-encoded request body.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

pub fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_fields(body)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Verifies the RS256 signature of a JWT grant assertion with the test public key and
/// returns its claims.
pub fn decode_assertion(assertion: &str) -> GrantClaims {
    let key = DecodingKey::from_rsa_pem(TEST_KEY.public_pem.as_bytes()).expect("public key");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["account-d.docusign.com"]);
    jsonwebtoken::decode::<GrantClaims>(assertion, &key, &validation)
        .expect("assertion is a valid RS256 JWT for the demo audience")
        .claims
}

/// Returns the requests `server` received for `method_name` and `path_value`.
pub async fn requests_to(server: &MockServer, method_name: &str, path_value: &str) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .into_iter()
        .filter(|request| request.method.as_str() == method_name && request.url.path() == path_value)
        .collect()
}
