//! Envelopes for embedded signing: the caller's types and the eSignature REST v2.1 JSON they
//! turn into.
//!
//! DocuSign's JSON carries numbers such as `documentId` and `xPosition` as strings, so the wire
//! types here do too.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};

/// `documentId` of the single contract document in each envelope.
const DOCUMENT_ID: &str = "1";
/// `recipientId` of the single signer in each envelope.
const RECIPIENT_ID: &str = "1";

/// The person who signs in the embedded signing session.
///
/// The same name, email and client user id must be sent when the envelope is created and each
/// time a recipient view is requested, or DocuSign returns `UNKNOWN_ENVELOPE_RECIPIENT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// Full name, shown on the signature.
    pub name: String,
    /// Email address. With a client user id set, DocuSign sends this address no signing
    /// invitation, only the completed copy if the account is configured to.
    pub email: String,
    /// Our id for the signer (for example the contract id). Setting it makes the signer an
    /// embedded signer who signs through a recipient view URL.
    pub client_user_id: String,
}

/// Placement of the signer's "Sign Here" tab on the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignHere {
    /// Next to each occurrence of a text in the document, such as `/sn1/` printed in white on
    /// the signature line. Offsets are in pixels from the start of the text.
    Anchor { text: String, x_offset: i32, y_offset: i32 },
    /// At a fixed position on one page, in points (1/72 inch) from the top-left corner.
    Position { page: u32, x: u32, y: u32 },
}

/// A contract to send for embedded signing by one signer.
#[derive(Debug, Clone)]
pub struct EnvelopeRequest {
    /// Subject of the envelope, also the title of the signing page.
    pub email_subject: String,
    /// File name of the contract shown to the signer, such as `contract.pdf`.
    pub document_name: String,
    /// The contract PDF.
    pub document_pdf: Vec<u8>,
    pub signer: Signer,
    pub sign_here: SignHere,
}

/// Body of `POST /v2.1/accounts/{accountId}/envelopes`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnvelopeDefinition {
    email_subject: String,
    documents: Vec<Document>,
    recipients: Recipients,
    /// `sent` sends the envelope at once, because a recipient view works only on sent envelopes.
    status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    document_base64: String,
    name: String,
    file_extension: &'static str,
    document_id: &'static str,
}

#[derive(Debug, Serialize)]
struct Recipients {
    signers: Vec<SignerRecipient>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SignerRecipient {
    email: String,
    name: String,
    recipient_id: &'static str,
    routing_order: &'static str,
    client_user_id: String,
    tabs: Tabs,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Tabs {
    sign_here_tabs: Vec<SignHereTab>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct SignHereTab {
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor_string: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor_units: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor_x_offset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor_y_offset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x_position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y_position: Option<String>,
}

impl From<&SignHere> for SignHereTab {
    fn from(sign_here: &SignHere) -> Self {
        match sign_here {
            SignHere::Anchor {
                text,
                x_offset,
                y_offset,
            } => SignHereTab {
                anchor_string: Some(text.clone()),
                anchor_units: Some("pixels"),
                anchor_x_offset: Some(x_offset.to_string()),
                anchor_y_offset: Some(y_offset.to_string()),
                ..SignHereTab::default()
            },
            SignHere::Position { page, x, y } => SignHereTab {
                document_id: Some(DOCUMENT_ID),
                page_number: Some(page.to_string()),
                x_position: Some(x.to_string()),
                y_position: Some(y.to_string()),
                ..SignHereTab::default()
            },
        }
    }
}

impl From<&EnvelopeRequest> for EnvelopeDefinition {
    fn from(request: &EnvelopeRequest) -> Self {
        let document = Document {
            document_base64: BASE64.encode(&request.document_pdf),
            name: request.document_name.clone(),
            file_extension: "pdf",
            document_id: DOCUMENT_ID,
        };
        let signer = SignerRecipient {
            email: request.signer.email.clone(),
            name: request.signer.name.clone(),
            recipient_id: RECIPIENT_ID,
            routing_order: "1",
            client_user_id: request.signer.client_user_id.clone(),
            tabs: Tabs {
                sign_here_tabs: vec![SignHereTab::from(&request.sign_here)],
            },
        };
        EnvelopeDefinition {
            email_subject: request.email_subject.clone(),
            documents: vec![document],
            recipients: Recipients { signers: vec![signer] },
            status: "sent",
        }
    }
}

/// Response of envelope creation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnvelopeSummary {
    pub(crate) envelope_id: String,
    #[serde(default)]
    pub(crate) status: Option<String>,
}

/// Body of `PUT .../envelopes/{envelopeId}` that voids the envelope.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VoidRequest {
    status: &'static str,
    voided_reason: String,
}

impl VoidRequest {
    pub(crate) fn new(reason: &str) -> Self {
        Self {
            status: "voided",
            voided_reason: reason.to_owned(),
        }
    }
}

/// Response of an envelope update. A 200 response can still report a failure in
/// `errorDetails`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnvelopeUpdateSummary {
    #[serde(default)]
    pub(crate) error_details: Option<ErrorDetails>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorDetails {
    pub(crate) error_code: String,
    #[serde(default)]
    pub(crate) message: String,
}

/// Body of `POST .../envelopes/{envelopeId}/views/recipient`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecipientViewRequest {
    return_url: String,
    /// Method the application used to identify the signer, recorded on the certificate of
    /// completion. Always `none`, because the signer has no separate login.
    authentication_method: &'static str,
    email: String,
    user_name: String,
    client_user_id: String,
}

impl RecipientViewRequest {
    pub(crate) fn new(signer: &Signer, return_url: &str) -> Self {
        Self {
            return_url: return_url.to_owned(),
            authentication_method: "none",
            email: signer.email.clone(),
            user_name: signer.name.clone(),
            client_user_id: signer.client_user_id.clone(),
        }
    }
}

/// Response of the recipient view request.
#[derive(Debug, Deserialize)]
pub(crate) struct ViewUrl {
    pub(crate) url: String,
}
