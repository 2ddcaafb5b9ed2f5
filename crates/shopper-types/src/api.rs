//! The JSON the widget and the proxy exchange under `/v1`.
//!
//! Every request carries the partner's publishable key in the `X-Publishable-Key` header (the
//! status stream, which `EventSource` opens without custom headers, takes it as the `key` query
//! parameter). Errors come back as [`ApiError`] with an HTTP status of 4xx or 5xx.

use serde::{Deserialize, Serialize};

use crate::{Commodity, ContractStatus, EnergyUnit, Environment};

/// The header that carries the partner's publishable key.
pub const PUBLISHABLE_KEY_HEADER: &str = "X-Publishable-Key";
/// The header that makes contract creation safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// `GET /v1/config`: how the widget presents itself for this partner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerConfig {
    pub partner_name: String,
    pub environment: Environment,
    /// Absolute URL of the partner's logo, at least 150×50 px.
    pub logo_url: Option<String>,
    pub theme: Theme,
    pub signing_mode: SigningMode,
}

/// The partner's colours, as CSS colour values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub primary_color: String,
    pub accent_color: String,
}

/// The way the widget hands the customer to the signing ceremony.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningMode {
    /// The whole page goes to the signing URL and comes back with `?event=…`.
    Redirect,
    /// The signing URL opens in a popup window.
    Popup,
}

/// `GET /v1/utilities?zip=60601`: the utilities that serve a ZIP code in a choice market.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UtilitiesResponse {
    pub zip: String,
    pub state: String,
    pub utilities: Vec<UtilitySummary>,
}

/// One utility (electric distribution company or gas LDC) as the widget shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UtilitySummary {
    /// The short code, for example `COMED` or `NICOR`.
    pub code: String,
    pub name: String,
    pub commodity: Commodity,
    /// The label of the identifier enrollment needs, for example "ESI ID" or "Account number".
    pub identifier_label: String,
    /// The identifier's printed format, for example "10 digits, as on your ComEd bill".
    pub identifier_hint: String,
}

/// `POST /v1/quotes`: a request for the day's offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRequest {
    pub zip: String,
    pub utility_code: String,
    pub commodity: Commodity,
    /// Annual usage in kWh (electricity) or therms (gas).
    pub annual_usage: u64,
    /// The first month of supply, as `YYYY-MM`.
    pub start_month: String,
    /// Contract length in months; `None` requests every term.
    pub term_months: Option<u32>,
}

/// The offers for a [`QuoteRequest`], cheapest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteResponse {
    pub offers: Vec<Offer>,
    /// True when the usage is above the largest matrix band, so a supplier must price it by hand.
    pub custom_quote_needed: bool,
}

/// One supplier's price for the customer, with the partner's fee already in the rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// The quote id that the contract step sends back; the proxy prices the contract from it.
    pub quote_id: String,
    pub supplier: String,
    pub product_name: String,
    /// Dollars per unit.
    pub rate: f64,
    pub unit: EnergyUnit,
    pub term_months: u32,
    pub start_month: String,
    /// Annual usage × rate ÷ 12, in dollars.
    pub estimated_monthly_cost: f64,
    /// RFC 3339 time after which the price must be quoted again.
    pub price_expires_at: String,
    /// Share of renewable supply, 0 to 100.
    pub green_percent: u8,
    /// Early termination fee in dollars.
    pub early_termination_fee: f64,
    /// Usage tolerance before the supplier may re-price, in percent.
    pub swing_percent: u8,
    pub disclosure_url: Option<String>,
}

/// A postal address in the United States.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    pub city: String,
    /// Two-letter state code.
    pub state: String,
    pub zip: String,
}

/// The legal form of the business, as suppliers' contracts ask for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusinessType {
    SoleProprietorship,
    Partnership,
    Llc,
    Corporation,
    Nonprofit,
    Government,
    Other,
}

impl BusinessType {
    pub const ALL: [BusinessType; 7] = [
        BusinessType::SoleProprietorship,
        BusinessType::Partnership,
        BusinessType::Llc,
        BusinessType::Corporation,
        BusinessType::Nonprofit,
        BusinessType::Government,
        BusinessType::Other,
    ];

    /// The value's name in JSON: `sole_proprietorship`.
    pub fn as_str(self) -> &'static str {
        match self {
            BusinessType::SoleProprietorship => "sole_proprietorship",
            BusinessType::Partnership => "partnership",
            BusinessType::Llc => "llc",
            BusinessType::Corporation => "corporation",
            BusinessType::Nonprofit => "nonprofit",
            BusinessType::Government => "government",
            BusinessType::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<BusinessType> {
        BusinessType::ALL.into_iter().find(|business_type| business_type.as_str() == value)
    }

    /// The business type as a customer reads it.
    pub fn label(self) -> &'static str {
        match self {
            BusinessType::SoleProprietorship => "Sole proprietorship",
            BusinessType::Partnership => "Partnership",
            BusinessType::Llc => "Limited liability company (LLC)",
            BusinessType::Corporation => "Corporation",
            BusinessType::Nonprofit => "Nonprofit organization",
            BusinessType::Government => "Government agency",
            BusinessType::Other => "Other",
        }
    }

    /// True when the business may have no FEIN, because the owner files taxes under their own
    /// Social Security number (IRS rules for sole proprietors without employees).
    pub fn fein_optional(self) -> bool {
        self == BusinessType::SoleProprietorship
    }
}

