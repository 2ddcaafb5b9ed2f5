//! The sandbox's own base URL, for the signing and disclosure links it hands out.

use axum::extract::FromRequestParts;
use axum::http::header::HOST;
use axum::http::request::Parts;
use std::convert::Infallible;

use crate::AppState;

/// `http://host:port` of the sandbox, without a trailing slash.
#[derive(Clone, Debug)]
pub struct BaseUrl(pub String);

impl FromRequestParts<AppState> for BaseUrl {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(base_url) = &state.sandbox.base_url {
            return Ok(BaseUrl(base_url.clone()));
        }
        // Without a bound address (router() in tests) the Host header is the best guess.
        let host = parts.headers.get(HOST).and_then(|value| value.to_str().ok()).unwrap_or("127.0.0.1");
        Ok(BaseUrl(format!("http://{host}")))
    }
}
