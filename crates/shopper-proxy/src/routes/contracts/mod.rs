//! `/v1/contracts`: creation, lookup, re-pricing, the contract document, signing sessions and the
//! status stream.

pub mod create;
pub mod document;
pub mod events;
pub mod price;
pub mod show;
pub mod signing_session;

use shopper_types::api::Contract;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::{ContractRecord, ContractState};

/// Loads a partner's contract that the platform has created; pending rows are not visible.
async fn find_contract(state: &AppState, partner_id: &str, contract_id: &str) -> Result<ContractRecord, AppError> {
    match state.store.contract(partner_id, contract_id).await? {
        Some(record) if record.state() == ContractState::Created => Ok(record),
        _ => Err(AppError::NotFound { what: "contract" }),
    }
}

/// Loads the contract with its status history, as the widget shows it.
async fn contract_json(state: &AppState, record: &ContractRecord) -> Result<Contract, AppError> {
    let history = state.store.history(&record.id).await?;
    Ok(record.to_api(history)?)
}
