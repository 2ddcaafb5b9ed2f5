//! Spawns the proxy on a free loopback port with a fresh data directory and the real embedded
//! sandbox, and offers typed shortcuts for its endpoints.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{Months, Utc};
use reqwest::{RequestBuilder, Response};
use rsa::RsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use serde_json::{Value, json};
use shopper_proxy::config::Settings;
use shopper_proxy::credentials;
use shopper_proxy::startup::Application;
use shopper_types::api::{Contract, QuoteResponse};
use sqlx::SqlitePool;
use sqlx::sqlite::SqliteConnectOptions;
use tempfile::TempDir;

pub const DEMO_KEY: &str = "pk_test_demo";
/// A page origin the demo partner allows (loopback, any port).
pub const ALLOWED_ORIGIN: &str = "http://127.0.0.1:5173";
/// Pause of the sandbox before each status webhook.
const WEBHOOK_DELAY: Duration = Duration::from_millis(50);
/// A webhook delay that no test waits out, so a test can check the state before any webhook.
pub const WEBHOOKS_HELD_BACK: Duration = Duration::from_secs(600);

/// Generates one RSA key per test binary, because generating a 2048-bit key takes a noticeable time.
fn shared_private_key_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation");
        key.to_pkcs8_pem(LineEnding::LF).expect("PEM encoding").to_string()
    })
}

pub struct TestApp {
    pub address: String,
    /// The embedded sandbox's URL, when a partner uses it.
    pub sandbox_url: Option<String>,
    pub client: reqwest::Client,
    pub db: SqlitePool,
    pub data_dir: TempDir,
}

/// The sandbox partners of the built-in demo: redirect signing and popup signing.
const DEMO_SLUGS: &[&str] = &["summit", "summit-popup"];

/// Starts the proxy with the built-in demo partners.
pub async fn spawn_app() -> TestApp {
    spawn_with(None, DEMO_SLUGS, None, WEBHOOK_DELAY).await
}

/// Starts the proxy with the partners of a TOML file; `slugs` are the sandbox partners in it.
pub async fn spawn_app_with_partners(partners_toml: &str, slugs: &[&str]) -> TestApp {
    spawn_with(Some(partners_toml), slugs, None, WEBHOOK_DELAY).await
}

/// Starts the proxy with the demo partner and an assets directory.
pub async fn spawn_app_with_assets(assets_dir: &Path) -> TestApp {
    spawn_with(None, DEMO_SLUGS, Some(assets_dir), WEBHOOK_DELAY).await
}

/// Starts the proxy with the demo partner and a sandbox that waits `webhook_delay` before each
/// status webhook.
pub async fn spawn_app_with_webhook_delay(webhook_delay: Duration) -> TestApp {
    spawn_with(None, DEMO_SLUGS, None, webhook_delay).await
}

/// Starts the proxy with one Test partner, publishable key [`DEMO_KEY`], whose platform is at
/// `platform_url` (a mock server) instead of the embedded sandbox.
pub async fn spawn_app_with_platform(platform_url: &str) -> TestApp {
    let partners_toml = format!(
        "[[partner]]\nslug = \"summit\"\nname = \"Summit Energy Partners\"\npublishable_key = \"{DEMO_KEY}\"\n\
         allowed_origins = [\"http://127.0.0.1:*\"]\nbroker_fee_per_kwh = 0.003\nbroker_fee_per_therm = 0.03\n\n\
         [partner.upstream]\nbase_url = \"{platform_url}\"\npartner_id = \"summit\"\napi_key = \"test-api-key\"\n\
         private_key_file = \"platform-key.pem\"\nwebhook_secret = \"test-webhook-secret\"\n"
    );
    spawn_with(Some(&partners_toml), &[], None, WEBHOOK_DELAY).await
}

