//! Settings for one DocuSign integration: who signs the JWT, which user it impersonates and
//! which environment it talks to.

use std::time::Duration;

use secrecy::SecretString;

use crate::Error;

/// Host name of the DocuSign authentication service for developer (demo) accounts.
pub const DEMO_AUTH_HOST: &str = "account-d.docusign.com";

/// Host name of the DocuSign authentication service for production accounts.
pub const PRODUCTION_AUTH_HOST: &str = "account.docusign.com";

/// OAuth scopes requested by the JWT grant. `impersonation` lets the integration act for the
/// user without the user being present, and `signature` covers the eSignature REST API.
pub const SCOPES: &str = "signature impersonation";

/// The DocuSign environment an integration key belongs to.
///
/// Keys, users and consent are separate per environment, so a demo key never works against
/// the production authentication service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Developer accounts (`account-d.docusign.com`, REST on `demo.docusign.net`).
    Demo,
    /// Production accounts (`account.docusign.com`).
    Production,
}

impl Environment {
    /// Returns the bare host of the environment's authentication service.
    pub fn auth_host(self) -> &'static str {
        match self {
            Environment::Demo => DEMO_AUTH_HOST,
            Environment::Production => PRODUCTION_AUTH_HOST,
        }
    }
}

/// Configuration of a [`crate::DocuSignClient`].
#[derive(Debug, Clone)]
pub struct DocuSignConfig {
    /// Integration key (OAuth client id), sent as the JWT `iss` claim.
    pub integration_key: String,
    /// GUID of the DocuSign user the integration impersonates, sent as the JWT `sub` claim.
    pub user_id: String,
    /// RSA private key of the integration key, PEM (PKCS#1 or PKCS#8).
    pub private_key_pem: SecretString,
    /// Bare host of the authentication service, such as `account-d.docusign.com`. It is the
    /// JWT `aud` claim, which DocuSign rejects when it carries a scheme or a path.
    pub auth_host: String,
    /// Base URL the token and userinfo requests go to. `None` means `https://{auth_host}`;
    /// tests point it at a local mock server.
    pub auth_base_url: Option<String>,
    /// Account to send envelopes from. `None` means the user's default account in userinfo.
    pub account_id: Option<String>,
    /// A redirect URI registered on the integration key, used only to build the consent URL
    /// in [`Error::ConsentRequired`].
    pub consent_redirect_uri: String,
    /// Limit on each whole request, connect to last byte of the response.
    pub request_timeout: Duration,
    /// Limit on opening the TCP and TLS connection.
    pub connect_timeout: Duration,
}

impl DocuSignConfig {
    /// Creates a configuration for `environment` with default timeouts, the default account
    /// and `https://{auth host}` as the authentication base URL.
    pub fn new(
        integration_key: impl Into<String>,
        user_id: impl Into<String>,
        private_key_pem: SecretString,
        environment: Environment,
        consent_redirect_uri: impl Into<String>,
    ) -> Self {
        Self {
            integration_key: integration_key.into(),
            user_id: user_id.into(),
            private_key_pem,
            auth_host: environment.auth_host().to_owned(),
            auth_base_url: None,
            account_id: None,
            consent_redirect_uri: consent_redirect_uri.into(),
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
        }
    }

    /// Sends token and userinfo requests to `base_url` in place of `https://{auth_host}`.
    /// The `aud` claim and the consent URL still use `auth_host`.
    pub fn with_auth_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.auth_base_url = Some(base_url.into());
        self
    }

    /// Sends envelopes from `account_id` in place of the user's default account.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Returns the base URL of the authentication service, without a trailing slash.
    pub(crate) fn auth_base_url(&self) -> String {
        match &self.auth_base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("https://{}", self.auth_host),
        }
    }

    /// Checks the values that DocuSign would reject with an unhelpful message.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        let host = &self.auth_host;
        if host.is_empty() || host.contains("://") || host.contains('/') {
            return Err(Error::InvalidConfig(format!(
                "auth host {host:?} must be a bare host name such as {DEMO_AUTH_HOST}, \
                 without a scheme or a path"
            )));
        }
        if self.integration_key.trim().is_empty() {
            return Err(Error::InvalidConfig("integration key is empty".to_owned()));
        }
        if self.user_id.trim().is_empty() {
            return Err(Error::InvalidConfig(
                "user id is empty; set the GUID of the user to impersonate".to_owned(),
            ));
        }
        Ok(())
    }
}
