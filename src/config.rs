//! The options a widget is mounted with, parsed once into a typed value.
//!
//! embed.js reads them from the script tag's `data-` attributes (or from a
//! `CommercialShopper.mount(element, {...})` call) and passes `{ key, apiBase, instanceId }`.

use serde::Deserialize;
use shopper_types::Environment;
use wasm_bindgen::JsValue;

/// The options of one widget on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The partner's publishable key, `pk_test_…` or `pk_live_…`.
    pub key: String,
    /// The proxy's base URL without a trailing slash, for example `https://energy.example.com`.
    pub api_base: String,
    /// A name that is unique among the widgets on one page and stays the same across page loads.
    pub instance_id: String,
    /// The partner's contact page, email or phone, for quotes the widget cannot price: an
    /// `https://`, `http://`, `mailto:` or `tel:` URL. Set with `data-contact-url` on the script tag.
    pub contact_url: Option<String>,
}

/// A reason a widget could not be mounted. The messages are for the partner's developer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("Commercial Shopper: the publishable key is missing; add data-key=\"pk_live_…\" to the script tag.")]
    MissingKey,
    #[error("Commercial Shopper: \"{0}\" is not a publishable key; keys start with pk_test_ or pk_live_.")]
    InvalidKey(String),
    #[error("Commercial Shopper: apiBase \"{0}\" is not an http:// or https:// URL.")]
    InvalidApiBase(String),
    #[error("Commercial Shopper: contactUrl \"{0}\" is not an http://, https://, mailto: or tel: URL.")]
    InvalidContactUrl(String),
    #[error("Commercial Shopper: invalid mount options: {0}")]
    InvalidOptions(String),
}

/// The JavaScript object embed.js passes to `mount`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MountOptions {
    key: Option<String>,
    api_base: Option<String>,
    instance_id: Option<String>,
    contact_url: Option<String>,
}

/// The instance id used when the caller gives none.
const DEFAULT_INSTANCE_ID: &str = "main";

impl WidgetConfig {
    pub fn new(key: &str, api_base: &str, instance_id: &str) -> Result<WidgetConfig, ConfigError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(ConfigError::MissingKey);
        }
        if Environment::of_publishable_key(key).is_none() {
            return Err(ConfigError::InvalidKey(key.to_owned()));
        }

        let api_base = api_base.trim().trim_end_matches('/');
        let has_host = |rest: &str| !rest.is_empty() && !rest.starts_with('/');
        let valid_base = match api_base.split_once("://") {
            Some(("http" | "https", rest)) => has_host(rest),
            _ => false,
        };
        if !valid_base {
            return Err(ConfigError::InvalidApiBase(api_base.to_owned()));
        }

        let instance_id = match instance_id.trim() {
            "" => DEFAULT_INSTANCE_ID,
            id => id,
        };
        Ok(WidgetConfig {
            key: key.to_owned(),
            api_base: api_base.to_owned(),
            instance_id: instance_id.to_owned(),
            contact_url: None,
        })
    }

    /// Sets the partner's contact URL. Other schemes, such as `javascript:`, are rejected, because
    /// the URL becomes a link's `href`.
    pub fn with_contact_url(mut self, url: &str) -> Result<WidgetConfig, ConfigError> {
        let url = url.trim();
        let allowed = ["https://", "http://", "mailto:", "tel:"];
        if !allowed.iter().any(|scheme| url.len() > scheme.len() && url.starts_with(scheme)) {
            return Err(ConfigError::InvalidContactUrl(url.to_owned()));
        }
        self.contact_url = Some(url.to_owned());
        Ok(self)
    }

    /// Parses the options object from JavaScript. A missing `apiBase` means the page's own origin.
    pub fn from_js(options: JsValue) -> Result<WidgetConfig, ConfigError> {
        let options: MountOptions =
            serde_wasm_bindgen::from_value(options).map_err(|error| ConfigError::InvalidOptions(error.to_string()))?;
        let api_base = options.api_base.unwrap_or_else(page_origin);
        let config = WidgetConfig::new(
            options.key.as_deref().unwrap_or_default(),
            &api_base,
            options.instance_id.as_deref().unwrap_or_default(),
        )?;
        match options.contact_url.as_deref().map(str::trim) {
            None | Some("") => Ok(config),
            // The contact link is optional, so a bad one is reported without failing the widget.
            Some(url) => config.clone().with_contact_url(url).or_else(|error| {
                web_sys::console::warn_1(&error.to_string().into());
                Ok(config)
            }),
        }
    }

    pub fn environment(&self) -> Environment {
        // `new` accepts only keys with a known prefix.
        Environment::of_publishable_key(&self.key).unwrap_or(Environment::Live)
    }

    /// Builds a sessionStorage key private to this partner key and widget instance.
    pub fn storage_key(&self, name: &str) -> String {
        format!("commercial-shopper:{}:{}:{name}", self.key, self.instance_id)
    }

    /// Builds a DOM id that is unique even when two widgets share one document.
    pub fn element_id(&self, name: &str) -> String {
        let instance: String = self
            .instance_id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("cs-{instance}-{name}")
    }
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_accepts_test_and_live_keys() {
        let config = WidgetConfig::new("pk_test_demo", "http://127.0.0.1:8080/", "").unwrap();
        assert_eq!(config.api_base, "http://127.0.0.1:8080");
        assert_eq!(config.instance_id, "main");
        assert_eq!(config.environment(), Environment::Test);

        let live = WidgetConfig::new("pk_live_abc", "https://energy.example.com", "quote-2").unwrap();
        assert_eq!(live.environment(), Environment::Live);
    }

    #[test]
    fn config_rejects_missing_or_secret_keys() {
        assert_eq!(
            WidgetConfig::new(" ", "https://a.example", ""),
            Err(ConfigError::MissingKey)
        );
        assert_eq!(
            WidgetConfig::new("sk_live_abc", "https://a.example", ""),
            Err(ConfigError::InvalidKey("sk_live_abc".into()))
        );
    }

    #[test]
    fn config_rejects_relative_or_odd_api_base() {
        for base in ["", "/v1", "ftp://a.example", "https://", "https:///path"] {
            assert!(
                WidgetConfig::new("pk_test_demo", base, "").is_err(),
                "{base:?} should be rejected"
            );
        }
    }

    #[test]
    fn contact_url_accepts_web_mail_and_phone_links() {
        let config = WidgetConfig::new("pk_test_demo", "http://localhost:1", "").unwrap();
        for url in ["https://broker.example/contact", "mailto:quotes@broker.example", "tel:+13125550142"] {
            let with_contact = config.clone().with_contact_url(url).unwrap();
            assert_eq!(with_contact.contact_url.as_deref(), Some(url));
        }
        for url in ["javascript:alert(1)", "mailto:", "/contact"] {
            assert!(config.clone().with_contact_url(url).is_err(), "{url:?} should be rejected");
        }
    }

    #[test]
    fn storage_keys_differ_per_instance() {
        let first = WidgetConfig::new("pk_test_demo", "http://localhost:1", "one").unwrap();
        let second = WidgetConfig::new("pk_test_demo", "http://localhost:1", "two").unwrap();
        assert_ne!(first.storage_key("contract"), second.storage_key("contract"));
        assert_eq!(first.element_id("zip"), "cs-one-zip");
    }
}
