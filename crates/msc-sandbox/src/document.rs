//! The contract document as a PDF: `GET /v2/contracts/{id}/document` for the partner that owns the
//! contract, and `GET /signing/{token}/document` for the customer holding a signing link.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;

use crate::AppState;
use crate::auth::AuthenticatedPartner;
use crate::base_url::BaseUrl;
use crate::contract_pdf::contract_pdf;
use crate::contracts::Contract;
use crate::error::RestError;
use crate::html::page;

#[tracing::instrument(skip_all, fields(partner_id = %partner.partner.partner_id, contract_id = %contract_id))]
pub async fn partner_document(
    State(state): State<AppState>,
    partner: AuthenticatedPartner,
    BaseUrl(base_url): BaseUrl,
    Path(contract_id): Path<String>,
) -> Result<Response, RestError> {
    let contract = state
        .sandbox
        .contracts
        .get_for_partner(&contract_id, &partner.partner.partner_id)
        .ok_or_else(|| {
            RestError::new(
                StatusCode::NOT_FOUND,
                "contract_not_found",
                format!("No contract {contract_id} for this partner; check the contract id."),
            )
        })?;
    Ok(pdf_response(&contract, &base_url))
}

/// Serves the document to the holder of a signing link that still works, without using it up.
#[tracing::instrument(skip_all)]
pub async fn signing_document(
    State(state): State<AppState>,
    BaseUrl(base_url): BaseUrl,
    Path(token): Path<String>,
) -> Response {
    let contract = match state.sandbox.signing_tokens.peek(&token, Utc::now()) {
        Ok(signing_token) => state.sandbox.contracts.get(&signing_token.contract_id),
        Err(_) => None,
    };
    match contract {
        Some(contract) => pdf_response(&contract, &base_url),
        None => {
            let body = "<h1>Contract not available</h1><p>This signing link has expired or is not valid, so its contract \
                        cannot be shown. Go back to the site you came from to get a new link.</p>";
            (StatusCode::NOT_FOUND, Html(page("Contract not available", "", body))).into_response()
        }
    }
}

/// Builds the PDF response, shown in the browser rather than downloaded, and never cached,
/// because it contains the customer's account numbers.
pub(crate) fn pdf_response(contract: &Contract, base_url: &str) -> Response {
    let pdf = contract_pdf(contract, base_url);
    let disposition = format!("inline; filename=\"contract-{}.pdf\"", contract.id);
    (
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_owned()),
            (X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        pdf,
    )
        .into_response()
}
