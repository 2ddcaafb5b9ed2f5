//! Authentication of widget calls: the partner's publishable key and the page's origin.
//!
//! The publishable key is public (it sits in the partner's page), so the `Origin` check is what
//! stops another site from using it: when a browser sends `Origin`, it must be one of the
//! partner's allowed origins. Requests without `Origin` (same-origin GETs, server-side tools)
//! are accepted on the key alone.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Query};
use axum::http::header::ORIGIN;
use axum::http::request::Parts;
use serde::Deserialize;
use shopper_types::api::PUBLISHABLE_KEY_HEADER;

use crate::error::AppError;
use crate::state::{AppState, ConnectedPartner};

/// The partner a request acts for. Extracting it checks the key and the origin.
pub struct AuthenticatedPartner(pub Arc<ConnectedPartner>);

#[derive(Deserialize)]
struct KeyQuery {
    key: Option<String>,
}

impl FromRequestParts<AppState> for AuthenticatedPartner {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<AuthenticatedPartner, AppError> {
        let key = publishable_key(parts).ok_or(AppError::Unauthorized)?;
        let connected = state.partners.by_publishable_key(&key).ok_or(AppError::Unauthorized)?;

        if let Some(origin) = parts.headers.get(ORIGIN) {
            let origin = origin.to_str().map_err(|_| AppError::OriginNotAllowed("(not valid text)".into()))?;
            if !connected.partner.allows_origin(origin) {
                tracing::warn!(partner = %connected.partner.slug, origin, "rejected a request from a page origin that is not allowed");
                return Err(AppError::OriginNotAllowed(origin.to_owned()));
            }
        }
        Ok(AuthenticatedPartner(connected.clone()))
    }
}

/// Reads the key from the `X-Publishable-Key` header, or from the `key` query parameter for
/// `EventSource`, which cannot send headers.
fn publishable_key(parts: &Parts) -> Option<String> {
    if let Some(value) = parts.headers.get(PUBLISHABLE_KEY_HEADER) {
        return value.to_str().ok().map(str::to_owned);
    }
    Query::<KeyQuery>::try_from_uri(&parts.uri).ok().and_then(|query| query.0.key)
}
