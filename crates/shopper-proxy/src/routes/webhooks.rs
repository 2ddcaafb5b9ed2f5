//! `POST /webhooks/msc`: contract status webhooks from the platform.
//!
//! The signature identifies the partner: the body must verify with one partner's webhook
//! secret. Each event is stored once by id, and a status is applied only if it moves the
//! contract forward, so redelivered and out-of-order events are harmless. Any 2xx response stops
//! the platform's retries. Its body names the outcome (`applied`, `duplicate`, `stale`,
//! `unknown_contract` or `ignored`) for the platform's delivery log.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use shopper_types::upstream::{CONTRACT_STATUS_CHANGED, WEBHOOK_SIGNATURE_HEADER, WebhookEvent};

use crate::error::AppError;
use crate::state::AppState;
use crate::store::WebhookOutcome;
use crate::webhook_signature::{SignatureError, SignatureHeader};

pub async fn receive_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    let header = headers
        .get(WEBHOOK_SIGNATURE_HEADER)
        .and_then(|value| value.to_str().ok())
        .ok_or(AppError::InvalidSignature("missing Msc-Signature header"))?;
    let signature = SignatureHeader::parse(header).map_err(signature_error)?;
    signature.check_timestamp(chrono::Utc::now().timestamp()).map_err(signature_error)?;
    let connected = state
        .partners
        .iter()
        .find(|connected| signature.verify(connected.webhook_secret.expose_secret().as_bytes(), &body).is_ok())
        .ok_or_else(|| {
            tracing::warn!("rejected a webhook whose signature matches no partner's secret");
            AppError::InvalidSignature("no v1 signature matches")
        })?;
    let partner_id = connected.partner.slug.as_str();

    let event: WebhookEvent = serde_json::from_slice(&body).map_err(|error| AppError::BadRequest {
        message: format!("The webhook body is not a contract event: {error}"),
        fields: Vec::new(),
    })?;
    if event.event_type != CONTRACT_STATUS_CHANGED {
        tracing::info!(partner = partner_id, event_id = %event.id, event_type = %event.event_type, "ignored a webhook of an unknown type");
        return Ok(Json(json!({ "received": true, "outcome": "ignored" })));
    }

    let outcome = state.store.record_webhook(partner_id, &event).await?;
    log_outcome(partner_id, &event, &outcome);
    let outcome_name = match &outcome {
        WebhookOutcome::Applied(_) => "applied",
        WebhookOutcome::Duplicate => "duplicate",
        WebhookOutcome::Stale => "stale",
        WebhookOutcome::UnknownContract => "unknown_contract",
    };
    if let WebhookOutcome::Applied(change) = outcome {
        state.status_hub.publish(change);
    }
    Ok(Json(json!({ "received": true, "outcome": outcome_name })))
}

fn log_outcome(partner_id: &str, event: &WebhookEvent, outcome: &WebhookOutcome) {
    let event_id = event.id.as_str();
    let contract_id = event.external_reference.as_str();
    let status = event.status.as_str();
    match outcome {
        WebhookOutcome::Applied(_) => {
            tracing::info!(partner = partner_id, event_id, contract_id, status, "applied a status webhook");
        }
        WebhookOutcome::Duplicate => {
            tracing::info!(partner = partner_id, event_id, contract_id, "ignored a redelivered webhook");
        }
        WebhookOutcome::Stale => {
            tracing::info!(
                partner = partner_id,
                event_id,
                contract_id,
                status,
                "ignored a webhook behind the contract's status"
            );
        }
        WebhookOutcome::UnknownContract => {
            tracing::warn!(partner = partner_id, event_id, contract_id, "received a webhook for an unknown contract");
        }
    }
}

fn signature_error(error: SignatureError) -> AppError {
    let reason = match error {
        SignatureError::Malformed => "the header is not t=<unix seconds>,v1=<hex>",
        SignatureError::TimestampOutOfTolerance => "the timestamp is more than 5 minutes from now",
        SignatureError::Mismatch => "no v1 signature matches",
    };
    tracing::warn!(reason, "rejected a webhook");
    AppError::InvalidSignature(reason)
}
