//! The eSignature REST v2.1 client: account discovery through userinfo, envelope creation,
//! recipient views for embedded signing, and voiding envelopes.

use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;
use url::Url;

use crate::Error;
use crate::auth::{TokenProvider, body_excerpt};
use crate::config::DocuSignConfig;
use crate::envelope::{
    EnvelopeDefinition, EnvelopeRequest, EnvelopeSummary, EnvelopeUpdateSummary, RecipientViewRequest, Signer, ViewUrl,
    VoidRequest,
};

/// The DocuSign account that envelopes are sent from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Account GUID, used in every REST path.
    pub account_id: String,
    pub account_name: Option<String>,
    /// Base of the REST API for this account, such as `https://demo.docusign.net/restapi`.
    pub rest_base_url: String,
}

/// `/oauth/userinfo` response, with only the fields this client reads.
#[derive(Debug, Deserialize)]
struct UserInfo {
    accounts: Vec<UserInfoAccount>,
}

#[derive(Debug, Deserialize)]
struct UserInfoAccount {
    account_id: String,
    #[serde(default)]
    is_default: bool,
    #[serde(default)]
    account_name: Option<String>,
    /// Host URL such as `https://demo.docusign.net`. The REST API is under `/restapi`.
    base_uri: String,
}

/// Error body of the eSignature REST API, such as
/// `{"errorCode":"ENVELOPE_IS_INCOMPLETE","message":"..."}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiErrorBody {
    error_code: String,
    #[serde(default)]
    message: String,
}

/// A DocuSign eSignature client for one integration key and impersonated user.
///
/// Access tokens and the account from userinfo are cached for the life of the client, so keep
/// one client and share it (it is `Send + Sync`). Requests that change an envelope are never
/// retried, because a retried envelope creation could send the contract twice.
pub struct DocuSignClient {
    config: DocuSignConfig,
    http: reqwest::Client,
    tokens: TokenProvider,
    account: OnceCell<Account>,
}

impl DocuSignClient {
    /// Creates a client. Fails on an invalid configuration or private key, before any request.
    pub fn new(config: DocuSignConfig) -> Result<Self, Error> {
        config.validate()?;
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .connect_timeout(config.connect_timeout)
            .build()
            .map_err(|source| Error::Http {
                operation: "HTTP client setup",
                source,
            })?;
        let tokens = TokenProvider::new(config.clone(), http.clone())?;
        Ok(Self {
            config,
            http,
            tokens,
            account: OnceCell::new(),
        })
    }

    /// Returns a valid access token for the impersonated user, cached until shortly before it
    /// expires.
    pub async fn access_token(&self) -> Result<secrecy::SecretString, Error> {
        self.tokens.access_token().await
    }

    /// Returns the account that envelopes are sent from: the configured account id, or else
    /// the user's default account. The first call requests `/oauth/userinfo` and later calls
    /// return the cached result, because DocuSign rate-limits userinfo per user.
    pub async fn account(&self) -> Result<Account, Error> {
        self.account.get_or_try_init(|| self.fetch_account()).await.cloned()
    }

