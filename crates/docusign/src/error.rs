//! Errors of the DocuSign client and of Connect webhook checks.

/// Everything that can fail when talking to DocuSign or checking a Connect webhook.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A configuration value is unusable. The message names it.
    #[error("invalid DocuSign configuration: {0}")]
    InvalidConfig(String),

    /// The RSA private key could not be parsed.
    #[error(
        "invalid DocuSign RSA private key: expected the PEM downloaded for the integration key \
         (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)"
    )]
    InvalidPrivateKey(#[source] jsonwebtoken::errors::Error),

    /// Signing the JWT assertion failed.
    #[error("failed to sign the DocuSign JWT assertion")]
    JwtSigning(#[source] jsonwebtoken::errors::Error),

    /// The impersonated user has not granted consent to the integration key.
    #[error(
        "DocuSign returned consent_required: user {user_id} has not granted consent to \
         integration key {integration_key}. Open {consent_url} in a browser, sign in as that \
         user and allow access, then retry (an organization administrator can grant consent \
         for all users instead)"
    )]
    ConsentRequired {
        user_id: String,
        integration_key: String,
        consent_url: String,
    },

    /// DocuSign rejected the JWT assertion itself.
    #[error(
        "DocuSign returned invalid_grant ({description}) for integration key {integration_key}: \
         check that the user id {user_id} is the user's GUID in this environment, that the RSA \
         key pair belongs to this integration key, that the auth host {auth_host} matches the \
         environment of the key, and that this machine's clock is correct"
    )]
    InvalidGrant {
        /// DocuSign's `error_description`, such as `no_valid_keys_or_signatures`.
        description: String,
        user_id: String,
        integration_key: String,
        auth_host: String,
    },

    /// The token endpoint returned another OAuth error.
    #[error("DocuSign token request failed with HTTP {status}: {error}")]
    TokenRejected { status: u16, error: String },

    /// The configured account is not one of the user's accounts.
    #[error(
        "DocuSign account {account_id} is not among the accounts of user {user_id}; \
         set the account id to one of: {available}"
    )]
    AccountNotFound {
        account_id: String,
        user_id: String,
        available: String,
    },

    /// No account id was configured and userinfo marks no account as default.
    #[error("DocuSign user {user_id} has no default account; set the account id explicitly")]
    NoDefaultAccount { user_id: String },

    /// The request could not be sent or the response could not be read (includes timeouts).
    #[error("DocuSign request {operation} failed")]
    Http {
        operation: &'static str,
        #[source]
        source: reqwest::Error,
    },

    /// The eSignature REST API returned an error status.
    #[error("DocuSign {operation} returned HTTP {status}: {error_code}: {message}")]
    Api {
        operation: &'static str,
        status: u16,
        /// DocuSign's `errorCode`, such as `ENVELOPE_IS_INCOMPLETE`.
        error_code: String,
        message: String,
    },

    /// A response had an unexpected shape.
    #[error("invalid DocuSign response to {operation}: {reason}")]
    InvalidResponse { operation: &'static str, reason: String },

    /// A Connect request carries no `X-DocuSign-Signature-N` header.
    #[error("Connect webhook has no X-DocuSign-Signature-1 header; enable HMAC in the Connect configuration")]
    ConnectSignatureMissing,

    /// No `X-DocuSign-Signature-N` header matches the HMAC of the body.
    #[error("Connect webhook signature does not match the body for the configured HMAC key")]
    ConnectSignatureInvalid,

    /// A Connect body is not a JSON SIM event with an envelope id.
    #[error("invalid Connect webhook body: {0}")]
    InvalidConnectEvent(String),
}
