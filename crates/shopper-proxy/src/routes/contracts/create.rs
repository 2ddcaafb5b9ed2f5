//! `POST /v1/contracts`: creates a contract from a stored quote, once per idempotency key.
//!
//! The first request with a key inserts a pending row (the unique index on the key decides the
//! winner among concurrent requests), calls the platform, then marks the row created. Requests
//! that find the key taken wait for that row and return the same contract. A platform failure
//! deletes the pending row, so nothing half-written stays and a retry with the same key works.
//!
//! Before the pending row is inserted, the quote's price is checked with the platform again. An
//! expired quote or a moved price gets a 409 whose body carries the offer at today's price as a
//! new quote. Nothing is stored under the idempotency key in that case, so the customer accepts
//! the new price by sending the new quote id, with the same key or a new one.

use std::time::Duration;

use anyhow::Context;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use shopper_types::{FieldError, identifier_rule};
use shopper_types::api::{Contract, CreateContractRequest, IDEMPOTENCY_KEY_HEADER};
use shopper_types::upstream::{AddressInput, ContractAccountInput, ContractCustomerInput, CreateContractInput};
use shopper_types::validation::{ValidAddress, ValidContractDetails, parse_contract_details};
use tokio::time::Instant;

use super::contract_json;
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::pricing::{Revalidation, expired_quote_error, revalidate};
use crate::state::{AppState, ConnectedPartner};
use crate::store::{ContractRecord, ContractState, NewContract, QuoteRecord, Reservation};
use crate::upstream::UpstreamError;

/// Maximum idempotency key length, in bytes.
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;
/// How long a request waits for a concurrent request with the same key to finish.
const IN_PROGRESS_WAIT: Duration = Duration::from_secs(20);
const IN_PROGRESS_POLL: Duration = Duration::from_millis(50);
/// A pending row older than this was left by a request that stopped mid-call, as in a crash or
/// a restart. The age is longer than the platform client's 15 s request timeout.
const STALE_PENDING_AFTER: chrono::Duration = chrono::Duration::seconds(60);

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, quote_id = %request.quote_id))]
pub async fn create_contract(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateContractRequest>,
) -> Result<(StatusCode, Json<Contract>), AppError> {
    let idempotency_key = idempotency_key(&headers)?;
    let details = parse_contract_details(&request)
        .map_err(|fields| AppError::Validation { message: "Some fields need attention.".into(), fields })?;
    let request_hash = hash_request(&request)?;
    let partner_id = connected.partner.slug.as_str();

    let deadline = Instant::now() + IN_PROGRESS_WAIT;
    loop {
        if let Some(existing) = state.store.contract_by_idempotency_key(partner_id, &idempotency_key).await? {
            if existing.request_hash.as_deref() != Some(request_hash.as_str()) {
                return Err(AppError::IdempotencyKeyReused);
            }
            match existing.state() {
                ContractState::Created => return Ok((StatusCode::OK, Json(contract_json(&state, &existing).await?))),
                ContractState::Pending if is_stale(&existing)? => {
                    if state.store.claim_stale_pending(&existing.id, &existing.created_at).await? {
                        let record = resume_pending(&state, &connected, &existing, &details).await?;
                        return Ok((StatusCode::CREATED, Json(contract_json(&state, &record).await?)));
                    }
                }
                ContractState::Pending if Instant::now() >= deadline => return Err(AppError::IdempotencyKeyInProgress),
                ContractState::Pending => tokio::time::sleep(IN_PROGRESS_POLL).await,
            }
            continue;
        }

        let quote = state
            .store
            .quote(partner_id, &request.quote_id)
            .await?
            .ok_or_else(|| AppError::QuoteNotFound(request.quote_id.clone()))?;
        if quote.is_expired(Utc::now())? {
            return Err(expired_quote_error(&state, &connected, &quote).await);
        }
        check_accounts_match_quote(&details, &quote)?;
        check_price_unchanged(&state, &connected, &quote).await?;

        let contract_id = format!("ct_{}", uuid::Uuid::new_v4().simple());
        let input = contract_input(&contract_id, &quote, &details);
        let stored_details =
            json!({ "customer": input.customer, "accounts": input.accounts, "billing_address": input.billing_address })
                .to_string();
        let new_contract = NewContract {
            id: &contract_id,
            partner_id,
            idempotency_key: &idempotency_key,
            request_hash: &request_hash,
            quote: &quote,
            legal_name: &details.customer.legal_name,
            details: &stored_details,
        };
        match state.store.reserve_contract(&new_contract).await? {
            // Another request claimed the key between the lookup and the insert.
            Reservation::KeyTaken => continue,
            Reservation::Reserved => {}
        }

        let record = create_upstream(&state, &connected, &contract_id, &quote, &input).await?;
        return Ok((StatusCode::CREATED, Json(contract_json(&state, &record).await?)));
    }
}