    /// Creates an envelope with the contract PDF and one embedded signer, with status `sent`,
    /// and returns its envelope id.
    #[tracing::instrument(
        name = "docusign.create_envelope",
        skip(self, request),
        fields(client_user_id = %request.signer.client_user_id, envelope_id)
    )]
    pub async fn create_envelope(&self, request: &EnvelopeRequest) -> Result<String, Error> {
        const OPERATION: &str = "POST envelopes";
        let account = self.account().await?;
        let url = rest_url(&account, &["envelopes"], OPERATION)?;

        let body = EnvelopeDefinition::from(request);
        let summary: EnvelopeSummary = self.post_json(OPERATION, url, &body).await?;

        tracing::Span::current().record("envelope_id", summary.envelope_id.as_str());
        tracing::info!(status = ?summary.status, "created DocuSign envelope");
        Ok(summary.envelope_id)
    }

    /// Requests a recipient view (embedded signing) URL for `signer` on a sent envelope.
    ///
    /// The URL can be opened once and expires after 5 minutes (DocuSign eSignature REST
    /// v2.1, EnvelopeViews: createRecipient), so request it when the signer is about to sign
    /// and never store it. After signing, DocuSign redirects to `return_url` with an `event`
    /// query parameter such as `signing_complete` or `decline`.
    #[tracing::instrument(
        name = "docusign.create_recipient_view",
        skip(self, signer, return_url),
        fields(client_user_id = %signer.client_user_id)
    )]
    pub async fn create_recipient_view(
        &self,
        envelope_id: &str,
        signer: &Signer,
        return_url: &str,
    ) -> Result<String, Error> {
        const OPERATION: &str = "POST views/recipient";
        let account = self.account().await?;
        let segments = ["envelopes", envelope_id, "views", "recipient"];
        let url = rest_url(&account, &segments, OPERATION)?;

        let body = RecipientViewRequest::new(signer, return_url);
        let view: ViewUrl = self.post_json(OPERATION, url, &body).await?;

        tracing::info!("created DocuSign recipient view");
        Ok(view.url)
    }

    /// Voids a sent envelope, so it can no longer be signed. DocuSign records `reason` in the
    /// envelope's history (eSignature REST v2.1, Envelopes: update). Only envelopes that are
    /// still in process can be voided, so a completed or declined one gives an [`Error::Api`].
    #[tracing::instrument(name = "docusign.void_envelope", skip(self, reason))]
    pub async fn void_envelope(&self, envelope_id: &str, reason: &str) -> Result<(), Error> {
        const OPERATION: &str = "PUT envelopes (void)";
        let account = self.account().await?;
        let url = rest_url(&account, &["envelopes", envelope_id], OPERATION)?;

        let summary: EnvelopeUpdateSummary = self
            .send_json(reqwest::Method::PUT, OPERATION, url, &VoidRequest::new(reason))
            .await?;
        if let Some(details) = summary.error_details {
            let error = Error::Api {
                operation: OPERATION,
                status: 200,
                error_code: details.error_code,
                message: details.message,
            };
            tracing::error!(error = %error, "failed to void the DocuSign envelope");
            return Err(error);
        }
        tracing::info!("voided DocuSign envelope");
        Ok(())
    }

    #[tracing::instrument(name = "docusign.userinfo", skip(self))]
    async fn fetch_account(&self) -> Result<Account, Error> {
        const OPERATION: &str = "GET /oauth/userinfo";
        let token = self.tokens.access_token().await?;
        let url = format!("{}/oauth/userinfo", self.config.auth_base_url());

        let response = self
            .http
            .get(url)
            .bearer_auth(token.expose_secret())
            .send()
            .await
            .map_err(|source| Error::Http {
                operation: OPERATION,
                source,
            })?;
        let user_info: UserInfo = self.read_json(OPERATION, response).await?;

        let selected = select_account(user_info.accounts, &self.config)?;
        let account = Account {
            rest_base_url: rest_base_url(&selected.base_uri, OPERATION)?,
            account_id: selected.account_id,
            account_name: selected.account_name,
        };
        tracing::info!(
            account_id = %account.account_id,
            rest_base_url = %account.rest_base_url,
            "selected DocuSign account"
        );
        Ok(account)
    }

    async fn post_json<B: Serialize, R: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: Url,
        body: &B,
    ) -> Result<R, Error> {
        self.send_json(reqwest::Method::POST, operation, url, body).await
    }

    async fn send_json<B: Serialize, R: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        operation: &'static str,
        url: Url,
        body: &B,
    ) -> Result<R, Error> {
        let token = self.tokens.access_token().await?;
        let response = self
            .http
            .request(method, url)
            .bearer_auth(token.expose_secret())
            .json(body)
            .send()
            .await
            .map_err(|source| Error::Http { operation, source })?;
        self.read_json(operation, response).await
    }

    /// Decodes a success body, or maps an error status to [`Error::Api`].
    async fn read_json<R: DeserializeOwned>(
        &self,
        operation: &'static str,
        response: reqwest::Response,
    ) -> Result<R, Error> {
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|source| Error::Http { operation, source })?;

        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|error| Error::InvalidResponse {
                operation,
                reason: error.to_string(),
            });
        }

        // A 401 means the token is no longer accepted (for example, consent was revoked), so
        // the next call starts with a fresh JWT grant. The failed request is not repeated.
        if status == reqwest::StatusCode::UNAUTHORIZED {
            self.tokens.invalidate().await;
        }
        let (error_code, message) = match serde_json::from_slice::<ApiErrorBody>(&body) {
            Ok(error) => (error.error_code, error.message),
            Err(_) => ("UNKNOWN".to_owned(), body_excerpt(&body)),
        };
        let error = Error::Api {
            operation,
            status: status.as_u16(),
            error_code,
            message,
        };
        tracing::error!(error = %error, "DocuSign request failed");
        Err(error)
    }
}

