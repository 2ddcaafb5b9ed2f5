//! `POST /v1/contracts/{id}/price`: moves an unsigned contract whose price expired to the same
//! offer at today's price.
//!
//! A matrix price is good for one day, so a contract created before the price expired cannot be
//! signed after it. The signing session then fails with `quote_expired`, and the error carries
//! the offer at today's price as a new quote. Once the customer accepts it, the widget sends
//! that quote id here, the platform re-prices the contract, and the contract keeps its id.
//! Sending the same quote again returns the contract unchanged, so a retry or a double click is
//! harmless.

use axum::Json;
use axum::extract::{Path, State};
use chrono::Utc;
use shopper_types::ContractStatus;
use shopper_types::api::{Contract, RepriceContractRequest, error_code};
use shopper_types::upstream::RepriceContractInput;

use super::create::is_price_gone;
use super::{contract_json, find_contract};
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::pricing::expired_quote_error;
use crate::state::AppState;
use crate::upstream::UpstreamError;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, contract_id = %contract_id, quote_id = %request.quote_id))]
pub async fn reprice_contract(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(contract_id): Path<String>,
    ApiJson(request): ApiJson<RepriceContractRequest>,
) -> Result<Json<Contract>, AppError> {
    let partner_id = connected.partner.slug.as_str();
    let record = find_contract(&state, partner_id, &contract_id).await?;
    if record.quote_id == request.quote_id {
        return Ok(Json(contract_json(&state, &record).await?));
    }
    let status = record.status()?;
    if !status.is_unsigned() {
        return Err(not_repriceable(status));
    }

    let quote = state
        .store
        .quote(partner_id, &request.quote_id)
        .await?
        .ok_or_else(|| AppError::QuoteNotFound(request.quote_id.clone()))?;
    let contract_quote = state.store.quote(partner_id, &record.quote_id).await?;
    if !contract_quote.is_some_and(|contract_quote| contract_quote.is_same_offer(&quote)) {
        return Err(AppError::invalid_field(
            "quote_id",
            format!(
                "Quote {} is for another offer than contract {}; send the quote id of the offer in its quote_expired error.",
                quote.id, record.id
            ),
        ));
    }
    if quote.is_expired(Utc::now())? {
        return Err(expired_quote_error(&state, &connected, &quote).await);
    }

    let upstream_contract_id = record.upstream_contract_id.clone().ok_or(AppError::NotFound { what: "contract" })?;
    let input = RepriceContractInput {
        contract_id: upstream_contract_id,
        price_id: quote.price_id.clone(),
        broker_fee: quote.broker_fee,
    };
    match connected.upstream.reprice_contract(&input).await {
        Ok(_) => {}
        Err(error) if is_price_gone(&error) => {
            tracing::info!(price_id = %quote.price_id, error = %error, "the platform rejected the new price as expired or unknown");
            return Err(expired_quote_error(&state, &connected, &quote).await);
        }
        Err(UpstreamError::GraphQl { code, message, .. }) if code == "CONTRACT_NOT_SIGNABLE" => {
            tracing::info!(message = %message, "the platform rejected re-pricing a contract that is already signed");
            return Err(not_repriceable(ContractStatus::Signed));
        }
        Err(error) => return Err(error.into()),
    }

    state.store.update_contract_price(&record.id, &quote).await?;
    tracing::info!(old_quote_id = %record.quote_id, rate = quote.rate, "re-priced the contract");
    let mut repriced = record;
    repriced.quote_id = quote.id;
    repriced.rate = quote.rate;
    Ok(Json(contract_json(&state, &repriced).await?))
}

fn not_repriceable(status: ContractStatus) -> AppError {
    AppError::Conflict {
        code: error_code::CONTRACT_NOT_REPRICEABLE,
        message: format!(
            "This contract is {}, so its price can no longer change.",
            status.label().to_ascii_lowercase()
        ),
    }
}