/// Sends the platform call again for a contract left pending by an interrupted request. The
/// contract keeps its id, so the call carries the same `externalReference`.
async fn resume_pending(
    state: &AppState,
    connected: &ConnectedPartner,
    pending: &ContractRecord,
    details: &ValidContractDetails,
) -> Result<ContractRecord, AppError> {
    tracing::warn!(contract_id = %pending.id, "resuming a contract left pending by an interrupted request");
    let quote = state
        .store
        .quote(&connected.partner.slug, &pending.quote_id)
        .await?
        .with_context(|| format!("the quote {} of pending contract {} is missing", pending.quote_id, pending.id))?;
    let input = contract_input(&pending.id, &quote, details);
    create_upstream(state, connected, &pending.id, &quote, &input).await
}

/// Checks the quote's price with the platform once more, right before the contract, so the
/// customer signs the price the supplier has now.
async fn check_price_unchanged(
    state: &AppState,
    connected: &ConnectedPartner,
    quote: &QuoteRecord,
) -> Result<(), AppError> {
    match revalidate(state, connected, quote).await? {
        Revalidation::Unchanged => Ok(()),
        Revalidation::Changed(offer) => Err(AppError::PriceChanged { quote_id: quote.id.clone(), offer }),
        Revalidation::Unavailable => Err(AppError::OfferUnavailable(quote.id.clone())),
    }
}

/// Calls the platform for a reserved contract and records the result.
async fn create_upstream(
    state: &AppState,
    connected: &ConnectedPartner,
    contract_id: &str,
    quote: &QuoteRecord,
    input: &CreateContractInput,
) -> Result<ContractRecord, AppError> {
    let created = match connected.upstream.create_contract(input).await {
        Ok(created) => created,
        Err(error) => {
            state.store.delete_pending_contract(contract_id).await?;
            if is_price_gone(&error) {
                tracing::info!(price_id = %input.price_id, error = %error, "the platform no longer has the quoted price");
                return Err(expired_quote_error(state, connected, quote).await);
            }
            return Err(map_upstream_error(error));
        }
    };

    if let Err(error) = state.store.mark_contract_created(contract_id, &created.id).await {
        // NOTE: the platform contract exists but this row stays pending. A retry with the same key
        // after STALE_PENDING_AFTER resends the same externalReference, which the sandbox resolves
        // to the existing contract. A platform that does not deduplicate it would create a second.
        tracing::error!(error = %error, contract_id, upstream_contract_id = %created.id, "failed to record a created contract");
        return Err(error.into());
    }
    tracing::info!(contract_id, upstream_contract_id = %created.id, "created contract");

    let record = state.store.contract(&connected.partner.slug, contract_id).await?;
    Ok(record.context("the created contract row is missing")?)
}

/// True when a platform call failed because the platform no longer accepts the price id.
pub(crate) fn is_price_gone(error: &UpstreamError) -> bool {
    matches!(error, UpstreamError::GraphQl { code, .. } if code == "PRICE_EXPIRED" || code == "PRICE_NOT_FOUND")
}

fn map_upstream_error(error: UpstreamError) -> AppError {
    match &error {
        UpstreamError::GraphQl { code, message, fields } if code == "INVALID_INPUT" => {
            tracing::warn!(error = %error, "the platform rejected contract details that passed the proxy's checks");
            let fields = fields.iter().map(|field| FieldError::new(snake_case_path(&field.field), &field.message)).collect();
            AppError::Validation { message: message.clone(), fields }
        }
        _ => AppError::Upstream(error),
    }
}

