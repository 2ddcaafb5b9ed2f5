//! Runtime settings and the partners (brokers) the proxy serves.
//!
//! Without a partners file the proxy serves two built-in demo partners of the made-up broker
//! "Summit Energy Partners", whose upstream is the embedded sandbox: `pk_test_demo` signs by
//! redirect (page `/demo`) and `pk_test_demo_popup` in a popup window (page `/demo/popup`).
//! A partners file (TOML) lists real partners:
//!
//! ```toml
//! [[partner]]
//! slug = "acme"
//! name = "Acme Energy Advisors"
//! publishable_key = "pk_live_7Hq2…"
//! allowed_origins = ["https://www.acme-energy.com"]
//! broker_fee_per_kwh = 0.004     # dollars per kWh
//! broker_fee_per_therm = 0.04    # dollars per therm
//! signing_mode = "redirect"      # or "popup"
//! logo_url = "https://www.acme-energy.com/logo.svg"
//! primary_color = "#12355b"
//! accent_color = "#f2a900"
//!
//! # Omit this table to use the embedded sandbox with keys generated in the data directory.
//! [partner.upstream]
//! base_url = "https://platform.example.com"
//! partner_id = "acme"
//! api_key = "…"
//! private_key_file = "keys/acme.pem"   # RSA private key, PKCS#1 or PKCS#8 PEM
//! webhook_secret = "…"
//! ```

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use msc_sandbox::DocuSignSettings;
use secrecy::SecretString;
use serde::Deserialize;
use shopper_types::api::{SigningMode, Theme};
use shopper_types::{Commodity, Environment};

/// Everything the proxy needs to start, as parsed from the command line.
#[derive(Clone, Debug)]
pub struct Settings {
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The widget's Trunk output directory, served at `/widget/` and `/embed.js`.
    pub assets_dir: Option<PathBuf>,
    /// Holds the SQLite database and the generated sandbox credentials.
    pub data_dir: PathBuf,
    pub partners_file: Option<PathBuf>,
    /// Pause of the embedded sandbox before each status webhook.
    pub webhook_delay: Duration,
    /// Makes the embedded sandbox sign through DocuSign instead of its own signing page.
    pub docusign: Option<DocuSignSettings>,
}

/// A broker that embeds the widget on its site.
#[derive(Clone, Debug)]
pub struct Partner {
    /// Short stable id that scopes every stored record, for example `summit`.
    pub slug: String,
    pub name: String,
    pub publishable_key: String,
    pub environment: Environment,
    pub allowed_origins: Vec<OriginPattern>,
    pub broker_fee: BrokerFee,
    pub signing_mode: SigningMode,
    pub theme: Theme,
    /// An absolute URL, or a path on this proxy such as `/demo/logo.svg`.
    pub logo_url: Option<String>,
    pub upstream: UpstreamSource,
}

/// The broker's margin, added to every supplier rate and never shown separately.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BrokerFee {
    /// Dollars per kWh (3 mills = 0.003).
    pub per_kwh: f64,
    /// Dollars per therm.
    pub per_therm: f64,
}

impl BrokerFee {
    /// Returns the fee in dollars per unit of the commodity.
    pub fn per_unit(self, commodity: Commodity) -> f64 {
        match commodity {
            Commodity::Electricity => self.per_kwh,
            Commodity::Gas => self.per_therm,
        }
    }
}

/// The destination of a partner's platform calls.
#[derive(Clone, Debug)]
pub enum UpstreamSource {
    /// The embedded sandbox, with credentials generated into the data directory on first start.
    Sandbox,
    /// A real platform environment.
    Platform { base_url: String, credentials: PlatformCredentials },
}

/// A partner's secrets for one platform environment.
#[derive(Clone, Debug)]
pub struct PlatformCredentials {
    /// The partner's platform id, the JWT `iss` and `sub`.
    pub partner_id: String,
    pub api_key: SecretString,
    /// RSA private key in PEM that signs the RS256 JWTs.
    pub private_key_pem: SecretString,
    /// HMAC-SHA256 key of the status webhooks.
    pub webhook_secret: SecretString,
}

