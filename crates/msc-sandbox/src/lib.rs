//! An in-process stand-in for the Test environment of the broker platform My Service Cloud.
//!
//! It speaks the platform's protocol over real HTTP (types in `shopper_types::upstream`), so the
//! proxy's own client code runs in every demo and test:
//!
//! - `GET /v2/utilities/by-location` and `GET /v2/prices/by-location`: pricing REST over a daily
//!   rate matrix built from hand-written market data ([`market`], [`pricing`]).
//! - `POST /graphql`: contracting ([`graphql`]): `createContract`, `createSigningSession`, `contract`.
//! - `GET /v2/contracts/{id}/document`: the contract as a PDF ([`contract_pdf`]).
//! - `GET|POST /signing/{token}`: a signing page in place of a DocuSign recipient view, or, with
//!   [`DocuSignSettings`], real DocuSign recipient views and `POST /connect/docusign` for
//!   DocuSign Connect events ([`esign`]).
//! - `GET /disclosures/{product}`: one disclosure page per product.
//! - Status webhooks to the partner after signing ([`webhooks`]), signed with HMAC-SHA256.
//!
//! All state is in memory: a restart loses every contract.

pub mod auth;
mod base_url;
pub mod contract_pdf;
mod contracts;
mod disclosures;
mod document;
mod error;
pub mod esign;
pub mod graphql;
mod html;
pub mod market;
pub mod pricing;
mod rest;
mod signing;
pub mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::PartnerKeys;
use crate::contracts::ContractStore;
use crate::esign::DocuSignSigning;
use crate::pricing::MatrixCache;
use crate::signing::SigningTokens;
use crate::webhooks::WebhookSender;

pub use crate::esign::DocuSignSettings;

/// The sandbox's settings: the partners it accepts calls from, the pace of status webhooks and
/// the signing service.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    pub partners: Vec<SandboxPartner>,
    /// Pause before each status webhook after signing, so each status reaches the customer's page separately.
    pub webhook_delay: Duration,
    /// Signs contracts through DocuSign instead of the sandbox's own signing page; `None` (the
    /// default) keeps the signing page.
    pub docusign: Option<DocuSignSettings>,
}

/// A partner registered with the sandbox, with the credentials its calls must carry.
#[derive(Clone)]
pub struct SandboxPartner {
    /// The partner's platform id: the `iss` and `sub` of its JWTs.
    pub partner_id: String,
    /// The value of the `X-Api-Key` header.
    pub api_key: String,
    /// RSA public key (PKCS#1 or SPKI PEM) that verifies the partner's RS256 JWTs.
    pub public_key_pem: String,
    /// URL that status webhooks are POSTed to, for example `http://127.0.0.1:8080/webhooks/msc`.
    pub webhook_url: String,
    /// HMAC-SHA256 key for the `Msc-Signature` header of webhooks.
    pub webhook_secret: String,
}

impl std::fmt::Debug for SandboxPartner {
    // Keeps the API key and webhook secret out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxPartner")
            .field("partner_id", &self.partner_id)
            .field("webhook_url", &self.webhook_url)
            .finish_non_exhaustive()
    }
}

/// The shared state behind every route.
pub(crate) struct Sandbox {
    /// `http://127.0.0.1:PORT` when known at start; otherwise each request's `Host` header is used.
    pub base_url: Option<String>,
    pub partners: PartnerKeys,
    pub matrices: MatrixCache,
    pub contracts: ContractStore,
    pub signing_tokens: SigningTokens,
    pub webhooks: WebhookSender,
    pub webhook_delay: Duration,
    pub docusign: Option<DocuSignSigning>,
}

/// Builds the sandbox's routes without binding a socket, for `oneshot` tests.
///
/// Signing and disclosure URLs then use the request's `Host` header as their base.
///
/// # Panics
///
/// When `config.docusign` contains settings the DocuSign client rejects; [`spawn`] returns that as
/// an error instead.
pub fn router(config: SandboxConfig) -> Router {
    let docusign = config.docusign.clone().map(|settings| DocuSignSigning::new(settings).expect("valid DocuSign settings"));
    build_router(config, docusign, None)
}

fn build_router(config: SandboxConfig, docusign: Option<DocuSignSigning>, base_url: Option<String>) -> Router {
    let sandbox = Arc::new(Sandbox {
        base_url,
        partners: PartnerKeys::new(&config.partners),
        matrices: MatrixCache::default(),
        contracts: ContractStore::default(),
        signing_tokens: SigningTokens::default(),
        webhooks: WebhookSender::new(),
        webhook_delay: config.webhook_delay,
        docusign,
    });
    let state = AppState { schema: graphql::build_schema(sandbox.clone()), sandbox };

    Router::new()
        .route("/v2/utilities/by-location", get(rest::utilities_by_location))
        .route("/v2/prices/by-location", get(rest::prices_by_location))
        .route("/v2/contracts/{id}/document", get(document::partner_document))
        .route("/graphql", post(graphql::graphql_handler))
        .route("/signing/{token}", get(signing::signing_page).post(signing::signing_action))
        .route("/signing/{token}/document", get(document::signing_document))
        .route("/connect/docusign", post(esign::connect_webhook))
        .route("/disclosures/{product}", get(disclosures::disclosure_page))
        .fallback(error::not_found)
        .with_state(state)
}

/// The router's state: the sandbox and the GraphQL schema that serves it.
#[derive(Clone)]
pub(crate) struct AppState {
    pub sandbox: Arc<Sandbox>,
    pub schema: graphql::SandboxSchema,
}

/// Binds `127.0.0.1` on a free port and serves the sandbox there in a background task.
///
/// Fails when a partner's public key is not a valid RSA PEM, when the DocuSign settings are
/// invalid, or when the port cannot be bound.
pub async fn spawn(config: SandboxConfig) -> anyhow::Result<RunningSandbox> {
    spawn_on_port(config, 0).await
}

/// Like [`spawn`], on a given port of `127.0.0.1`; port 0 picks a free one.
pub async fn spawn_on_port(config: SandboxConfig, port: u16) -> anyhow::Result<RunningSandbox> {
    for partner in &config.partners {
        auth::check_public_key(partner)?;
    }
    let docusign = config.docusign.clone().map(DocuSignSigning::new).transpose()?;

    let listener = TcpListener::bind(("127.0.0.1", port)).await.with_context(|| format!("failed to bind 127.0.0.1:{port} for the sandbox"))?;
    let address = listener.local_addr().context("failed to read the sandbox's bound address")?;
    let base_url = format!("http://{address}");
    let app = build_router(config, docusign, Some(base_url.clone()));

    let (shutdown_sender, shutdown_receiver) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let result = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = shutdown_receiver.await;
            })
            .await;
        if let Err(error) = result {
            tracing::error!(%error, "sandbox server stopped with an error");
        }
    });
    tracing::info!(%base_url, "sandbox listening");

    Ok(RunningSandbox { address, base_url, shutdown: Some(shutdown_sender), server })
}

/// A sandbox served by [`spawn`]. It keeps serving until [`RunningSandbox::shutdown`] is called
/// or the Tokio runtime ends; dropping this handle does not stop it.
pub struct RunningSandbox {
    address: SocketAddr,
    base_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
}

impl RunningSandbox {
    /// Returns the base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting connections, lets open requests finish and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(sender) = self.shutdown.take() {
            let _ = sender.send(());
        }
        let _ = (&mut self.server).await;
    }
}
