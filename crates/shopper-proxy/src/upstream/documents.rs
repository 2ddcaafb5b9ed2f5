//! The contract document: `GET /v2/contracts/{id}/document`, a PDF.

use reqwest::Url;

use super::{FIRST_RETRY_BACKOFF, GET_ATTEMPTS, UpstreamClient, UpstreamError, read_error};

impl UpstreamClient {
    /// Requests a contract's PDF and returns the response with its body unread, so the caller
    /// can stream it on. Like the pricing GETs, it is retried on 5xx, timeouts and refused connections.
    #[tracing::instrument(skip(self), err(Display))]
    pub async fn contract_document(&self, contract_id: &str) -> Result<reqwest::Response, UpstreamError> {
        let mut url = Url::parse(&self.base_url)
            .map_err(|error| UpstreamError::InvalidResponse(format!("invalid platform URL: {error}")))?;
        url.path_segments_mut()
            .map_err(|()| UpstreamError::InvalidResponse("the platform URL cannot have a path".into()))?
            .pop_if_empty()
            .extend(["v2", "contracts", contract_id, "document"]);

        let mut backoff = FIRST_RETRY_BACKOFF;
        let mut attempt = 1;
        loop {
            let request = self.authorized(self.http.get(url.clone()))?;
            let error = match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => read_error(response).await,
                Err(error) => UpstreamError::Transport(error),
            };
            if !error.is_transient() || attempt == GET_ATTEMPTS {
                return Err(error);
            }
            tracing::warn!(error = %error, attempt, "platform document GET failed; retrying");
            tokio::time::sleep(backoff).await;
            backoff *= 2;
            attempt += 1;
        }
    }
}