/// The business that buys the energy and the person who signs for it.
///
/// Fields added after the first version default to empty, so older clients' requests still parse
/// (and then fail validation field by field where the field is required).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// The legal name exactly as on the utility bill.
    pub legal_name: String,
    /// The name the business trades under, when it differs from the legal name.
    #[serde(default)]
    pub dba: String,
    /// Federal employer identification number, `NN-NNNNNNN`; optional for sole proprietorships.
    #[serde(default)]
    pub fein: String,
    /// True when the business is exempt from sales tax on energy. The supplier requests the
    /// exemption certificate after enrollment.
    #[serde(default)]
    pub tax_exempt: bool,
    #[serde(default)]
    pub business_type: Option<BusinessType>,
    pub contact_name: String,
    /// The signer's job title, printed under the signature.
    #[serde(default)]
    pub contact_title: String,
    pub email: String,
    pub phone: String,
    /// The contact confirms that they may sign contracts for the business.
    #[serde(default)]
    pub authorized_signer: bool,
}

/// One utility account to enroll.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UtilityAccount {
    pub utility_code: String,
    /// The enrollment identifier: account number, ESI ID, Choice ID, as the utility needs.
    pub account_number: String,
    /// The 4-letter name key, for utilities whose requirements list it; empty otherwise.
    #[serde(default)]
    pub name_key: String,
    /// The point-of-delivery ID, for utilities whose requirements list it; empty otherwise.
    #[serde(default)]
    pub pod_id: String,
    pub service_address: Address,
}

/// `POST /v1/contracts`, sent with an `Idempotency-Key` header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateContractRequest {
    pub quote_id: String,
    pub customer: Customer,
    pub accounts: Vec<UtilityAccount>,
    /// The address the supplier sends bills to. `None` means the first account's service address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
}

/// A contract as the widget shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    pub status: ContractStatus,
    pub supplier: String,
    pub rate: f64,
    pub unit: EnergyUnit,
    pub term_months: u32,
    pub start_month: String,
    pub legal_name: String,
    pub history: Vec<StatusChange>,
}

/// One step in a contract's status history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: ContractStatus,
    /// RFC 3339.
    pub at: String,
}

/// `POST /v1/contracts/{id}/signing-session`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SigningSessionRequest {
    /// The widget's page URL, on one of the partner's allowed origins. The customer comes back
    /// to it through the proxy's return page, with `cs_contract=…` and `event=…` in its query.
    pub return_url: String,
    /// The mode the widget opened the signing URL in. `None` means the partner's signing mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SigningMode>,
}

/// The `type` of the message the proxy's return page posts to the widget's window in popup
/// mode: `{ type, contractId, event }`, sent to the partner page's origin only.
pub const SIGNING_MESSAGE_TYPE: &str = "commercial-shopper:signing";

/// The return events a signing ceremony can end with, as DocuSign names them. The proxy's
/// return page passes any other value on as `exception`.
pub const SIGNING_EVENTS: [&str; 8] = [
    "signing_complete",
    "cancel",
    "decline",
    "exception",
    "fax_pending",
    "session_timeout",
    "ttl_expired",
    "viewing_complete",
];

/// The body of `POST /v1/contracts/{id}/price`: moves an unsigned contract whose price expired
/// to the same offer at today's price, which a `quote_expired` error carries as `offer`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepriceContractRequest {
    pub quote_id: String,
}

/// A freshly minted, single-use signing URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SigningSession {
    pub url: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    /// A stable machine-readable code, for example `invalid_request` or `no_choice_market`.
    pub code: String,
    /// A sentence for the customer or the developer that states what failed and what to do.
    pub message: String,
    /// Per-field problems, for `invalid_request`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<crate::FieldError>,
    /// True when the same request may succeed if sent again later.
    #[serde(default)]
    pub retryable: bool,
    /// The offer at today's price, for `quote_expired` and `price_changed`: the widget shows it,
    /// and the customer accepts it by creating the contract with its `quote_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
}

/// Error codes the widget treats specially.
pub mod error_code {
    pub const INVALID_REQUEST: &str = "invalid_request";
    pub const NO_CHOICE_MARKET: &str = "no_choice_market";
    pub const UNKNOWN_ZIP: &str = "unknown_zip";
    pub const QUOTE_EXPIRED: &str = "quote_expired";
    /// The supplier's price moved since the quote; the error carries the new offer.
    pub const PRICE_CHANGED: &str = "price_changed";
    /// The supplier no longer offers the quoted product; get prices again.
    pub const OFFER_UNAVAILABLE: &str = "offer_unavailable";
    pub const QUOTE_NOT_FOUND: &str = "quote_not_found";
    pub const UPSTREAM_UNAVAILABLE: &str = "upstream_unavailable";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const ORIGIN_NOT_ALLOWED: &str = "origin_not_allowed";
    pub const NOT_FOUND: &str = "not_found";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    /// The contract is signed, declined or closed, so it cannot be signed again.
    pub const SIGNING_UNAVAILABLE: &str = "signing_unavailable";
    /// The contract is signed or closed, so its price can no longer change.
    pub const CONTRACT_NOT_REPRICEABLE: &str = "contract_not_repriceable";
}

/// The `data` of a `status` event on `GET /v1/contracts/{id}/events`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub contract_id: String,
    pub status: ContractStatus,
    /// RFC 3339.
    pub at: String,
}