/// Picks the configured account, or else the default one.
fn select_account(accounts: Vec<UserInfoAccount>, config: &DocuSignConfig) -> Result<UserInfoAccount, Error> {
    let Some(account_id) = &config.account_id else {
        return accounts
            .into_iter()
            .find(|account| account.is_default)
            .ok_or_else(|| Error::NoDefaultAccount {
                user_id: config.user_id.clone(),
            });
    };

    let available = accounts
        .iter()
        .map(|account| account.account_id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    accounts
        .into_iter()
        .find(|account| account.account_id.eq_ignore_ascii_case(account_id))
        .ok_or_else(|| Error::AccountNotFound {
            account_id: account_id.clone(),
            user_id: config.user_id.clone(),
            available,
        })
}

/// Turns a userinfo `base_uri` into the REST API base, `{base_uri}/restapi`.
fn rest_base_url(base_uri: &str, operation: &'static str) -> Result<String, Error> {
    let parsed = Url::parse(base_uri).map_err(|error| Error::InvalidResponse {
        operation,
        reason: format!("base_uri {base_uri:?} is not a URL: {error}"),
    })?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(Error::InvalidResponse {
            operation,
            reason: format!("base_uri {base_uri:?} is not an HTTP URL"),
        });
    }
    Ok(format!("{}/restapi", base_uri.trim_end_matches('/')))
}

/// Builds `{rest base}/v2.1/accounts/{accountId}/{segments...}`, percent-encoding each
/// segment so an id can never change the path.
fn rest_url(account: &Account, segments: &[&str], operation: &'static str) -> Result<Url, Error> {
    let invalid = |reason: String| Error::InvalidResponse { operation, reason };
    let mut url =
        Url::parse(&account.rest_base_url).map_err(|error| invalid(format!("REST base URL is invalid: {error}")))?;
    url.path_segments_mut()
        .map_err(|()| invalid("REST base URL cannot have a path".to_owned()))?
        .pop_if_empty()
        .extend(["v2.1", "accounts", account.account_id.as_str()])
        .extend(segments);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_url_encodes_segments() {
        let account = Account {
            account_id: "abc".to_owned(),
            account_name: None,
            rest_base_url: "https://demo.docusign.net/restapi".to_owned(),
        };
        let url = rest_url(&account, &["envelopes", "a/b", "views"], "test").unwrap();
        assert_eq!(
            url.as_str(),
            "https://demo.docusign.net/restapi/v2.1/accounts/abc/envelopes/a%2Fb/views"
        );
    }

    #[test]
    fn rest_base_url_appends_restapi() {
        let base = rest_base_url("https://demo.docusign.net/", "test").unwrap();
        assert_eq!(base, "https://demo.docusign.net/restapi");
    }

    #[test]
    fn rest_base_url_rejects_non_http() {
        assert!(rest_base_url("ftp://demo.docusign.net", "test").is_err());
        assert!(rest_base_url("demo.docusign.net", "test").is_err());
    }
}
