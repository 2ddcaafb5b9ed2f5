//! Signing through DocuSign eSignature in place of the sandbox's own signing page, when
//! [`DocuSignSettings`] are configured.
//!
//! Each contract gets one envelope: its PDF with the contact as an embedded signer whose
//! `clientUserId` is the contract id. Every signing session requests a new recipient
//! view of that envelope, because a recipient view URL works once and for 5 minutes. DocuSign
//! Connect posts envelope events to `POST /connect/docusign`, and those events, not the return
//! URL's `event`, move the contract: completed to SIGNED, declined to DECLINED, voided to
//! CANCELLED, each announced to the partner by the usual status webhooks.
//!
//! NOTE: the sandbox listens on 127.0.0.1 only, so a real DocuSign account's Connect cannot
//! reach `/connect/docusign` without a public forwarder. The tests run against a DocuSign
//! stand-in on loopback, never against DocuSign itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use docusign_esign::{
    DocuSignClient, DocuSignConfig, EnvelopeRequest, EnvelopeStatus, Environment, SignHere, Signer,
    parse_connect_event, verify_connect_signature,
};
use secrecy::SecretString;
use serde::Deserialize;
use shopper_types::ContractStatus;
use tokio::sync::OnceCell;

use crate::contract_pdf::{SIGNATURE_ANCHOR, contract_pdf};
use crate::contracts::{Contract, TransitionError};
use crate::error::RestError;
use crate::{AppState, webhooks};

/// DocuSign settings of the sandbox. With them, signing sessions are DocuSign recipient views.
#[derive(Clone, Debug)]
pub struct DocuSignSettings {
    /// The integration key, impersonated user, RSA key and environment of the JWT grant.
    pub client: DocuSignConfig,
    /// The HMAC key of the Connect configuration that posts to `/connect/docusign`.
    pub connect_hmac_key: SecretString,
}