/// Converts a platform field path (`accounts[0].serviceAddress.state`) to the API's names
/// (`accounts[0].service_address.state`), so the widget shows the message on the right input.
fn snake_case_path(path: &str) -> String {
    let mut snake = String::with_capacity(path.len() + 4);
    for character in path.chars() {
        if character.is_ascii_uppercase() {
            snake.push('_');
            snake.push(character.to_ascii_lowercase());
        } else {
            snake.push(character);
        }
    }
    snake
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, AppError> {
    let missing = || AppError::BadRequest {
        message: format!(
            "Send an {IDEMPOTENCY_KEY_HEADER} header of 1 to {MAX_IDEMPOTENCY_KEY_LEN} printable characters, new for each new contract."
        ),
        fields: Vec::new(),
    };
    let key = headers.get(IDEMPOTENCY_KEY_HEADER).ok_or_else(missing)?.to_str().map_err(|_| missing())?.trim();
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(missing());
    }
    Ok(key.to_owned())
}

/// SHA-256 of the request as parsed, so that formatting differences in the JSON do not count
/// as a different body.
fn hash_request(request: &CreateContractRequest) -> anyhow::Result<String> {
    let canonical = serde_json::to_vec(request).context("failed to serialize the contract request")?;
    Ok(hex::encode(Sha256::digest(canonical)))
}

fn is_stale(record: &ContractRecord) -> Result<bool, AppError> {
    let created_at = DateTime::parse_from_rfc3339(&record.created_at)
        .with_context(|| format!("contract {} has an invalid created_at", record.id))?;
    Ok(Utc::now() - created_at.with_timezone(&Utc) > STALE_PENDING_AFTER)
}

/// The offer is for one utility, so every account must be on it. This is checked here rather
/// than in the shared validation, because only the proxy stores which utility the quote is for.
fn check_accounts_match_quote(details: &ValidContractDetails, quote: &QuoteRecord) -> Result<(), AppError> {
    let quoted_name = identifier_rule(&quote.utility_code).map_or(quote.utility_code.as_str(), |rule| rule.utility_name);
    let fields: Vec<FieldError> = details
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, account)| !account.utility_code.eq_ignore_ascii_case(&quote.utility_code))
        .map(|(index, _)| {
            FieldError::new(
                format!("accounts[{index}].utility_code"),
                format!("This offer is for {quoted_name} accounts; add only {quoted_name} accounts, or choose an offer for the other utility."),
            )
        })
        .collect();
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { message: "An account is not on the offer's utility.".into(), fields })
    }
}

fn address_input(address: &ValidAddress) -> AddressInput {
    AddressInput {
        line1: address.line1.clone(),
        line2: address.line2.clone(),
        city: address.city.clone(),
        state: address.state.as_str().to_owned(),
        zip: address.zip.to_string(),
    }
}

fn contract_input(contract_id: &str, quote: &QuoteRecord, details: &ValidContractDetails) -> CreateContractInput {
    let customer = &details.customer;
    CreateContractInput {
        price_id: quote.price_id.clone(),
        external_reference: contract_id.to_owned(),
        customer: ContractCustomerInput {
            legal_name: customer.legal_name.clone(),
            dba: customer.dba.clone().unwrap_or_default(),
            fein: customer.fein.as_ref().map(|fein| fein.as_str().to_owned()).unwrap_or_default(),
            tax_exempt: customer.tax_exempt,
            business_type: customer.business_type.as_str().to_owned(),
            contact_name: customer.contact_name.clone(),
            contact_title: customer.contact_title.clone(),
            email: customer.email.as_str().to_owned(),
            phone: customer.phone.digits().to_owned(),
        },
        accounts: details
            .accounts
            .iter()
            .map(|account| ContractAccountInput {
                utility_code: account.utility_code.to_ascii_uppercase(),
                account_number: account.account_number.as_str().to_owned(),
                name_key: account.name_key.as_ref().map(|key| key.as_str().to_owned()).unwrap_or_default(),
                pod_id: account.pod_id.as_ref().map(|pod_id| pod_id.as_str().to_owned()).unwrap_or_default(),
                service_address: address_input(&account.service_address),
            })
            .collect(),
        billing_address: details.billing_address.as_ref().map(address_input),
        broker_fee: quote.broker_fee,
    }
}

#[cfg(test)]
mod tests {
    use super::snake_case_path;

    #[test]
    fn platform_paths_become_api_paths() {
        assert_eq!(snake_case_path("accounts[1].serviceAddress.state"), "accounts[1].service_address.state");
        assert_eq!(snake_case_path("customer.legalName"), "customer.legal_name");
        assert_eq!(snake_case_path("billingAddress.zip"), "billing_address.zip");
        assert_eq!(snake_case_path("accounts"), "accounts");
    }
}
