//! Start-up: opens the database, binds the listener, connects each partner to its platform
//! (starting the embedded sandbox when a partner uses it) and builds the router.
//!
//! The listener is bound before the sandbox starts, because the sandbox needs the proxy's port
//! for its webhook URL.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, Method};
use axum::response::Redirect;
use axum::routing::{get, post};
use msc_sandbox::{RunningSandbox, SandboxConfig, SandboxPartner};
use secrecy::ExposeSecret;
use shopper_types::api::{IDEMPOTENCY_KEY_HEADER, PUBLISHABLE_KEY_HEADER};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::{self, Partner, PlatformCredentials, Settings, UpstreamSource};
use crate::credentials;
use crate::price_cache::PriceCache;
use crate::routes::{
    assets, contracts, demo, health, partner_config, quote_refresh, quotes, requirements, signing_return, utilities,
    webhooks,
};
use crate::state::{AppState, ConnectedPartner, Partners};
use crate::status_hub::StatusHub;
use crate::store::{IDEMPOTENCY_KEY_RETENTION, Store};
use crate::upstream::{TokenSigner, UpstreamClient};

/// How long browsers may cache a CORS preflight response.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// Builds the router over shared state; tests can call it without a server.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/config", get(partner_config::partner_config))
        .route("/utilities", get(utilities::list_utilities))
        .route("/utilities/{code}/requirements", get(requirements::utility_requirements))
        .route("/quotes", post(quotes::create_quotes))
        .route("/quotes/{quote_id}/refresh", post(quote_refresh::refresh_quote))
        .route("/contracts", post(contracts::create::create_contract))
        .route("/contracts/{id}", get(contracts::show::show_contract))
        .route("/contracts/{id}/document", get(contracts::document::show_document))
        .route("/contracts/{id}/price", post(contracts::price::reprice_contract))
        .route("/contracts/{id}/signing-session", post(contracts::signing_session::create_signing_session))
        .route("/contracts/{id}/events", get(contracts::events::stream_status))
        .layer(api_cors(state.partners.clone()));

    Router::new()
        .route("/", get(|| async { Redirect::to("/demo") }))
        .route("/healthz", get(health::health_check))
        .route("/demo", get(demo::demo_page))
        .route("/demo/popup", get(demo::popup_demo_page))
        .route("/demo/logo.svg", get(demo::logo))
        .route("/webhooks/msc", post(webhooks::receive_webhook))
        .route("/signing/return", get(signing_return::return_page))
        .nest("/v1", api)
        .merge(assets::router(state.assets_dir.as_deref()))
        // Brotli or gzip, as the browser accepts. The widget's WASM shrinks to about a third.
        // The default predicate leaves the status stream's text/event-stream uncompressed, so
        // each event reaches the browser at once.
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// CORS for `/v1`: a preflight succeeds for an origin that some partner allows; the key's own
/// origin list is checked again on the real request.
fn api_cors(partners: Arc<Partners>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            origin.to_str().is_ok_and(|origin| partners.any_allows_origin(origin))
        }))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            CONTENT_TYPE,
            HeaderName::from_bytes(PUBLISHABLE_KEY_HEADER.as_bytes()).expect("a valid header name"),
            HeaderName::from_bytes(IDEMPOTENCY_KEY_HEADER.as_bytes()).expect("a valid header name"),
        ])
        .max_age(PREFLIGHT_MAX_AGE)
}

/// A proxy that is bound and ready to serve.
pub struct Application {
    address: SocketAddr,
    listener: TcpListener,
    router: Router,
    status_hub: StatusHub,
    store: Store,
    /// The embedded sandbox, kept alive as long as the proxy.
    sandbox: Option<RunningSandbox>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("failed to create the data directory {}", settings.data_dir.display()))?;
        let store = Store::open(&settings.data_dir.join("shopper.db")).await?;

        let listener = TcpListener::bind((settings.bind, settings.port))
            .await
            .with_context(|| format!("failed to listen on {}:{}", settings.bind, settings.port))?;
        let address = listener.local_addr()?;

        let partners = match &settings.partners_file {
            Some(path) => config::load_partners_file(path)?,
            None => config::demo_partners(),
        };
        let webhook_url = format!("{}/webhooks/msc", base_url(address));
        let (connected, sandbox) = connect_partners(partners, &settings, &webhook_url).await?;
        for connected in &connected {
            tracing::info!(partner = %connected.partner.slug, environment = ?connected.partner.environment, "serving partner");
        }

        let status_hub = StatusHub::default();
        let state = AppState {
            store: store.clone(),
            partners: Arc::new(Partners::new(connected)),
            status_hub: status_hub.clone(),
            price_cache: PriceCache::default(),
            // NOTE: behind a reverse proxy or on 0.0.0.0 this is not the URL browsers use, so the
            // signing return URL would need a configured public URL.
            base_url: base_url(address),
            assets_dir: settings.assets_dir.clone(),
        };
        Ok(Application { address, listener, router: app(state), status_hub, store, sandbox })
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Returns the URL to reach the proxy, for example `http://127.0.0.1:8080`.
    pub fn base_url(&self) -> String {
        base_url(self.address)
    }

    /// Returns the embedded sandbox's URL, when one runs.
    pub fn sandbox_url(&self) -> Option<String> {
        self.sandbox.as_ref().map(RunningSandbox::base_url)
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(std::future::pending()).await
    }

    /// Serves until `shutdown` completes, then closes the status streams and lets open requests
    /// finish.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let status_hub = self.status_hub.clone();
        let _sandbox = self.sandbox;
        let purge = tokio::spawn(purge_idempotency_keys_periodically(self.store));
        let served = axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async move {
                shutdown.await;
                status_hub.close_streams();
            })
            .await;
        purge.abort();
        served
    }
}

