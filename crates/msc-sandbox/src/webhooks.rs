//! Status webhooks to the partner, signed with HMAC-SHA256 and retried with backoff.
//!
//! After signing, the contract moves SIGNED → SUBMITTED_TO_SUPPLIER → ACCEPTED, one step per
//! `webhook_delay`, and each step is announced by a `WebhookEvent` POST with the header
//! `Msc-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
//! A redelivery sends the same event id with a fresh signature.

use std::sync::Arc;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use shopper_types::ContractStatus;
use shopper_types::upstream::{CONTRACT_STATUS_CHANGED, WEBHOOK_SIGNATURE_HEADER, WebhookEvent};

use crate::contracts::{Contract, StatusChange};
use crate::{Sandbox, SandboxPartner};

/// Delivery attempts per event, the first included.
pub const MAX_ATTEMPTS: u32 = 5;

/// The pause after the first failed attempt; it doubles after each further failure.
const INITIAL_BACKOFF: Duration = Duration::from_millis(250);

const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Computes the `Msc-Signature` header value for a body sent at `timestamp` (Unix seconds).
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The reason a webhook was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("the receiver rejected the webhook with HTTP {0}")]
    Rejected(reqwest::StatusCode),
    #[error("no attempt succeeded after {MAX_ATTEMPTS} tries; last error: {last_error}")]
    GaveUp { last_error: String },
}

/// Sends webhooks over HTTP.
pub struct WebhookSender {
    client: reqwest::Client,
}

impl Default for WebhookSender {
    fn default() -> Self {
        WebhookSender::new()
    }
}

impl WebhookSender {
    pub fn new() -> WebhookSender {
        // Webhook URLs are loopback addresses of the partner's proxy, so no HTTP proxy applies.
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .no_proxy()
            .build()
            .expect("a reqwest client with timeouts builds");
        WebhookSender { client }
    }

    /// POSTs one event, retrying on connection errors, timeouts, 408, 429 and 5xx. Returns the
    /// number of attempts it took.
    #[tracing::instrument(skip_all, fields(event_id = %event.id, contract_id = %event.contract_id, status = event.status.as_str()))]
    pub async fn deliver(&self, partner: &SandboxPartner, event: &WebhookEvent) -> Result<u32, DeliveryError> {
        let body = serde_json::to_vec(event).expect("webhook events serialize to JSON");
        let mut backoff = INITIAL_BACKOFF;
        let mut last_error = String::new();

        for attempt in 1..=MAX_ATTEMPTS {
            let signature = signature_header(&partner.webhook_secret, Utc::now().timestamp(), &body);
            let result = self
                .client
                .post(&partner.webhook_url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header(WEBHOOK_SIGNATURE_HEADER, signature)
                .body(body.clone())
                .send()
                .await;

            match result {
                Ok(response) if response.status().is_success() => {
                    tracing::info!(attempt, "webhook delivered");
                    return Ok(attempt);
                }
                Ok(response) if is_retryable(response.status()) => {
                    last_error = format!("HTTP {}", response.status());
                }
                Ok(response) => {
                    tracing::warn!(attempt, status = response.status().as_u16(), "webhook rejected; not retrying");
                    return Err(DeliveryError::Rejected(response.status()));
                }
                Err(error) => last_error = error.to_string(),
            }

            if attempt < MAX_ATTEMPTS {
                tracing::warn!(attempt, error = %last_error, retry_in_ms = backoff.as_millis() as u64, "webhook delivery failed; retrying");
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
        }
        tracing::error!(error = %last_error, "webhook delivery failed; giving up");
        Err(DeliveryError::GaveUp { last_error })
    }
}

fn is_retryable(status: reqwest::StatusCode) -> bool {
    status.is_server_error() || status == reqwest::StatusCode::REQUEST_TIMEOUT || status == reqwest::StatusCode::TOO_MANY_REQUESTS
}

fn event_for(contract: &Contract, change: &StatusChange) -> WebhookEvent {
    WebhookEvent {
        id: format!("evt_{}", uuid::Uuid::new_v4().simple()),
        event_type: CONTRACT_STATUS_CHANGED.to_owned(),
        contract_id: contract.id.clone(),
        external_reference: contract.external_reference.clone(),
        status: change.status,
        occurred_at: change.at.to_rfc3339_opts(SecondsFormat::Millis, true),
    }
}

/// Announces `first` (already recorded) after one `webhook_delay`, then moves the contract
/// through `then` as [`advance`] does.
pub(crate) fn schedule(sandbox: Arc<Sandbox>, contract: Contract, first: StatusChange, then: &[ContractStatus]) {
    let then = then.to_vec();
    tokio::spawn(async move {
        tokio::time::sleep(sandbox.webhook_delay).await;
        announce(&sandbox, &contract, &first).await;
        advance_through(&sandbox, &contract.id, first.status, then).await;
    });
}

/// Moves the contract from `from` through `then`, one status per `webhook_delay`, announcing
/// each. A step stops the chain when the contract is no longer at the status before it.
pub(crate) fn advance(sandbox: Arc<Sandbox>, contract_id: String, from: ContractStatus, then: &[ContractStatus]) {
    let then = then.to_vec();
    tokio::spawn(async move { advance_through(&sandbox, &contract_id, from, then).await });
}

async fn advance_through(sandbox: &Sandbox, contract_id: &str, from: ContractStatus, then: Vec<ContractStatus>) {
    let mut previous = from;
    for status in then {
        tokio::time::sleep(sandbox.webhook_delay).await;
        match sandbox.contracts.transition(contract_id, &[previous], status) {
            Ok((contract, change)) => announce(sandbox, &contract, &change).await,
            Err(error) => {
                tracing::warn!(contract_id, ?error, next = status.as_str(), "contract status changed elsewhere; stopping its webhooks");
                return;
            }
        }
        previous = status;
    }
}

async fn announce(sandbox: &Sandbox, contract: &Contract, change: &StatusChange) {
    let event = event_for(contract, change);
    // A failed delivery is logged in `deliver`; the status stays changed, as on the platform.
    let _ = sandbox.webhooks.deliver(&contract.partner, &event).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_value() {
        // HMAC-SHA256(key "whsec_test", "1700000000.{}"), computed with `openssl dgst -sha256 -hmac`.
        let header = signature_header("whsec_test", 1_700_000_000, b"{}");
        assert_eq!(header, format!("t=1700000000,v1={}", KNOWN_SIGNATURE));
    }

    const KNOWN_SIGNATURE: &str = "35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91";
}
