//! The one error type of the HTTP handlers, and its mapping to an [`ApiError`] JSON body.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shopper_types::FieldError;
use shopper_types::api::{ApiError, Offer, error_code};

use crate::upstream::UpstreamError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A malformed request: 400 `invalid_request`.
    #[error("{message}")]
    BadRequest { message: String, fields: Vec<FieldError> },
    /// A well-formed request with invalid values: 422 `invalid_request`.
    #[error("{message}")]
    Validation { message: String, fields: Vec<FieldError> },
    #[error("missing or unknown publishable key")]
    Unauthorized,
    #[error("origin {0} is not allowed for this publishable key")]
    OriginNotAllowed(String),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("ZIP code {0} is not in the platform's data")]
    UnknownZip(String),
    #[error("utility {0} is not in the platform's data")]
    UnknownUtility(String),
    #[error("no retail choice for businesses in {state} (ZIP {zip})")]
    NoChoiceMarket { zip: String, state: String },
    #[error("quote {0} not found")]
    QuoteNotFound(String),
    /// The quoted price has expired; `offer` is the same product at today's price, when the
    /// platform still offers it.
    #[error("quote {quote_id} has expired")]
    QuoteExpired { quote_id: String, offer: Option<Box<Offer>> },
    /// The platform's price moved since the quote; `offer` carries the new price.
    #[error("the price of quote {quote_id} has changed")]
    PriceChanged { quote_id: String, offer: Box<Offer> },
    /// The supplier no longer offers the quoted product, term and start month.
    #[error("the offer of quote {0} is no longer available")]
    OfferUnavailable(String),
    #[error("idempotency key reused with a different request body")]
    IdempotencyKeyReused,
    #[error("a request with this idempotency key is still in progress")]
    IdempotencyKeyInProgress,
    /// The request conflicts with the contract's state on the platform: 409 with `code`.
    #[error("{code}: {message}")]
    Conflict { code: &'static str, message: String },
    #[error("invalid webhook signature: {0}")]
    InvalidSignature(&'static str),
    #[error("platform call failed")]
    Upstream(#[from] UpstreamError),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// Builds a 422 `invalid_request` for one field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> AppError {
        let message = message.into();
        AppError::Validation { message: message.clone(), fields: vec![FieldError::new(field, message)] }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> AppError {
        AppError::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> AppError {
        AppError::BadRequest { message: format!("Invalid JSON body: {}", rejection.body_text()), fields: Vec::new() }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> AppError {
        AppError::BadRequest { message: format!("Invalid query string: {}", rejection.body_text()), fields: Vec::new() }
    }
}

fn body(code: &str, message: impl Into<String>) -> ApiError {
    ApiError { code: code.to_owned(), message: message.into(), fields: Vec::new(), retryable: false, offer: None }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::BadRequest { message, fields } => {
                (StatusCode::BAD_REQUEST, ApiError { fields, ..body(error_code::INVALID_REQUEST, message) })
            }
            AppError::Validation { message, fields } => {
                (StatusCode::UNPROCESSABLE_ENTITY, ApiError { fields, ..body(error_code::INVALID_REQUEST, message) })
            }
            AppError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                body(
                    error_code::UNAUTHORIZED,
                    "Missing or unknown publishable key: send the partner's pk_test_… or pk_live_… key in the X-Publishable-Key header.",
                ),
            ),
            AppError::OriginNotAllowed(origin) => (
                StatusCode::FORBIDDEN,
                body(
                    error_code::ORIGIN_NOT_ALLOWED,
                    format!(
                        "The page origin {origin} is not allowed for this publishable key; add it to the partner's allowed origins."
                    ),
                ),
            ),
            AppError::NotFound { what } => {
                (StatusCode::NOT_FOUND, body(error_code::NOT_FOUND, format!("No {what} with that id.")))
            }
            AppError::UnknownUtility(code) => (
                StatusCode::NOT_FOUND,
                body(
                    error_code::NOT_FOUND,
                    format!("The platform has no sign-up requirements for utility \"{code}\"; choose the utility again."),
                ),
            ),
            AppError::UnknownZip(zip) => (
                StatusCode::NOT_FOUND,
                body(
                    error_code::UNKNOWN_ZIP,
                    format!("We have no utility data for ZIP code {zip}; check the ZIP code."),
                ),
            ),
            AppError::NoChoiceMarket { zip, state } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                body(
                    error_code::NO_CHOICE_MARKET,
                    format!(
                        "Businesses in {state} cannot choose their energy supplier, so there are no offers for ZIP code {zip}. Your utility supplies your energy at its regulated rate."
                    ),
                ),
            ),
            AppError::QuoteNotFound(_) => (
                StatusCode::NOT_FOUND,
                body(
                    error_code::QUOTE_NOT_FOUND,
                    "That price is not known here; get prices again and choose an offer.",
                ),
            ),
            AppError::QuoteExpired { offer: Some(offer), .. } => (
                StatusCode::CONFLICT,
                ApiError {
                    offer: Some(*offer),
                    ..body(
                        error_code::QUOTE_EXPIRED,
                        "That price has expired. Here is the same offer at today's price; accept it to continue.",
                    )
                },
            ),
            AppError::QuoteExpired { offer: None, .. } => (
                StatusCode::CONFLICT,
                body(error_code::QUOTE_EXPIRED, "That price has expired; get prices again to see today's offers."),
            ),
            AppError::PriceChanged { offer, .. } => (
                StatusCode::CONFLICT,
                ApiError {
                    offer: Some(*offer),
                    ..body(
                        error_code::PRICE_CHANGED,
                        "The supplier's price has changed. Here is the offer at the new price; accept it to continue.",
                    )
                },
            ),
            AppError::OfferUnavailable(_) => (
                StatusCode::CONFLICT,
                body(
                    error_code::OFFER_UNAVAILABLE,
                    "The supplier no longer offers this product; get prices again to see today's offers.",
                ),
            ),
            AppError::IdempotencyKeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                body(
                    error_code::IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request body; send a new key for a new request.",
                ),
            ),
            AppError::IdempotencyKeyInProgress => (
                StatusCode::CONFLICT,
                ApiError {
                    retryable: true,
                    ..body(
                        "idempotency_key_in_progress",
                        "A request with this Idempotency-Key is still being processed; retry in a moment.",
                    )
                },
            ),
            AppError::Conflict { code, message } => (StatusCode::CONFLICT, body(code, message)),
            AppError::InvalidSignature(reason) => {
                (StatusCode::UNAUTHORIZED, body("invalid_signature", format!("Invalid webhook signature: {reason}.")))
            }
            AppError::Upstream(error) => upstream_response(error),
            AppError::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ApiError {
                        retryable: true,
                        ..body("internal_error", "Something went wrong on our side; try again.")
                    },
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// Maps a platform failure that no handler turned into a more specific error: 502, retryable.
fn upstream_response(error: UpstreamError) -> (StatusCode, ApiError) {
    tracing::error!(error = %error, source = ?std::error::Error::source(&error), "platform call failed");
    let message = "The pricing and contracting service is not responding right now; try again in a moment.";
    (StatusCode::BAD_GATEWAY, ApiError { retryable: true, ..body(error_code::UPSTREAM_UNAVAILABLE, message) })
}