/// An allowed page origin such as `https://www.acme-energy.com`, or a loopback origin on any
/// port written `http://127.0.0.1:*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginPattern {
    /// Scheme and host, without a trailing slash, lower-case.
    scheme_and_host: String,
    any_port: bool,
}

const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl OriginPattern {
    pub fn parse(pattern: &str) -> anyhow::Result<OriginPattern> {
        let lower = pattern.trim().trim_end_matches('/').to_ascii_lowercase();
        let (scheme_and_host, any_port) = match lower.strip_suffix(":*") {
            Some(prefix) => (prefix.to_owned(), true),
            None => (lower, false),
        };

        let Some((scheme, host)) = scheme_and_host.split_once("://") else {
            bail!("allowed origin \"{pattern}\" has no scheme; write it like https://www.example.com");
        };
        if scheme != "http" && scheme != "https" {
            bail!("allowed origin \"{pattern}\" must start with http:// or https://");
        }
        if host.is_empty() || host.contains('/') {
            bail!("allowed origin \"{pattern}\" must be a scheme and host only, without a path");
        }
        if any_port && !LOOPBACK_HOSTS.contains(&host) {
            bail!("allowed origin \"{pattern}\": a port wildcard is only allowed on loopback hosts");
        }
        Ok(OriginPattern { scheme_and_host, any_port })
    }

    /// True for a loopback wildcard, which only Test partners may use.
    pub fn is_loopback_wildcard(&self) -> bool {
        self.any_port
    }

    /// Formats the pattern as a Content-Security-Policy source, such as `http://127.0.0.1:*`.
    pub fn csp_source(&self) -> String {
        if self.any_port { format!("{}:*", self.scheme_and_host) } else { self.scheme_and_host.clone() }
    }

    /// Checks an `Origin` header value, such as `http://127.0.0.1:5173`.
    pub fn matches(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        if origin == self.scheme_and_host {
            return true;
        }
        if !self.any_port {
            return false;
        }
        let port = origin.strip_prefix(self.scheme_and_host.as_str()).and_then(|rest| rest.strip_prefix(':'));
        port.is_some_and(|port| !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl Partner {
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|pattern| pattern.matches(origin))
    }
}

/// The publishable key of the built-in demo partner that signs in a popup window.
pub const DEMO_POPUP_KEY: &str = "pk_test_demo_popup";

/// Builds the built-in demo partners, served when no partners file is given: the demo partner,
/// and the same broker signing in a popup window.
pub fn demo_partners() -> Vec<Partner> {
    let redirect = demo_partner();
    let popup = Partner {
        slug: "summit-popup".into(),
        publishable_key: DEMO_POPUP_KEY.into(),
        signing_mode: SigningMode::Popup,
        ..redirect.clone()
    };
    vec![redirect, popup]
}

/// Builds the built-in demo partner, which signs by redirect.
pub fn demo_partner() -> Partner {
    Partner {
        slug: "summit".into(),
        name: "Summit Energy Partners".into(),
        publishable_key: "pk_test_demo".into(),
        environment: Environment::Test,
        allowed_origins: vec![
            OriginPattern::parse("http://127.0.0.1:*").expect("a valid origin pattern"),
            OriginPattern::parse("http://localhost:*").expect("a valid origin pattern"),
        ],
        // 3 mills per kWh and 3 cents per therm: a common small-business broker margin.
        broker_fee: BrokerFee { per_kwh: 0.003, per_therm: 0.03 },
        signing_mode: SigningMode::Redirect,
        theme: Theme { primary_color: "#1d4e89".into(), accent_color: "#f2a900".into() },
        logo_url: Some("/demo/logo.svg".into()),
        upstream: UpstreamSource::Sandbox,
    }
}

/// Reads and checks a partners file.
pub fn load_partners_file(path: &Path) -> anyhow::Result<Vec<Partner>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("failed to read partners file {}", path.display()))?;
    let file: PartnersFile =
        toml::from_str(&text).with_context(|| format!("invalid partners file {}", path.display()))?;
    let base_dir = path.parent().unwrap_or(Path::new("."));

    let mut partners = Vec::with_capacity(file.partner.len());
    for entry in file.partner {
        let slug = entry.slug.clone();
        let partner = entry
            .into_partner(base_dir)
            .with_context(|| format!("invalid partner \"{slug}\" in {}", path.display()))?;
        if partners
            .iter()
            .any(|other: &Partner| other.slug == partner.slug || other.publishable_key == partner.publishable_key)
        {
            bail!("partner \"{slug}\" in {} repeats the slug or publishable key of another partner", path.display());
        }
        partners.push(partner);
    }
    if partners.is_empty() {
        bail!("partners file {} lists no [[partner]]", path.display());
    }
    Ok(partners)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnersFile {
    #[serde(default)]
    partner: Vec<PartnerEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerEntry {
    slug: String,
    name: String,
    publishable_key: String,
    allowed_origins: Vec<String>,
    broker_fee_per_kwh: f64,
    broker_fee_per_therm: f64,
    #[serde(default = "default_signing_mode")]
    signing_mode: SigningMode,
    logo_url: Option<String>,
    #[serde(default = "default_primary_color")]
    primary_color: String,
    #[serde(default = "default_accent_color")]
    accent_color: String,
    upstream: Option<UpstreamEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpstreamEntry {
    base_url: String,
    partner_id: String,
    api_key: String,
    /// Relative paths are read from the partners file's directory.
    private_key_file: PathBuf,
    webhook_secret: String,
}

fn default_signing_mode() -> SigningMode {
    SigningMode::Redirect
}

fn default_primary_color() -> String {
    "#1d4e89".into()
}

fn default_accent_color() -> String {
    "#f2a900".into()
}

/// The largest broker fee accepted, in dollars per unit, to catch a fee typed in cents.
const MAX_BROKER_FEE: f64 = 0.5;

impl PartnerEntry {
    fn into_partner(self, base_dir: &Path) -> anyhow::Result<Partner> {
        if self.slug.is_empty() || !self.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            bail!("slug must be lower-case letters, digits and dashes");
        }
        let Some(environment) = Environment::of_publishable_key(&self.publishable_key) else {
            bail!("publishable_key must start with pk_test_ or pk_live_");
        };
        for fee in [self.broker_fee_per_kwh, self.broker_fee_per_therm] {
            if !(0.0..=MAX_BROKER_FEE).contains(&fee) {
                bail!("broker fee {fee} is outside 0 to {MAX_BROKER_FEE} dollars per unit");
            }
        }

        let allowed_origins = self
            .allowed_origins
            .iter()
            .map(|origin| OriginPattern::parse(origin))
            .collect::<anyhow::Result<Vec<_>>>()?;
        if environment == Environment::Live && allowed_origins.iter().any(OriginPattern::is_loopback_wildcard) {
            bail!("a pk_live_ key cannot allow loopback origins on any port");
        }

        let upstream = match self.upstream {
            None => UpstreamSource::Sandbox,
            Some(upstream) => {
                let key_path = base_dir.join(&upstream.private_key_file);
                let private_key_pem = std::fs::read_to_string(&key_path)
                    .with_context(|| format!("failed to read private key {}", key_path.display()))?;
                UpstreamSource::Platform {
                    base_url: upstream.base_url.trim_end_matches('/').to_owned(),
                    credentials: PlatformCredentials {
                        partner_id: upstream.partner_id,
                        api_key: upstream.api_key.into(),
                        private_key_pem: private_key_pem.into(),
                        webhook_secret: upstream.webhook_secret.into(),
                    },
                }
            }
        };

        Ok(Partner {
            slug: self.slug,
            name: self.name,
            publishable_key: self.publishable_key,
            environment,
            allowed_origins,
            broker_fee: BrokerFee { per_kwh: self.broker_fee_per_kwh, per_therm: self.broker_fee_per_therm },
            signing_mode: self.signing_mode,
            theme: Theme { primary_color: self.primary_color, accent_color: self.accent_color },
            logo_url: self.logo_url,
            upstream,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_wildcard_matches_any_port() {
        let pattern = OriginPattern::parse("http://127.0.0.1:*").unwrap();
        assert!(pattern.matches("http://127.0.0.1:8080"));
        assert!(pattern.matches("http://127.0.0.1"));
        assert!(!pattern.matches("http://127.0.0.1:80a"));
        assert!(!pattern.matches("http://127.0.0.10:8080"));
        assert!(!pattern.matches("https://127.0.0.1:8080"));
    }

    #[test]
    fn exact_origin_ignores_case_and_trailing_slash() {
        let pattern = OriginPattern::parse("https://www.Acme-Energy.com/").unwrap();
        assert!(pattern.matches("https://www.acme-energy.com"));
        assert!(!pattern.matches("https://www.acme-energy.com:8443"));
        assert!(!pattern.matches("https://evil.acme-energy.com"));
    }

    #[test]
    fn port_wildcard_rejected_off_loopback() {
        assert!(OriginPattern::parse("https://www.acme-energy.com:*").is_err());
        assert!(OriginPattern::parse("www.acme-energy.com").is_err());
        assert!(OriginPattern::parse("https://www.acme-energy.com/shop").is_err());
    }

    #[test]
    fn partners_file_parses_and_checks_live_origins() {
        let dir = std::env::temp_dir().join(format!("shopper-partners-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("partners.toml");
        let entry = |key: &str, origin: &str| {
            format!(
                "[[partner]]\nslug = \"acme\"\nname = \"Acme Energy Advisors\"\npublishable_key = \"{key}\"\n\
                 allowed_origins = [\"{origin}\"]\nbroker_fee_per_kwh = 0.004\nbroker_fee_per_therm = 0.04\n"
            )
        };

        std::fs::write(&file, entry("pk_test_acme", "http://localhost:*")).unwrap();
        let partners = load_partners_file(&file).unwrap();
        assert_eq!(partners[0].environment, Environment::Test);
        assert!(matches!(partners[0].upstream, UpstreamSource::Sandbox));
        assert_eq!(partners[0].broker_fee.per_unit(Commodity::Gas), 0.04);

        std::fs::write(&file, entry("pk_live_acme", "http://localhost:*")).unwrap();
        let error = format!("{:#}", load_partners_file(&file).unwrap_err());
        assert!(error.contains("loopback"), "{error}");

        std::fs::write(&file, entry("acme", "https://www.acme-energy.com")).unwrap();
        let error = format!("{:#}", load_partners_file(&file).unwrap_err());
        assert!(error.contains("pk_test_ or pk_live_"), "{error}");

        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn partners_file_sets_signing_mode() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("partners.toml");
        let entry = |signing_mode: &str| {
            format!(
                "[[partner]]\nslug = \"acme\"\nname = \"Acme Energy Advisors\"\npublishable_key = \"pk_test_acme\"\n\
                 allowed_origins = [\"https://www.acme-energy.com\"]\nbroker_fee_per_kwh = 0.004\n\
                 broker_fee_per_therm = 0.04\n{signing_mode}"
            )
        };

        std::fs::write(&file, entry("")).unwrap();
        assert_eq!(load_partners_file(&file).unwrap()[0].signing_mode, SigningMode::Redirect, "the default");
        std::fs::write(&file, entry("signing_mode = \"popup\"\n")).unwrap();
        assert_eq!(load_partners_file(&file).unwrap()[0].signing_mode, SigningMode::Popup);
        std::fs::write(&file, entry("signing_mode = \"redirect\"\n")).unwrap();
        assert_eq!(load_partners_file(&file).unwrap()[0].signing_mode, SigningMode::Redirect);

        std::fs::write(&file, entry("signing_mode = \"iframe\"\n")).unwrap();
        let error = format!("{:#}", load_partners_file(&file).unwrap_err());
        assert!(error.contains("signing_mode") || error.contains("iframe"), "{error}");
    }

    #[test]
    fn origin_patterns_as_csp_sources() {
        assert_eq!(OriginPattern::parse("http://127.0.0.1:*").unwrap().csp_source(), "http://127.0.0.1:*");
        assert_eq!(OriginPattern::parse("https://WWW.Acme-Energy.com/").unwrap().csp_source(), "https://www.acme-energy.com");
    }
}
