//! `POST /v1/quotes/{quote_id}/refresh`: the same offer at today's price, under a new quote id.
//!
//! The widget calls this when a shown price has expired, so the customer never chooses a price
//! the platform would reject. The old quote stays as it was; the contract is priced from the new
//! one.

use axum::Json;
use axum::extract::{Path, State};
use shopper_types::api::Offer;

use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::pricing::{Freshness, reprice};
use crate::state::AppState;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, quote_id = %quote_id))]
pub async fn refresh_quote(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(quote_id): Path<String>,
) -> Result<Json<Offer>, AppError> {
    let quote = state
        .store
        .quote(&connected.partner.slug, &quote_id)
        .await?
        .ok_or_else(|| AppError::QuoteNotFound(quote_id.clone()))?;

    match reprice(&state, &connected, &quote, Freshness::Cached).await? {
        Some(repriced) => Ok(Json(repriced.offer)),
        None => Err(AppError::OfferUnavailable(quote_id)),
    }
}
