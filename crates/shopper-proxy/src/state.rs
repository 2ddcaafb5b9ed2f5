//! The state every handler shares.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use secrecy::SecretString;

use crate::config::Partner;
use crate::price_cache::PriceCache;
use crate::status_hub::StatusHub;
use crate::store::Store;
use crate::upstream::UpstreamClient;

/// A partner with its live platform connection and webhook secret.
#[derive(Debug)]
pub struct ConnectedPartner {
    pub partner: Partner,
    pub upstream: UpstreamClient,
    pub webhook_secret: SecretString,
}

/// The partners this proxy serves, by publishable key.
#[derive(Debug, Default)]
pub struct Partners {
    by_publishable_key: HashMap<String, Arc<ConnectedPartner>>,
}

impl Partners {
    pub fn new(partners: Vec<ConnectedPartner>) -> Partners {
        let by_publishable_key = partners
            .into_iter()
            .map(|connected| (connected.partner.publishable_key.clone(), Arc::new(connected)))
            .collect();
        Partners { by_publishable_key }
    }

    pub fn by_publishable_key(&self, key: &str) -> Option<&Arc<ConnectedPartner>> {
        self.by_publishable_key.get(key)
    }

    pub fn by_slug(&self, slug: &str) -> Option<&Arc<ConnectedPartner>> {
        self.iter().find(|connected| connected.partner.slug == slug)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<ConnectedPartner>> {
        self.by_publishable_key.values()
    }

    /// True when any partner allows the origin. The CORS layer uses this for preflight requests.
    pub fn any_allows_origin(&self, origin: &str) -> bool {
        self.iter().any(|connected| connected.partner.allows_origin(origin))
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub partners: Arc<Partners>,
    pub status_hub: StatusHub,
    pub price_cache: PriceCache,
    /// The URL browsers reach this proxy at, such as `http://127.0.0.1:8080`, without a trailing
    /// slash. The signing return URL points here.
    pub base_url: String,
    /// The widget's build output, when one was given.
    pub assets_dir: Option<PathBuf>,
}