async fn spawn_with(
    partners_toml: Option<&str>,
    slugs: &[&str],
    assets_dir: Option<&Path>,
    webhook_delay: Duration,
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    for slug in slugs {
        let key_path = credentials::private_key_path(data_dir.path(), slug);
        std::fs::create_dir_all(key_path.parent().unwrap()).unwrap();
        std::fs::write(&key_path, shared_private_key_pem()).unwrap();
    }
    let partners_file = partners_toml.map(|toml| {
        let path = data_dir.path().join("partners.toml");
        std::fs::write(&path, toml).unwrap();
        // The key a partner with its own platform names in private_key_file.
        std::fs::write(data_dir.path().join("platform-key.pem"), shared_private_key_pem()).unwrap();
        path
    });

    let settings = Settings {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        assets_dir: assets_dir.map(Path::to_path_buf),
        data_dir: data_dir.path().to_path_buf(),
        partners_file,
        webhook_delay,
        docusign: None,
    };
    let application = Application::build(settings).await.expect("the proxy starts");
    let address = application.base_url();
    let sandbox_url = application.sandbox_url();
    tokio::spawn(application.run_until_stopped());

    let db_options = SqliteConnectOptions::new().filename(data_dir.path().join("shopper.db"));
    let db = SqlitePool::connect_with(db_options).await.expect("the test opens the proxy's database");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp { address, sandbox_url, client, db, data_dir }
}

/// Next month as `YYYY-MM`, always inside the sandbox's matrix.
pub fn next_month() -> String {
    let today = Utc::now().date_naive();
    today.checked_add_months(Months::new(1)).unwrap().format("%Y-%m").to_string()
}

pub fn comed_quote_request(annual_usage: u64) -> Value {
    json!({
        "zip": "60601",
        "utility_code": "COMED",
        "commodity": "electricity",
        "annual_usage": annual_usage,
        "start_month": next_month(),
        "term_months": null,
    })
}

/// Builds a valid contract request for a ComEd quote, with synthetic customer data.
pub fn contract_request(quote_id: &str) -> Value {
    json!({
        "quote_id": quote_id,
        "customer": {
            "legal_name": "Lakeview Bakery LLC",
            "dba": "Lakeview Bakery",
            "fein": "36-4123456",
            "tax_exempt": false,
            "business_type": "llc",
            "contact_name": "Dana Whitfield",
            "contact_title": "Owner",
            "email": "dana@lakeviewbakery.example",
            "phone": "(312) 555-0142",
            "authorized_signer": true,
        },
        "accounts": [{
            "utility_code": "COMED",
            "account_number": "0123456789",
            "service_address": {
                "line1": "100 W Randolph St",
                "line2": "",
                "city": "Chicago",
                "state": "IL",
                "zip": "60601",
            },
        }],
    })
}

impl TestApp {
    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(format!("{}{path}", self.address)).header("X-Publishable-Key", DEMO_KEY)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(format!("{}{path}", self.address)).header("X-Publishable-Key", DEMO_KEY)
    }

    /// Reads a sandbox partner's generated secrets, as the proxy stored them.
    pub fn partner_secrets(&self, slug: &str) -> Value {
        let path = self.data_dir.path().join("partners").join(slug).join("credentials.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    pub fn webhook_secret(&self) -> String {
        self.partner_secrets("summit")["webhook_secret"].as_str().unwrap().to_owned()
    }

    pub async fn quotes(&self, request: &Value) -> QuoteResponse {
        let response = self.post("/v1/quotes").json(request).send().await.unwrap();
        assert_eq!(response.status(), 200, "quotes failed: {}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    /// Quotes ComEd for 120,000 kWh a year and returns the cheapest offer's quote id.
    pub async fn comed_quote_id(&self) -> String {
        let quotes = self.quotes(&comed_quote_request(120_000)).await;
        quotes.offers.first().expect("ComEd has offers").quote_id.clone()
    }

    pub async fn create_contract_response(&self, idempotency_key: &str, body: &Value) -> Response {
        self.post("/v1/contracts").header("Idempotency-Key", idempotency_key).json(body).send().await.unwrap()
    }

    pub async fn create_contract(&self) -> Contract {
        let quote_id = self.comed_quote_id().await;
        let key = uuid::Uuid::new_v4().to_string();
        let response = self.create_contract_response(&key, &contract_request(&quote_id)).await;
        assert_eq!(response.status(), 201, "contract creation failed: {}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    pub async fn contract(&self, contract_id: &str) -> Contract {
        let response = self.get(&format!("/v1/contracts/{contract_id}")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Sets a stored quote's expiry to a time in the past.
    pub async fn expire_quote(&self, quote_id: &str) {
        sqlx::query("UPDATE quotes SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?")
            .bind(quote_id)
            .execute(&self.db)
            .await
            .unwrap();
    }

    pub async fn contract_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM contracts").fetch_one(&self.db).await.unwrap()
    }
}

/// Reads an error body and returns its `code`.
pub async fn error_code(response: Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["code"].as_str().unwrap_or_default().to_owned()
}
