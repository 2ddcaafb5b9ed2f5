//! `POST /v1/contracts/{id}/signing-session`: mints a fresh single-use signing URL.
//!
//! A signing URL expires within minutes and works once, so it is minted when the customer
//! clicks "Sign" and never stored: it is neither written to the database nor logged.
//!
//! A contract whose price expired cannot be signed, so the session is rejected with
//! `quote_expired` and the same offer at today's price, which the customer accepts through
//! `POST /v1/contracts/{id}/price` before signing.
//!
//! The request's `return_url` is the widget's page. The platform gets the proxy's own return
//! page as its return URL, carrying that page URL, so the customer always comes back through
//! the proxy, which hands the outcome to the page by redirect or to the opener window.

use axum::Json;
use axum::extract::{Path, State};
use chrono::Utc;
use shopper_types::ContractStatus;
use shopper_types::api::{SigningSession, SigningSessionRequest, error_code};

use super::create::is_price_gone;
use super::find_contract;
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::pricing::expired_quote_error;
use crate::routes::signing_return::{parse_page_url, proxy_return_url};
use crate::state::AppState;
use crate::store::now_rfc3339;
use crate::upstream::UpstreamError;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, contract_id = %contract_id))]
pub async fn create_signing_session(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(contract_id): Path<String>,
    ApiJson(request): ApiJson<SigningSessionRequest>,
) -> Result<Json<SigningSession>, AppError> {
    let page_url = parse_page_url(&connected.partner, &request.return_url)
        .map_err(|message| AppError::invalid_field("return_url", message))?;
    let record = find_contract(&state, &connected.partner.slug, &contract_id).await?;
    let upstream_contract_id = record.upstream_contract_id.as_deref().ok_or(AppError::NotFound { what: "contract" })?;
    let mode = request.mode.unwrap_or(connected.partner.signing_mode);
    let return_url = proxy_return_url(&state.base_url, &record.id, &page_url, mode);

    let status = record.status()?;
    if !status.is_unsigned() {
        tracing::info!(status = status.as_str(), "rejected a signing session for a contract that is no longer unsigned");
        return Err(not_signable(status));
    }
    let quote = state.store.quote(&connected.partner.slug, &record.quote_id).await?;
    if let Some(quote) = &quote
        && quote.is_expired(Utc::now())?
    {
        tracing::info!(quote_id = %quote.id, "the contract's price expired before signing");
        return Err(expired_quote_error(&state, &connected, quote).await);
    }

    let session = match connected.upstream.create_signing_session(upstream_contract_id, &return_url).await {
        Ok(session) => session,
        Err(error) if is_price_gone(&error) => {
            tracing::info!(error = %error, "the platform rejected a signing session for an expired price");
            return Err(match &quote {
                Some(quote) => expired_quote_error(&state, &connected, quote).await,
                None => error.into(),
            });
        }
        // The platform's e-signature service failed, and a later click may work, so it is retryable.
        Err(error @ UpstreamError::GraphQl { .. }) if is_signing_service_outage(&error) => return Err(error.into()),
        // The platform's message names its own contract id, which the widget never shows, so the
        // message is logged and a plain one is returned.
        Err(UpstreamError::GraphQl { code, message, .. }) if code != "INTERNAL_SERVER_ERROR" => {
            tracing::info!(code = %code, message = %message, "the platform rejected a signing session");
            return Err(AppError::Conflict {
                code: error_code::SIGNING_UNAVAILABLE,
                message: "This contract cannot be signed now. Refresh its status, or start over to choose an offer."
                    .into(),
            });
        }
        Err(error) => return Err(error.into()),
    };

    // The platform moves the contract to awaiting signature without a webhook for it.
    let awaiting = state
        .store
        .advance_status(&connected.partner.slug, &record.id, ContractStatus::AwaitingSignature, &now_rfc3339())
        .await?;
    if let Some(change) = awaiting {
        state.status_hub.publish(change);
    }

    Ok(Json(SigningSession { url: session.url, expires_at: session.expires_at }))
}

/// Builds the error for a contract that is signed, declined or closed, which needs no signing link.
fn not_signable(status: ContractStatus) -> AppError {
    let message = match status {
        ContractStatus::Declined => "This contract was declined, so it can no longer be signed. Start over to choose an offer.",
        ContractStatus::Cancelled => "This contract was cancelled, so it can no longer be signed. Start over to choose an offer.",
        _ => "This contract is already signed, so it needs no signing link. Its status shows each update from the supplier.",
    };
    AppError::Conflict { code: error_code::SIGNING_UNAVAILABLE, message: message.into() }
}

fn is_signing_service_outage(error: &UpstreamError) -> bool {
    matches!(error, UpstreamError::GraphQl { code, .. } if code == "SIGNING_SERVICE_UNAVAILABLE")
}