/// How often expired idempotency keys are purged.
const PURGE_INTERVAL: Duration = Duration::from_secs(3600);

/// Purges idempotency keys older than their retention period, once at start and then every
/// [`PURGE_INTERVAL`]. A key is thus forgotten between 24 and 25 hours after its first use.
async fn purge_idempotency_keys_periodically(store: Store) {
    let mut interval = tokio::time::interval(PURGE_INTERVAL);
    loop {
        interval.tick().await;
        let cutoff = chrono::Utc::now() - IDEMPOTENCY_KEY_RETENTION;
        match store.purge_idempotency_keys(cutoff).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "purged expired idempotency keys"),
            Err(error) => tracing::error!(error = %error, "failed to purge expired idempotency keys"),
        }
    }
}

/// Formats the URL of a bound address. An unspecified address (0.0.0.0) is reached on 127.0.0.1.
fn base_url(address: SocketAddr) -> String {
    let ip = if address.ip().is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { address.ip() };
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{}", address.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", address.port()),
    }
}

/// Creates each partner's platform client, starting the embedded sandbox for the partners that
/// use it.
async fn connect_partners(
    partners: Vec<Partner>,
    settings: &Settings,
    webhook_url: &str,
) -> anyhow::Result<(Vec<ConnectedPartner>, Option<RunningSandbox>)> {
    let mut sandbox_partners = Vec::new();
    let mut resolved: Vec<(Partner, Option<String>, PlatformCredentials)> = Vec::new();
    for partner in partners {
        match &partner.upstream {
            UpstreamSource::Sandbox => {
                let generated = credentials::load_or_create(&settings.data_dir, &partner.slug)
                    .with_context(|| format!("failed to set up sandbox credentials for partner {}", partner.slug))?;
                sandbox_partners.push(SandboxPartner {
                    partner_id: generated.platform.partner_id.clone(),
                    api_key: generated.platform.api_key.expose_secret().to_owned(),
                    public_key_pem: generated.public_key_pem,
                    webhook_url: webhook_url.to_owned(),
                    webhook_secret: generated.platform.webhook_secret.expose_secret().to_owned(),
                });
                resolved.push((partner, None, generated.platform));
            }
            UpstreamSource::Platform { base_url, credentials } => {
                let (base_url, credentials) = (base_url.clone(), credentials.clone());
                resolved.push((partner, Some(base_url), credentials));
            }
        }
    }

    let sandbox = if sandbox_partners.is_empty() {
        None
    } else {
        let config = SandboxConfig { partners: sandbox_partners, webhook_delay: settings.webhook_delay, docusign: settings.docusign.clone() };
        Some(msc_sandbox::spawn(config).await.context("failed to start the embedded sandbox")?)
    };
    let sandbox_url = sandbox.as_ref().map(RunningSandbox::base_url);

    let mut connected = Vec::with_capacity(resolved.len());
    for (partner, base_url, credentials) in resolved {
        let base_url =
            base_url.or_else(|| sandbox_url.clone()).context("a sandbox partner without a running sandbox")?;
        let signer = TokenSigner::new(credentials.partner_id.clone(), &credentials.private_key_pem)
            .with_context(|| format!("invalid RSA private key for partner {}", partner.slug))?;
        let upstream = UpstreamClient::new(&base_url, credentials.api_key.clone(), signer)
            .with_context(|| format!("failed to create the platform client for partner {}", partner.slug))?;
        connected.push(ConnectedPartner { partner, upstream, webhook_secret: credentials.webhook_secret });
    }
    Ok((connected, sandbox))
}
