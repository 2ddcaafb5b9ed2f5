//! Partner authentication: an API key in `X-Api-Key` and a short-lived RS256 JWT, signed with the
//! partner's private key, in `Authorization: Bearer …`.
//!
//! A token passes when its signature verifies with the public key registered for that API key
//! and `aud` is `my-service-cloud`. Its `iss` must be the partner's id, and it must not have
//! expired (60 s leeway for clock skew) or be valid for more than [`MAX_TOKEN_LIFETIME_SECONDS`].

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use shopper_types::upstream::{API_KEY_HEADER, JWT_AUDIENCE, JwtClaims};

use crate::error::RestError;
use crate::{AppState, SandboxPartner};

/// The longest `exp - iat` the platform accepts: 5 minutes.
pub const MAX_TOKEN_LIFETIME_SECONDS: i64 = 300;

/// Allowed clock difference between the partner's server and the platform, in seconds.
const CLOCK_LEEWAY_SECONDS: u64 = 60;

/// A partner whose call passed authentication.
#[derive(Clone, Debug)]
pub struct AuthenticatedPartner {
    pub partner: Arc<SandboxPartner>,
}

struct RegisteredPartner {
    partner: Arc<SandboxPartner>,
    /// An error message instead of a key when the configured PEM does not parse.
    decoding_key: Result<DecodingKey, String>,
}

/// The registered partners, by API key, with their parsed public keys.
pub(crate) struct PartnerKeys {
    by_api_key: HashMap<String, RegisteredPartner>,
}

impl PartnerKeys {
    pub fn new(partners: &[SandboxPartner]) -> PartnerKeys {
        let by_api_key = partners
            .iter()
            .map(|partner| {
                let decoding_key = DecodingKey::from_rsa_pem(partner.public_key_pem.as_bytes()).map_err(|error| {
                    tracing::error!(partner_id = %partner.partner_id, %error, "partner public key is not a valid RSA PEM");
                    format!("The public key registered for partner {} is not a valid RSA PEM ({error}).", partner.partner_id)
                });
                let registered = RegisteredPartner { partner: Arc::new(partner.clone()), decoding_key };
                (partner.api_key.clone(), registered)
            })
            .collect();
        PartnerKeys { by_api_key }
    }

    /// Checks an API key and a bearer token, and returns the partner they belong to.
    pub fn authenticate(&self, api_key: Option<&str>, bearer: Option<&str>) -> Result<AuthenticatedPartner, RestError> {
        let api_key = api_key.filter(|key| !key.is_empty()).ok_or_else(|| {
            RestError::unauthorized("missing_api_key", format!("Missing {API_KEY_HEADER} header; send the partner API key."))
        })?;
        let registered = self.by_api_key.get(api_key).ok_or_else(|| {
            RestError::unauthorized("invalid_api_key", format!("Invalid {API_KEY_HEADER}: no partner has this key; check the key for this environment."))
        })?;
        let token = bearer.ok_or_else(|| {
            RestError::unauthorized("missing_token", "Missing Authorization header; send `Bearer <JWT>` signed RS256 with the partner key.")
        })?;
        let decoding_key = registered
            .decoding_key
            .as_ref()
            .map_err(|message| RestError::unauthorized("invalid_partner_key", message.clone()))?;

        verify_token(token, decoding_key, &registered.partner.partner_id)?;
        Ok(AuthenticatedPartner { partner: registered.partner.clone() })
    }
}

/// Fails when a partner's public key is not an RSA PEM that jsonwebtoken can use.
pub fn check_public_key(partner: &SandboxPartner) -> anyhow::Result<()> {
    DecodingKey::from_rsa_pem(partner.public_key_pem.as_bytes())
        .map(|_| ())
        .with_context(|| format!("invalid RSA public key PEM for partner {}", partner.partner_id))
}

fn verify_token(token: &str, decoding_key: &DecodingKey, partner_id: &str) -> Result<JwtClaims, RestError> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[JWT_AUDIENCE]);
    validation.set_issuer(&[partner_id]);
    validation.set_required_spec_claims(&["exp", "iat", "aud", "iss", "sub"]);
    validation.leeway = CLOCK_LEEWAY_SECONDS;

    let claims = jsonwebtoken::decode::<JwtClaims>(token, decoding_key, &validation)
        .map_err(|error| {
            use jsonwebtoken::errors::ErrorKind;
            let reason = match error.kind() {
                ErrorKind::ExpiredSignature => "it has expired; mint a new token for each call".to_owned(),
                ErrorKind::InvalidAudience => format!("aud must be \"{JWT_AUDIENCE}\""),
                ErrorKind::InvalidIssuer => format!("iss must be the partner id \"{partner_id}\""),
                ErrorKind::InvalidSignature => "the signature does not verify with the partner's registered public key".to_owned(),
                ErrorKind::InvalidAlgorithm => "it must be signed with RS256".to_owned(),
                ErrorKind::MissingRequiredClaim(claim) => format!("the {claim} claim is missing"),
                _ => error.to_string(),
            };
            RestError::unauthorized("invalid_token", format!("Invalid bearer token: {reason}."))
        })?
        .claims;

    let lifetime = claims.exp - claims.iat;
    if lifetime > MAX_TOKEN_LIFETIME_SECONDS {
        return Err(RestError::unauthorized(
            "invalid_token",
            format!("Invalid bearer token: it is valid for {lifetime} s; exp - iat must be at most {MAX_TOKEN_LIFETIME_SECONDS} s."),
        ));
    }
    let now = chrono::Utc::now().timestamp();
    if claims.iat > now + CLOCK_LEEWAY_SECONDS as i64 {
        return Err(RestError::unauthorized("invalid_token", "Invalid bearer token: iat is in the future; check the server clock."));
    }
    Ok(claims)
}

impl FromRequestParts<AppState> for AuthenticatedPartner {
    type Rejection = RestError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let api_key = parts.headers.get(API_KEY_HEADER).and_then(|value| value.to_str().ok());
        let bearer = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim);
        state.sandbox.partners.authenticate(api_key, bearer)
    }
}
