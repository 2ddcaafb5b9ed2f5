//! `GET /v1/contracts/{id}/document?key=pk_…`: the contract PDF from the platform, streamed
//! through without being stored.
//!
//! The widget opens it with a plain link in a new tab, which cannot send headers, so the key
//! may be in the query as for the status stream.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

use super::find_contract;
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::state::AppState;
use crate::upstream::UpstreamError;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, contract_id = %contract_id))]
pub async fn show_document(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(contract_id): Path<String>,
) -> Result<Response, AppError> {
    let record = find_contract(&state, &connected.partner.slug, &contract_id).await?;
    let upstream_contract_id = record
        .upstream_contract_id
        .as_deref()
        .ok_or(AppError::NotFound { what: "contract" })?;

    let upstream = match connected.upstream.contract_document(upstream_contract_id).await {
        Ok(response) => response,
        Err(error) if error.status() == Some(StatusCode::NOT_FOUND) => {
            tracing::warn!(
                upstream_contract_id,
                "the platform has no document for a stored contract"
            );
            return Err(AppError::NotFound {
                what: "contract document",
            });
        }
        Err(error) => return Err(error.into()),
    };
    let content_length = upstream.content_length();
    let is_pdf = upstream
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/pdf"));
    if !is_pdf {
        return Err(UpstreamError::InvalidResponse("the contract document is not application/pdf".into()).into());
    }

    let mut response = Response::new(Body::from_stream(upstream.bytes_stream()));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Some(length) = content_length {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    // The id is the proxy's own (letters, digits, `_` and `-`), so it is a valid header value.
    let disposition = format!("inline; filename=\"contract-{}.pdf\"", record.id);
    if let Ok(disposition) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, disposition);
    }
    // The document contains the customer's account numbers, so it is kept out of caches.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}
