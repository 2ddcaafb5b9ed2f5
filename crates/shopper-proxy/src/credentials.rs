//! Credentials of partners whose upstream is the embedded sandbox: an RSA 2048 key pair, an API
//! key and a webhook secret, generated into the data directory on first start and reused after.
//!
//! Layout: `<data-dir>/partners/<slug>/private_key.pem` (PKCS#8) and
//! `<data-dir>/partners/<slug>/credentials.json` (API key and webhook secret).

use std::path::{Path, PathBuf};

use anyhow::Context;
use rand::RngCore;
use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::config::PlatformCredentials;

/// RSA modulus size in bits; RS256 needs at least 2048.
const RSA_KEY_BITS: usize = 2048;

/// Credentials for one sandbox partner, with the public key the sandbox verifies JWTs with.
pub struct SandboxCredentials {
    pub platform: PlatformCredentials,
    /// SPKI PEM.
    pub public_key_pem: String,
}

#[derive(Serialize, Deserialize)]
struct StoredSecrets {
    api_key: String,
    webhook_secret: String,
}

/// Returns the path of a sandbox partner's private key. Tests write a key there before start-up
/// to skip key generation.
pub fn private_key_path(data_dir: &Path, slug: &str) -> PathBuf {
    data_dir.join("partners").join(slug).join("private_key.pem")
}

/// Loads a sandbox partner's credentials from the data directory, creating what is missing.
pub fn load_or_create(data_dir: &Path, slug: &str) -> anyhow::Result<SandboxCredentials> {
    let key_path = private_key_path(data_dir, slug);
    let partner_dir = key_path.parent().expect("the key path has a parent directory");
    std::fs::create_dir_all(partner_dir).with_context(|| format!("failed to create {}", partner_dir.display()))?;

    let private_key = if key_path.exists() {
        let pem =
            std::fs::read_to_string(&key_path).with_context(|| format!("failed to read {}", key_path.display()))?;
        parse_private_key(&pem).with_context(|| format!("invalid RSA private key in {}", key_path.display()))?
    } else {
        tracing::info!(partner = slug, "generating the sandbox partner's RSA key pair");
        let key = RsaPrivateKey::new(&mut rand::thread_rng(), RSA_KEY_BITS).context("failed to generate an RSA key")?;
        let pem = key.to_pkcs8_pem(LineEnding::LF).context("failed to encode the RSA key")?;
        write_private(&key_path, pem.as_bytes())?;
        key
    };
    let private_key_pem = private_key.to_pkcs8_pem(LineEnding::LF).context("failed to encode the RSA key")?;
    let public_key_pem =
        private_key.to_public_key().to_public_key_pem(LineEnding::LF).context("failed to encode the RSA public key")?;

    let secrets_path = partner_dir.join("credentials.json");
    let secrets = if secrets_path.exists() {
        let text = std::fs::read_to_string(&secrets_path)
            .with_context(|| format!("failed to read {}", secrets_path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("invalid credentials file {}", secrets_path.display()))?
    } else {
        let secrets = StoredSecrets {
            api_key: format!("msc_test_{}", random_hex(24)),
            webhook_secret: format!("whsec_{}", random_hex(32)),
        };
        write_private(&secrets_path, serde_json::to_string_pretty(&secrets)?.as_bytes())?;
        secrets
    };

    Ok(SandboxCredentials {
        platform: PlatformCredentials {
            partner_id: slug.to_owned(),
            api_key: secrets.api_key.into(),
            private_key_pem: SecretString::from(private_key_pem.to_string()),
            webhook_secret: secrets.webhook_secret.into(),
        },
        public_key_pem,
    })
}

/// Parses an RSA private key in PKCS#8 or PKCS#1 PEM.
fn parse_private_key(pem: &str) -> anyhow::Result<RsaPrivateKey> {
    RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
        .context("expected an RSA private key in PKCS#8 or PKCS#1 PEM")
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buffer);
    hex::encode(buffer)
}

/// Writes a secret file readable by its owner only.
fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, contents).with_context(|| format!("failed to write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("failed to restrict the permissions of {}", path.display()))?;
    }
    Ok(())
}
