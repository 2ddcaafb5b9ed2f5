//! REST errors as `upstream::UpstreamError` JSON.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shopper_types::upstream::UpstreamError;

/// A failed REST call: an HTTP status and an [`UpstreamError`] body.
#[derive(Debug)]
pub struct RestError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl RestError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> RestError {
        RestError { status, code, message: message.into() }
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> RestError {
        RestError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// Builds a 400 for one query parameter. The message starts with the parameter's name.
    pub fn invalid_parameter(parameter: &str, message: impl std::fmt::Display) -> RestError {
        RestError::new(StatusCode::BAD_REQUEST, "invalid_parameter", format!("{parameter}: {message}"))
    }
}

impl IntoResponse for RestError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, message = %self.message, "request failed");
        } else {
            tracing::info!(status = self.status.as_u16(), code = self.code, message = %self.message, "request rejected");
        }
        let body = UpstreamError { code: self.code.to_owned(), message: self.message };
        (self.status, Json(body)).into_response()
    }
}

/// Returns 404 for paths the sandbox does not serve.
pub async fn not_found(uri: axum::http::Uri) -> RestError {
    RestError::new(StatusCode::NOT_FOUND, "not_found", format!("No route for {}; see the platform API reference for the paths.", uri.path()))
}
