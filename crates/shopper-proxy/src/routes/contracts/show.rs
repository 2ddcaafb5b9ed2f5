//! `GET /v1/contracts/{id}`: a contract of the calling partner, with its status history.

use axum::Json;
use axum::extract::{Path, State};
use shopper_types::api::Contract;

use super::{contract_json, find_contract};
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::state::AppState;

pub async fn show_contract(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(contract_id): Path<String>,
) -> Result<Json<Contract>, AppError> {
    let record = find_contract(&state, &connected.partner.slug, &contract_id).await?;
    Ok(Json(contract_json(&state, &record).await?))
}