impl DocuSignSettings {
    /// Reads the settings from a TOML file such as:
    ///
    /// ```toml
    /// integration_key = "7c2b8d8e-1f4a-4b6c-9d0e-3a5b7c9d1e2f"
    /// user_id = "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"   # GUID of the user to impersonate
    /// private_key_file = "docusign-private.pem"          # relative to this file
    /// environment = "demo"                               # or "production"
    /// consent_redirect_uri = "https://broker.example/docusign/consent"
    /// connect_hmac_key = "…"                             # the Connect configuration's HMAC key
    /// # account_id = "…"        optional: the user's default account otherwise
    /// # auth_base_url = "…"     optional: in place of https://account-d.docusign.com
    /// ```
    pub fn from_toml_file(path: &Path) -> anyhow::Result<DocuSignSettings> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("failed to read DocuSign settings {}", path.display()))?;
        let file: SettingsFile =
            toml::from_str(&text).with_context(|| format!("invalid DocuSign settings {}", path.display()))?;

        let key_path = path.parent().unwrap_or(Path::new(".")).join(&file.private_key_file);
        let private_key_pem = std::fs::read_to_string(&key_path)
            .with_context(|| format!("failed to read the DocuSign private key {}", key_path.display()))?;
        let environment = match file.environment.as_str() {
            "demo" => Environment::Demo,
            "production" => Environment::Production,
            other => bail!(
                "environment \"{other}\" in {} must be \"demo\" or \"production\"",
                path.display()
            ),
        };

        let mut client = DocuSignConfig::new(
            file.integration_key,
            file.user_id,
            private_key_pem.into(),
            environment,
            file.consent_redirect_uri,
        );
        if let Some(account_id) = file.account_id {
            client = client.with_account_id(account_id);
        }
        if let Some(auth_base_url) = file.auth_base_url {
            client = client.with_auth_base_url(auth_base_url);
        }
        Ok(DocuSignSettings {
            client,
            connect_hmac_key: file.connect_hmac_key.into(),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    integration_key: String,
    user_id: String,
    private_key_file: PathBuf,
    environment: String,
    consent_redirect_uri: String,
    connect_hmac_key: String,
    account_id: Option<String>,
    auth_base_url: Option<String>,
}

/// Reason recorded on an envelope voided because its contract was re-priced.
const VOIDED_FOR_NEW_PRICE: &str = "The contract's price changed. A new envelope at the current price replaces this one.";

/// DocuSign's limit on an envelope's email subject, in characters.
const MAX_EMAIL_SUBJECT_CHARS: usize = 100;

/// The DocuSign client and the envelope of each contract.
pub(crate) struct DocuSignSigning {
    client: DocuSignClient,
    connect_hmac_key: SecretString,
    /// Envelope id by contract id. The cell makes concurrent sessions of one contract wait for a
    /// single envelope instead of each creating one.
    envelopes: Mutex<HashMap<String, Arc<OnceCell<String>>>>,
    /// Contract id by envelope id, for Connect events.
    contracts_by_envelope: Mutex<HashMap<String, String>>,
}

impl DocuSignSigning {
    /// Builds the client. Fails on settings DocuSign would reject, such as an invalid RSA key.
    pub fn new(settings: DocuSignSettings) -> anyhow::Result<DocuSignSigning> {
        let client = DocuSignClient::new(settings.client).context("invalid DocuSign settings for the sandbox")?;
        Ok(DocuSignSigning {
            client,
            connect_hmac_key: settings.connect_hmac_key,
            envelopes: Mutex::default(),
            contracts_by_envelope: Mutex::default(),
        })
    }

    /// Returns a new recipient view URL for the contract's envelope, creating the envelope on
    /// the first call. DocuSign sends the signer back to `return_url` with `event=…`.
    #[tracing::instrument(skip_all, fields(contract_id = %contract.id))]
    pub async fn recipient_view_url(
        &self,
        contract: &Contract,
        base_url: &str,
        return_url: &str,
    ) -> Result<String, docusign_esign::Error> {
        let signer = signer(contract);
        let cell = {
            let mut envelopes = self.envelopes.lock().expect("envelope map lock poisoned");
            envelopes.entry(contract.id.clone()).or_default().clone()
        };
        // A failed creation leaves the cell empty, so the next session tries again.
        let envelope_id = cell
            .get_or_try_init(|| async {
                let envelope_id = self
                    .client
                    .create_envelope(&envelope_request(contract, base_url, &signer))
                    .await?;
                self.contracts_by_envelope
                    .lock()
                    .expect("envelope map lock poisoned")
                    .insert(envelope_id.clone(), contract.id.clone());
                tracing::info!(%envelope_id, "created the contract's envelope");
                Ok::<_, docusign_esign::Error>(envelope_id)
            })
            .await?;
        self.client
            .create_recipient_view(envelope_id, &signer, return_url)
            .await
    }

    /// Voids the contract's envelope after its price changed, so the next signing session
    /// creates an envelope from the new contract PDF and the old price can no longer be signed.
    /// The envelope is forgotten first, so DocuSign's Connect event for the void is ignored as
    /// unknown instead of cancelling the contract. A failed void is logged and does not undo
    /// the new price: the old envelope has an embedded signer only, and no recipient view of it
    /// is requested again.
    pub async fn void_envelope(&self, contract_id: &str) {
        let cell = self.envelopes.lock().expect("envelope map lock poisoned").remove(contract_id);
        self.contracts_by_envelope
            .lock()
            .expect("envelope map lock poisoned")
            .retain(|_, known| known != contract_id);
        let Some(envelope_id) = cell.as_deref().and_then(OnceCell::get) else {
            return;
        };
        match self.client.void_envelope(envelope_id, VOIDED_FOR_NEW_PRICE).await {
            Ok(()) => tracing::info!(%envelope_id, contract_id, "voided the envelope of the old price"),
            Err(error) => {
                tracing::warn!(%envelope_id, contract_id, error = %error, "failed to void the envelope of the old price")
            }
        }
    }

    fn contract_for_envelope(&self, envelope_id: &str) -> Option<String> {
        self.contracts_by_envelope
            .lock()
            .expect("envelope map lock poisoned")
            .get(envelope_id)
            .cloned()
    }
}

/// Builds the signer: the contract's contact, identified to DocuSign by the contract id. The
/// same values must be sent for the envelope and for every recipient view.
fn signer(contract: &Contract) -> Signer {
    Signer {
        name: contract.customer.contact_name.clone(),
        email: contract.customer.email.clone(),
        client_user_id: contract.id.clone(),
    }
}

fn envelope_request(contract: &Contract, base_url: &str, signer: &Signer) -> EnvelopeRequest {
    let subject = format!(
        "Please sign your {} supply contract with {}",
        contract.price.commodity.as_str(),
        contract.price.supplier
    );
    EnvelopeRequest {
        email_subject: subject.chars().take(MAX_EMAIL_SUBJECT_CHARS).collect(),
        document_name: format!("contract-{}.pdf", contract.id),
        document_pdf: contract_pdf(contract, base_url),
        signer: signer.clone(),
        // NOTE: the offset that puts the tab on the signature line is estimated from the PDF's
        // layout, not checked against DocuSign's rendering.
        sign_here: SignHere::Anchor {
            text: SIGNATURE_ANCHOR.to_owned(),
            x_offset: 0,
            y_offset: -12,
        },
    }
}

/// `POST /connect/docusign`: applies a DocuSign Connect envelope event to its contract.
///
/// Returns 200 for every authentic event, including those of unknown envelopes and repeated
/// deliveries, because Connect retries on any other status.
#[tracing::instrument(skip_all)]
pub(crate) async fn connect_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, RestError> {
    let sandbox = &state.sandbox;
    let Some(docusign) = &sandbox.docusign else {
        return Err(RestError::new(
            StatusCode::NOT_FOUND,
            "docusign_not_configured",
            "DocuSign signing is not configured in this sandbox.",
        ));
    };

    verify_connect_signature(&docusign.connect_hmac_key, &body, &headers)
        .map_err(|error| RestError::unauthorized("invalid_signature", error.to_string()))?;
    let event = parse_connect_event(&body)
        .map_err(|error| RestError::new(StatusCode::BAD_REQUEST, "invalid_event", error.to_string()))?;
    let envelope_id = event.envelope_id.as_str();

    let Some(contract_id) = docusign.contract_for_envelope(envelope_id) else {
        tracing::warn!(envelope_id, event = %event.event, "Connect event for an envelope this sandbox did not create; ignored");
        return Ok(StatusCode::OK);
    };
    let (from, to, then): (&[ContractStatus], ContractStatus, &[ContractStatus]) = match event.status {
        Some(EnvelopeStatus::Completed) => (
            &[ContractStatus::AwaitingSignature],
            ContractStatus::Signed,
            &[ContractStatus::SubmittedToSupplier, ContractStatus::Accepted],
        ),
        Some(EnvelopeStatus::Declined) => (&[ContractStatus::AwaitingSignature], ContractStatus::Declined, &[]),
        Some(EnvelopeStatus::Voided) => (
            &[ContractStatus::Created, ContractStatus::AwaitingSignature],
            ContractStatus::Cancelled,
            &[],
        ),
        Some(EnvelopeStatus::Sent | EnvelopeStatus::Delivered) | None => {
            tracing::info!(envelope_id, contract_id, event = %event.event, "Connect event needs no status change");
            return Ok(StatusCode::OK);
        }
    };

    match sandbox.contracts.transition(&contract_id, from, to) {
        Ok((contract, change)) => {
            tracing::info!(
                envelope_id,
                contract_id,
                status = to.as_str(),
                "applied a DocuSign envelope event"
            );
            webhooks::schedule(sandbox.clone(), contract, change, then);
        }
        Err(TransitionError::WrongStatus(status)) => {
            tracing::info!(envelope_id, contract_id, status = status.as_str(), event = %event.event, "Connect event already applied or out of order; ignored");
        }
        Err(TransitionError::NotFound) => {
            tracing::error!(envelope_id, contract_id, "an envelope's contract is missing");
        }
    }
    Ok(StatusCode::OK)
}
