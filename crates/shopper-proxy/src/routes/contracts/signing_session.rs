//! `POST /v1/contracts/{id}/signing-session`: mints a fresh single-use signing URL.
//!
//! A signing URL expires within minutes and works once, so it is minted when the customer
//! clicks "Sign" and never stored.

use axum::Json;
use axum::extract::{Path, State};
use reqwest::Url;
use shopper_types::ContractStatus;
use shopper_types::api::{SigningSession, SigningSessionRequest};

use super::find_contract;
use crate::auth::AuthenticatedPartner;
use crate::config::Partner;
use crate::error::AppError;
use crate::extract::ApiJson;
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
    check_return_url(&connected.partner, &request.return_url)?;
    let record = find_contract(&state, &connected.partner.slug, &contract_id).await?;
    let upstream_contract_id = record.upstream_contract_id.as_deref().ok_or(AppError::NotFound { what: "contract" })?;

    let session = match connected.upstream.create_signing_session(upstream_contract_id, &request.return_url).await {
        Ok(session) => session,
        Err(UpstreamError::GraphQl { code, message, .. }) if code != "INTERNAL_SERVER_ERROR" => {
            tracing::info!(code = %code, message = %message, "the platform rejected a signing session");
            return Err(AppError::Conflict {
                code: "signing_unavailable",
                message: format!("This contract cannot be signed now: {message}"),
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

/// The customer comes back to the return URL after signing, so it must be on one of the
/// partner's own origins: anything else would make the proxy an open redirect.
fn check_return_url(partner: &Partner, return_url: &str) -> Result<(), AppError> {
    let url = Url::parse(return_url)
        .map_err(|_| AppError::invalid_field("return_url", format!("\"{return_url}\" is not an absolute URL.")))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(AppError::invalid_field("return_url", "The return URL must start with http:// or https://."));
    }
    let origin = url.origin().ascii_serialization();
    if !partner.allows_origin(&origin) {
        return Err(AppError::invalid_field(
            "return_url",
            format!("The return URL's origin {origin} is not one of the partner's allowed origins."),
        ));
    }
    Ok(())
}
