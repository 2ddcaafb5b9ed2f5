//! The client of the broker platform (My Service Cloud, or the embedded sandbox that speaks the
//! same protocol).
//!
//! Every call carries the partner's API key and a fresh RS256 JWT. Pricing GETs are retried with
//! exponential backoff on 5xx responses, timeouts and refused connections. GraphQL mutations are
//! sent once, because a retry after a lost response could create a second contract.

mod contracting;
mod documents;
mod pricing;
mod token;

use std::time::Duration;

use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use shopper_types::FieldError;
use shopper_types::upstream::{API_KEY_HEADER, UpstreamError as PlatformErrorBody};

pub use contracting::{PlatformContract, PlatformStatusChange};
pub use token::TokenSigner;

/// Time allowed to open a connection to the platform.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for a whole call, response included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Attempts of an idempotent GET, the first included.
const GET_ATTEMPTS: u32 = 3;
/// Pause before the first retry; doubled before each later one.
const FIRST_RETRY_BACKOFF: Duration = Duration::from_millis(200);

/// A failed platform call.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// A 4xx or 5xx response with the platform's JSON error body.
    #[error("the platform returned {status}: {} ({})", .body.message, .body.code)]
    Rejected { status: StatusCode, body: PlatformErrorBody },
    /// A 4xx or 5xx response without a readable error body.
    #[error("the platform returned {status}")]
    Status { status: StatusCode },
    /// A GraphQL error; `code` is `extensions.code`, for example `PRICE_EXPIRED`, and `fields`
    /// the per-field problems of an `INVALID_INPUT` error.
    #[error("the platform's GraphQL call failed with {code}: {message}")]
    GraphQl { code: String, message: String, fields: Vec<FieldError> },
    #[error("the platform could not be reached")]
    Transport(#[from] reqwest::Error),
    #[error("invalid platform response: {0}")]
    InvalidResponse(String),
    #[error("failed to sign the platform token")]
    Token(#[from] jsonwebtoken::errors::Error),
}

impl UpstreamError {
    /// True for failures that a later identical GET may not hit: 5xx, timeouts, refused connections.
    fn is_transient(&self) -> bool {
        match self {
            UpstreamError::Rejected { status, .. } | UpstreamError::Status { status } => status.is_server_error(),
            UpstreamError::Transport(error) => error.is_timeout() || error.is_connect(),
            _ => false,
        }
    }

    /// Returns the HTTP status of a platform response with an error status.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            UpstreamError::Rejected { status, .. } | UpstreamError::Status { status } => Some(*status),
            _ => None,
        }
    }

    /// Returns the platform's error code of a rejected REST call, such as `unknown_postal_code`.
    pub fn rest_code(&self) -> Option<&str> {
        match self {
            UpstreamError::Rejected { body, .. } => Some(body.code.as_str()),
            _ => None,
        }
    }
}

/// A partner's connection to its platform environment.
#[derive(Clone, Debug)]
pub struct UpstreamClient {
    http: reqwest::Client,
    /// Without a trailing slash, for example `http://127.0.0.1:41234`.
    base_url: String,
    api_key: SecretString,
    signer: TokenSigner,
}

impl UpstreamClient {
    pub fn new(base_url: &str, api_key: SecretString, signer: TokenSigner) -> Result<UpstreamClient, UpstreamError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("shopper-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(UpstreamClient { http, base_url: base_url.trim_end_matches('/').to_owned(), api_key, signer })
    }

    fn authorized(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, UpstreamError> {
        let token = self.signer.mint()?;
        Ok(request.header(API_KEY_HEADER, self.api_key.expose_secret()).bearer_auth(token))
    }

    /// Sends a GET, retrying transient failures with exponential backoff.
    async fn get_json<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.base_url);
        let mut backoff = FIRST_RETRY_BACKOFF;
        let mut attempt = 1;
        loop {
            let request = self.authorized(self.http.get(&url).query(query))?;
            let result = match request.send().await {
                Ok(response) => read_json(response).await,
                Err(error) => Err(UpstreamError::Transport(error)),
            };
            match result {
                Err(error) if error.is_transient() && attempt < GET_ATTEMPTS => {
                    tracing::warn!(error = %error, attempt, path, "platform GET failed; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
}

/// Reads a 2xx response as JSON, or turns an error response into [`UpstreamError`].
async fn read_json<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, UpstreamError> {
    if !response.status().is_success() {
        return Err(read_error(response).await);
    }
    let body = response.bytes().await?;
    serde_json::from_slice(&body).map_err(|error| UpstreamError::InvalidResponse(error.to_string()))
}

/// Turns an error response into [`UpstreamError`], with the platform's JSON error body if any.
async fn read_error(response: reqwest::Response) -> UpstreamError {
    let status = response.status();
    let body = match response.bytes().await {
        Ok(body) => body,
        Err(error) => return UpstreamError::Transport(error),
    };
    match serde_json::from_slice::<PlatformErrorBody>(&body) {
        Ok(body) => UpstreamError::Rejected { status, body },
        Err(_) => UpstreamError::Status { status },
    }
}
