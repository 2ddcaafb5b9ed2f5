//! A small client for the proxy's `/v1` JSON API over the browser's `fetch`.
//!
//! Every request carries the publishable key in `X-Publishable-Key`. Error responses are decoded
//! into [`ApiError`], so the steps can react to its `code` and show its `message`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use shopper_types::{FieldError, UtilityRequirements};
use shopper_types::api::{
    ApiError, Contract, CreateContractRequest, IDEMPOTENCY_KEY_HEADER, Offer, PUBLISHABLE_KEY_HEADER, PartnerConfig,
    QuoteRequest, QuoteResponse, RepriceContractRequest, SigningSession, SigningSessionRequest, UtilitiesResponse,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, RequestMode, Response};

use crate::config::WidgetConfig;
use crate::text;

/// A failed request to the proxy.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// The proxy returned an HTTP error status.
    #[error("HTTP {status} {}: {}", .error.code, .error.message)]
    Api { status: u16, error: ApiError },
    /// No HTTP response arrived: offline, proxy down, or blocked by CORS.
    #[error("network error: {0}")]
    Network(String),
    /// The response was not the JSON the widget expects.
    #[error("unexpected response: {0}")]
    InvalidResponse(String),
}

impl RequestError {
    pub fn code(&self) -> Option<&str> {
        match self {
            RequestError::Api { error, .. } => Some(&error.code),
            _ => None,
        }
    }

    /// True when sending the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            RequestError::Api { status, error } => error.retryable || *status >= 500,
            RequestError::Network(_) => true,
            RequestError::InvalidResponse(_) => false,
        }
    }

    /// Returns the offer at today's price that `quote_expired` and `price_changed` errors carry.
    pub fn offer(&self) -> Option<&Offer> {
        match self {
            RequestError::Api { error, .. } => error.offer.as_ref(),
            _ => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            RequestError::Api { error, .. } => &error.fields,
            _ => &[],
        }
    }

    /// Returns the sentence shown to the customer.
    pub fn user_message(&self) -> String {
        match self {
            RequestError::Api { status, error } if *status < 500 && !error.message.is_empty() => error.message.clone(),
            RequestError::Api { error, .. } if error.retryable && !error.message.is_empty() => error.message.clone(),
            RequestError::Network(_) => text::NETWORK_ERROR.to_owned(),
            _ => text::UNEXPECTED_ERROR.to_owned(),
        }
    }
}

/// The proxy's `/v1` endpoints, for one partner key.
#[derive(Clone, Debug)]
pub struct ApiClient {
    base: String,
    key: String,
}

impl ApiClient {
    pub fn new(config: &WidgetConfig) -> ApiClient {
        ApiClient {
            base: config.api_base.clone(),
            key: config.key.clone(),
        }
    }

    pub async fn partner_config(&self) -> Result<PartnerConfig, RequestError> {
        self.send("GET", "/v1/config", None, None).await
    }

    pub async fn utilities(&self, zip: &str) -> Result<UtilitiesResponse, RequestError> {
        self.send("GET", &format!("/v1/utilities?zip={}", encode(zip)), None, None)
            .await
    }

    pub async fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResponse, RequestError> {
        self.send("POST", "/v1/quotes", Some(to_json(request)?), None).await
    }

    /// Prices an offer again at today's rate. The proxy returns the same product under a new
    /// quote id, or `offer_unavailable` when the supplier no longer offers it.
    pub async fn refresh_quote(&self, quote_id: &str) -> Result<Offer, RequestError> {
        let path = format!("/v1/quotes/{}/refresh", encode(quote_id));
        self.send("POST", &path, None, None).await
    }

    /// Reads the identifier fields that enrolling an account of the utility needs.
    pub async fn utility_requirements(&self, utility_code: &str) -> Result<UtilityRequirements, RequestError> {
        let path = format!("/v1/utilities/{}/requirements", encode(utility_code));
        self.send("GET", &path, None, None).await
    }

    /// Creates the contract. Sending the same body with the same idempotency key returns the
    /// contract created the first time, so a double click or a retry never makes two.
    pub async fn create_contract(
        &self,
        request: &CreateContractRequest,
        idempotency_key: &str,
    ) -> Result<Contract, RequestError> {
        self.send("POST", "/v1/contracts", Some(to_json(request)?), Some(idempotency_key))
            .await
    }

    pub async fn contract(&self, id: &str) -> Result<Contract, RequestError> {
        self.send("GET", &format!("/v1/contracts/{}", encode(id)), None, None)
            .await
    }

    /// Moves the contract to the offer at today's price that a `quote_expired` error carried.
    pub async fn reprice_contract(&self, id: &str, quote_id: &str) -> Result<Contract, RequestError> {
        let request = RepriceContractRequest {
            quote_id: quote_id.to_owned(),
        };
        let path = format!("/v1/contracts/{}/price", encode(id));
        self.send("POST", &path, Some(to_json(&request)?), None).await
    }

    pub async fn signing_session(
        &self,
        id: &str,
        request: &SigningSessionRequest,
    ) -> Result<SigningSession, RequestError> {
        let path = format!("/v1/contracts/{}/signing-session", encode(id));
        self.send("POST", &path, Some(to_json(request)?), None).await
    }

    /// Builds the URL of the contract's PDF, which the customer opens with a plain link. A link
    /// cannot send headers, so the key goes in the query.
    pub fn document_url(&self, id: &str) -> String {
        format!(
            "{}/v1/contracts/{}/document?key={}",
            self.base,
            encode(id),
            encode(&self.key)
        )
    }

    /// Builds the status stream's URL. `EventSource` cannot send headers, so the key goes in the
    /// query.
    pub fn events_url(&self, id: &str) -> String {
        format!(
            "{}/v1/contracts/{}/events?key={}",
            self.base,
            encode(id),
            encode(&self.key)
        )
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<T, RequestError> {
        let headers = Headers::new().map_err(network_error)?;
        headers.set("Accept", "application/json").map_err(network_error)?;
        headers.set(PUBLISHABLE_KEY_HEADER, &self.key).map_err(network_error)?;
        if let Some(idempotency_key) = idempotency_key {
            headers
                .set(IDEMPOTENCY_KEY_HEADER, idempotency_key)
                .map_err(network_error)?;
        }

        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        if let Some(body) = body {
            headers.set("Content-Type", "application/json").map_err(network_error)?;
            init.set_body(&JsValue::from_str(&body));
        }
        init.set_headers(&headers);

        let url = format!("{}{path}", self.base);
        let request = Request::new_with_str_and_init(&url, &init).map_err(network_error)?;
        let window = web_sys::window().ok_or_else(|| RequestError::Network("no window".into()))?;
        let response: Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(network_error)?
            .unchecked_into();
        let body = JsFuture::from(response.text().map_err(network_error)?)
            .await
            .map_err(network_error)?;
        let body = body.as_string().unwrap_or_default();

        if response.ok() {
            return serde_json::from_str(&body)
                .map_err(|error| RequestError::InvalidResponse(format!("{path}: {error}")));
        }
        let status = response.status();
        let error = serde_json::from_str::<ApiError>(&body).unwrap_or_else(|_| ApiError {
            code: format!("http_{status}"),
            message: String::new(),
            fields: Vec::new(),
            retryable: status >= 500,
            offer: None,
        });
        Err(RequestError::Api { status, error })
    }
}

fn to_json(body: &impl Serialize) -> Result<String, RequestError> {
    serde_json::to_string(body).map_err(|error| RequestError::InvalidResponse(error.to_string()))
}

fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

fn network_error(error: JsValue) -> RequestError {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"));
    RequestError::Network(message)
}
