//! A test partner with a fresh RSA key, JWT minting, request helpers and a webhook receiver.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::post;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use msc_sandbox::{SandboxConfig, SandboxPartner};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use serde_json::{Value, json};
use shopper_types::upstream::{API_KEY_HEADER, JWT_AUDIENCE, JwtClaims, WEBHOOK_SIGNATURE_HEADER};
use tokio::sync::mpsc;
use tower::ServiceExt;

pub const PARTNER_ID: &str = "partner_test";
pub const API_KEY: &str = "msc_test_key_1";
pub const WEBHOOK_SECRET: &str = "whsec_test_secret";
pub const OTHER_PARTNER_ID: &str = "partner_other";
pub const OTHER_API_KEY: &str = "msc_test_key_2";

/// An RSA key pair as PEM: (PKCS#1 private key, SPKI public key).
pub struct TestKey {
    pub private_pem: String,
    pub public_pem: String,
    pub rsa: rsa::RsaPrivateKey,
}

fn generate_key() -> TestKey {
    let rsa = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
    let private_pem = rsa.to_pkcs1_pem(LineEnding::LF).unwrap().to_string();
    let public_pem = rsa.to_public_key().to_public_key_pem(LineEnding::LF).unwrap();
    TestKey { private_pem, public_pem, rsa }
}

/// The key of the main test partner, generated once per test binary.
pub fn partner_key() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(generate_key)
}

/// Returns a second key, used by the other partner and for tokens signed with the wrong key.
pub fn other_key() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(generate_key)
}

pub fn partner(webhook_url: &str) -> SandboxPartner {
    SandboxPartner {
        partner_id: PARTNER_ID.to_owned(),
        api_key: API_KEY.to_owned(),
        public_key_pem: partner_key().public_pem.clone(),
        webhook_url: webhook_url.to_owned(),
        webhook_secret: WEBHOOK_SECRET.to_owned(),
    }
}

pub fn other_partner() -> SandboxPartner {
    SandboxPartner {
        partner_id: OTHER_PARTNER_ID.to_owned(),
        api_key: OTHER_API_KEY.to_owned(),
        public_key_pem: other_key().public_pem.clone(),
        // Port 9 (discard) on loopback: nothing listens, so deliveries fail fast.
        webhook_url: "http://127.0.0.1:9/webhooks".to_owned(),
        webhook_secret: "whsec_other".to_owned(),
    }
}

pub fn config(webhook_url: &str) -> SandboxConfig {
    SandboxConfig { partners: vec![partner(webhook_url), other_partner()], webhook_delay: Duration::from_millis(50), docusign: None }
}

pub fn claims(partner_id: &str) -> JwtClaims {
    let now = chrono::Utc::now().timestamp();
    JwtClaims {
        iss: partner_id.to_owned(),
        sub: partner_id.to_owned(),
        aud: JWT_AUDIENCE.to_owned(),
        iat: now,
        exp: now + 300,
        jti: uuid::Uuid::new_v4().to_string(),
    }
}

pub fn sign(claims: &JwtClaims, key: &TestKey) -> String {
    let encoding_key = EncodingKey::from_rsa_pem(key.private_pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), claims, &encoding_key).unwrap()
}

/// A valid token of the main test partner.
pub fn token() -> String {
    sign(&claims(PARTNER_ID), partner_key())
}

/// A GET with the main partner's credentials.
pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header("host", "127.0.0.1:7000")
        .header(API_KEY_HEADER, API_KEY)
        .header("authorization", format!("Bearer {}", token()))
        .body(Body::empty())
        .unwrap()
}

/// Sends a request through a fresh router and returns the status and JSON body.
pub async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let response = msc_sandbox::router(config("http://127.0.0.1:9/webhooks")).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, body)
}

/// Builds a reqwest client for loopback tests, with no HTTP proxy and no automatic redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Posts a GraphQL operation to a running sandbox as the main partner and returns the JSON body.
pub async fn graphql(base_url: &str, query: &str, variables: Value) -> Value {
    graphql_as(base_url, API_KEY, &token(), query, variables).await
}

