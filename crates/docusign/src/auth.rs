//! JWT grant: an RS256 assertion signed with the integration key's private key is exchanged
//! at `/oauth/token` for an access token that impersonates the configured user.
//!
//! The JWT grant issues no refresh token, so a new assertion is sent when the cached access
//! token gets close to its `expires_in`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::Error;
use crate::config::{DocuSignConfig, SCOPES};

/// `grant_type` of the JWT bearer grant (RFC 7523).
pub const JWT_BEARER_GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// Lifetime of the JWT assertion. DocuSign rejects assertions whose `exp` is more than one
/// hour after `iat`.
const ASSERTION_LIFETIME: Duration = Duration::from_secs(3600);

/// How long before `expires_in` a cached token is replaced, so a request never starts with a
/// token that expires on the way. Tokens shorter than twice this margin are kept for half of
/// their lifetime instead.
const TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// Claims of the JWT grant assertion.
#[derive(Debug, Serialize, Deserialize)]
pub struct GrantClaims {
    /// Integration key.
    pub iss: String,
    /// User id (GUID) to impersonate.
    pub sub: String,
    /// Bare authentication host, such as `account-d.docusign.com`.
    pub aud: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
    /// Space-separated scopes.
    pub scope: String,
}

/// Successful `/oauth/token` response.
#[derive(Debug, Deserialize)]
struct TokenResponse {
    access_token: String,
    /// Lifetime of the access token in seconds.
    expires_in: u64,
}

/// OAuth error body of `/oauth/token`, such as `{"error":"consent_required"}`.
#[derive(Debug, Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

struct CachedToken {
    access_token: SecretString,
    refresh_at: Instant,
}

/// Obtains access tokens with the JWT grant and caches them until shortly before expiry.
pub(crate) struct TokenProvider {
    config: DocuSignConfig,
    encoding_key: EncodingKey,
    http: reqwest::Client,
    cached: Mutex<Option<CachedToken>>,
}

impl TokenProvider {
    pub(crate) fn new(config: DocuSignConfig, http: reqwest::Client) -> Result<Self, Error> {
        let pem = config.private_key_pem.expose_secret().as_bytes();
        let encoding_key = EncodingKey::from_rsa_pem(pem).map_err(Error::InvalidPrivateKey)?;
        Ok(Self {
            config,
            encoding_key,
            http,
            cached: Mutex::new(None),
        })
    }

    /// Returns a valid access token, requesting a new one when none is cached or the cached
    /// one is about to expire.
    ///
    /// The lock is held during the token request, so concurrent callers wait for one request
    /// instead of each sending their own.
    pub(crate) async fn access_token(&self) -> Result<SecretString, Error> {
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached.as_ref().filter(|token| Instant::now() < token.refresh_at) {
            return Ok(token.access_token.clone());
        }

        let issued_at = Instant::now();
        let response = self.request_token().await?;
        let lifetime = Duration::from_secs(response.expires_in);
        let token = CachedToken {
            access_token: SecretString::from(response.access_token),
            refresh_at: issued_at + cache_lifetime(lifetime),
        };
        let access_token = token.access_token.clone();
        *cached = Some(token);
        Ok(access_token)
    }

    /// Drops the cached token, so the next call requests a new one. Used after the REST API
    /// answers 401, for example when the user's consent was revoked.
    pub(crate) async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }

    #[tracing::instrument(
        name = "docusign.request_token",
        skip(self),
        fields(integration_key = %self.config.integration_key, user_id = %self.config.user_id)
    )]
    async fn request_token(&self) -> Result<TokenResponse, Error> {
        const OPERATION: &str = "POST /oauth/token";
        let assertion = self.sign_assertion()?;
        let url = format!("{}/oauth/token", self.config.auth_base_url());

        let response = self
            .http
            .post(url)
            .form(&[("grant_type", JWT_BEARER_GRANT_TYPE), ("assertion", assertion.as_str())])
            .send()
            .await
            .map_err(|source| Error::Http {
                operation: OPERATION,
                source,
            })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|source| Error::Http {
            operation: OPERATION,
            source,
        })?;

        if status.is_success() {
            let token = serde_json::from_slice::<TokenResponse>(&body).map_err(|error| Error::InvalidResponse {
                operation: OPERATION,
                reason: error.to_string(),
            })?;
            tracing::info!(expires_in = token.expires_in, "obtained DocuSign access token");
            return Ok(token);
        }

        let error = self.token_error(status.as_u16(), &body);
        tracing::error!(error = %error, "DocuSign token request failed");
        Err(error)
    }

    fn sign_assertion(&self) -> Result<String, Error> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let claims = GrantClaims {
            iss: self.config.integration_key.clone(),
            sub: self.config.user_id.clone(),
            aud: self.config.auth_host.clone(),
            iat: now,
            exp: now + ASSERTION_LIFETIME.as_secs(),
            scope: SCOPES.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &self.encoding_key).map_err(Error::JwtSigning)
    }

    /// Maps an OAuth error body to the error whose message names the operator's next step.
    fn token_error(&self, status: u16, body: &[u8]) -> Error {
        let Ok(oauth) = serde_json::from_slice::<OAuthErrorBody>(body) else {
            return Error::TokenRejected {
                status,
                error: body_excerpt(body),
            };
        };

        match oauth.error.as_str() {
            "consent_required" => Error::ConsentRequired {
                user_id: self.config.user_id.clone(),
                integration_key: self.config.integration_key.clone(),
                consent_url: consent_url(&self.config),
            },
            "invalid_grant" => Error::InvalidGrant {
                description: oauth.error_description.unwrap_or_else(|| "no description".into()),
                user_id: self.config.user_id.clone(),
                integration_key: self.config.integration_key.clone(),
                auth_host: self.config.auth_host.clone(),
            },
            other => Error::TokenRejected {
                status,
                error: match oauth.error_description {
                    Some(description) => format!("{other} ({description})"),
                    None => other.to_owned(),
                },
            },
        }
    }
}

/// Builds the URL where the impersonated user grants the integration key consent for the
/// `signature impersonation` scopes. It is on the real authentication host even when
/// requests go to another base URL, because a person opens it in a browser.
pub fn consent_url(config: &DocuSignConfig) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", &config.integration_key)
        .append_pair("redirect_uri", &config.consent_redirect_uri)
        .finish();
    format!(
        "https://{}/oauth/auth?response_type=code&scope=signature%20impersonation&{query}",
        config.auth_host
    )
}

/// Returns how long a token with `lifetime` stays in the cache.
fn cache_lifetime(lifetime: Duration) -> Duration {
    if lifetime > TOKEN_REFRESH_MARGIN * 2 {
        lifetime - TOKEN_REFRESH_MARGIN
    } else {
        lifetime / 2
    }
}

/// Returns the start of a response body for an error message, because error bodies can be
/// whole HTML pages.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    const MAX_CHARS: usize = 300;
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return "empty response body".to_owned();
    }
    text.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_lifetime_keeps_margin() {
        assert_eq!(cache_lifetime(Duration::from_secs(3600)), Duration::from_secs(3300));
    }

    #[test]
    fn cache_lifetime_halves_short_tokens() {
        assert_eq!(cache_lifetime(Duration::from_secs(2)), Duration::from_secs(1));
        assert_eq!(cache_lifetime(Duration::ZERO), Duration::ZERO);
    }
}
