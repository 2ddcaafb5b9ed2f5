//! A client for the DocuSign eSignature REST API v2.1, limited to what embedded signing of one
//! contract needs.
//!
//! - **Authentication:** the JWT grant. An RS256 assertion signed with the integration key's
//!   private key is exchanged for an access token that impersonates one DocuSign user. The
//!   token is cached until shortly before it expires, because the grant has no refresh token.
//! - **Account:** `/oauth/userinfo` gives the account and its `base_uri`, cached per client.
//! - **Envelope:** the contract PDF with one embedded signer (`clientUserId`), status `sent`.
//! - **Recipient view:** a single-use signing URL that returns to the caller's `returnUrl`.
//! - **Void:** an envelope whose contract changed is voided, so only the current one can be
//!   signed.
//! - **Connect:** webhook HMAC check ([`verify_connect_signature`]) and event parsing
//!   ([`parse_connect_event`]).
//!
//! # Use in the sandbox
//!
//! The sandbox signs contracts on its own signing page by default. When DocuSign settings are
//! present, it is meant to use this crate in place of that page:
//!
//! 1. Build one [`DocuSignClient`] from a [`DocuSignConfig`] at start-up and share it.
//! 2. When a signing session is requested for a contract, render the contract PDF and call
//!    [`DocuSignClient::create_envelope`] with a [`Signer`] whose `client_user_id` is the
//!    contract id, once per contract, keeping the envelope id.
//! 3. Call [`DocuSignClient::create_recipient_view`] with the contract's return URL and
//!    return that URL as the signing URL. A new one is needed for each session, because each
//!    URL works once and for 5 minutes.
//! 4. Receive Connect webhooks, check them with [`verify_connect_signature`], and map
//!    [`EnvelopeStatus::Completed`] and [`EnvelopeStatus::Declined`] to the contract's status.
//!    The webhook, not the `event` on the return URL, is the source of truth.
//!
//! # Example
//!
//! ```no_run
//! use docusign_esign::{DocuSignClient, DocuSignConfig, EnvelopeRequest, Environment, SignHere, Signer};
//! use secrecy::SecretString;
//!
//! # async fn run(pdf: Vec<u8>, private_key_pem: String) -> Result<(), docusign_esign::Error> {
//! let config = DocuSignConfig::new(
//!     "integration-key-guid",
//!     "impersonated-user-guid",
//!     SecretString::from(private_key_pem),
//!     Environment::Demo,
//!     "https://broker.example/docusign/consent",
//! );
//! let client = DocuSignClient::new(config)?;
//!
//! let signer = Signer {
//!     name: "Dana Whitfield".to_owned(),
//!     email: "dana@example.com".to_owned(),
//!     client_user_id: "contract-42".to_owned(),
//! };
//! let envelope_id = client
//!     .create_envelope(&EnvelopeRequest {
//!         email_subject: "Please sign your electricity supply contract".to_owned(),
//!         document_name: "contract.pdf".to_owned(),
//!         document_pdf: pdf,
//!         signer: signer.clone(),
//!         sign_here: SignHere::Anchor { text: "/sn1/".to_owned(), x_offset: 0, y_offset: 0 },
//!     })
//!     .await?;
//! let signing_url = client
//!     .create_recipient_view(&envelope_id, &signer, "https://broker.example/return")
//!     .await?;
//! # let _ = signing_url;
//! # Ok(())
//! # }
//! ```

mod auth;
mod client;
mod config;
mod connect;
mod envelope;
mod error;

pub use auth::{GrantClaims, JWT_BEARER_GRANT_TYPE, consent_url};
pub use client::{Account, DocuSignClient};
pub use config::{DEMO_AUTH_HOST, DocuSignConfig, Environment, PRODUCTION_AUTH_HOST, SCOPES};
pub use connect::{ConnectEvent, EnvelopeStatus, parse_connect_event, verify_connect_signature};
pub use envelope::{EnvelopeRequest, SignHere, Signer};
pub use error::Error;