pub async fn graphql_as(base_url: &str, api_key: &str, token: &str, query: &str, variables: Value) -> Value {
    let response = client()
        .post(format!("{base_url}/graphql"))
        .header(API_KEY_HEADER, api_key)
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Fetches the first ComEd price for a Chicago ZIP from a running sandbox.
pub async fn comed_price_id(base_url: &str) -> String {
    comed_price_ids(base_url).await.swap_remove(0)
}

/// Fetches the price ids of every 12-month ComEd offer for 120,000 kWh starting next month.
pub async fn comed_price_ids(base_url: &str) -> Vec<String> {
    let start_month = chrono::Utc::now().format("%Y-%m").to_string();
    let response = client()
        .get(format!("{base_url}/v2/prices/by-location"))
        .query(&[
            ("postal_code", "60601"),
            ("account_type", "C"),
            ("utility", "COMED"),
            ("commodity", "electricity"),
            ("annual_usage", "120000"),
            ("start_month", &next_month(&start_month)),
            ("term_months", "12"),
        ])
        .header(API_KEY_HEADER, API_KEY)
        .bearer_auth(token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["prices"].as_array().unwrap().iter().map(|price| price["price_id"].as_str().unwrap().to_owned()).collect()
}

/// `YYYY-MM` of the month after `month`.
pub fn next_month(month: &str) -> String {
    let (year, month) = month.split_once('-').unwrap();
    let (year, month): (i32, u32) = (year.parse().unwrap(), month.parse().unwrap());
    if month == 12 { format!("{}-01", year + 1) } else { format!("{year}-{:02}", month + 1) }
}

/// `createContract` variables for a valid ComEd contract.
pub fn contract_input(price_id: &str, external_reference: &str) -> Value {
    json!({
        "input": {
            "priceId": price_id,
            "externalReference": external_reference,
            "customer": {
                "legalName": "Lakeside Bakery LLC",
                "contactName": "Dana Whitfield",
                "email": "dana@lakeside-bakery.example",
                "phone": "(312) 555-0142"
            },
            "accounts": [{
                "utilityCode": "COMED",
                "accountNumber": "0123456789",
                "serviceAddress": { "line1": "100 W Randolph St", "line2": "", "city": "Chicago", "state": "IL", "zip": "60601" }
            }]
        }
    })
}

/// One request the webhook receiver got.
#[derive(Debug, Clone)]
pub struct ReceivedWebhook {
    pub signature: String,
    pub body: Bytes,
}

impl ReceivedWebhook {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

#[derive(Clone)]
struct ReceiverState {
    sender: mpsc::UnboundedSender<ReceivedWebhook>,
    /// Status codes to return first, in order. After them every request gets 200.
    responses: Arc<Mutex<Vec<StatusCode>>>,
}

async fn receive(State(state): State<ReceiverState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers.get(WEBHOOK_SIGNATURE_HEADER).map(|value| value.to_str().unwrap().to_owned()).unwrap_or_default();
    state.sender.send(ReceivedWebhook { signature, body }).unwrap();
    let mut responses = state.responses.lock().unwrap();
    if responses.is_empty() { StatusCode::OK } else { responses.remove(0) }
}

/// Starts a webhook endpoint on 127.0.0.1 that records every request and returns `responses` first.
pub async fn webhook_receiver(responses: Vec<StatusCode>) -> (String, mpsc::UnboundedReceiver<ReceivedWebhook>) {
    let (sender, receiver) = mpsc::unbounded_channel();
    let state = ReceiverState { sender, responses: Arc::new(Mutex::new(responses)) };
    let app = Router::new().route("/webhooks/msc", post(receive)).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks/msc", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, receiver)
}

pub async fn next_webhook(receiver: &mut mpsc::UnboundedReceiver<ReceivedWebhook>) -> ReceivedWebhook {
    tokio::time::timeout(Duration::from_secs(10), receiver.recv()).await.expect("no webhook within 10 s").unwrap()
}

/// Checks an `Msc-Signature` header against the body with the test secret, as a receiver would.
pub fn signature_is_valid(header: &str, body: &[u8], secret: &str) -> bool {
    use hmac::{Hmac, Mac};
    let Some((timestamp, signature)) = header.split_once(",v1=") else { return false };
    let Some(timestamp) = timestamp.strip_prefix("t=") else { return false };
    let Ok(signature) = hex::decode(signature) else { return false };
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    let fresh = timestamp.parse::<i64>().is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() <= 300);
    fresh && mac.verify_slice(&signature).is_ok()
}
