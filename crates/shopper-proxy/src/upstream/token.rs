//! The short-lived RS256 JWT that authenticates each platform call.

use std::fmt;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::{ExposeSecret, SecretString};
use shopper_types::upstream::{JWT_AUDIENCE, JwtClaims};

/// Lifetime of each token in seconds; the platform rejects tokens valid for more than 300 s.
const TOKEN_LIFETIME_SECONDS: i64 = 300;

/// Signs platform JWTs with a partner's RSA private key.
#[derive(Clone)]
pub struct TokenSigner {
    partner_id: String,
    key: EncodingKey,
}

impl fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSigner").field("partner_id", &self.partner_id).finish_non_exhaustive()
    }
}

impl TokenSigner {
    /// Reads the private key, PKCS#1 or PKCS#8 PEM.
    pub fn new(partner_id: String, private_key_pem: &SecretString) -> Result<TokenSigner, jsonwebtoken::errors::Error> {
        let key = EncodingKey::from_rsa_pem(private_key_pem.expose_secret().as_bytes())?;
        Ok(TokenSigner { partner_id, key })
    }

    /// Mints a fresh token, so each call (and each retry) carries its own `jti` and `iat`.
    pub fn mint(&self) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = JwtClaims {
            iss: self.partner_id.clone(),
            sub: self.partner_id.clone(),
            aud: JWT_AUDIENCE.to_owned(),
            iat: now,
            exp: now + TOKEN_LIFETIME_SECONDS,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &self.key)
    }
}
