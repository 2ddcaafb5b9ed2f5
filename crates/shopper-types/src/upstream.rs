//! The broker platform's wire format (My Service Cloud), as the proxy calls it and the sandbox
//! serves it.
//!
//! - Pricing is REST: `GET /v2/utilities/by-location` and `GET /v2/prices/by-location`.
//! - Contracting is GraphQL at `POST /graphql`, with the operations below. The platform's
//!   contracting schema is not public, so this one is our own design.
//! - Every call carries the partner's API key in `X-Api-Key` and a short-lived JWT, signed RS256
//!   with the partner's private key, in `Authorization: Bearer …` (claims in [`JwtClaims`]).
//! - Status webhooks are `POST`ed as [`WebhookEvent`] JSON with an [`WEBHOOK_SIGNATURE_HEADER`]
//!   of the form `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.

use serde::{Deserialize, Serialize};

use crate::{Commodity, ContractStatus, EnergyUnit};

pub const API_KEY_HEADER: &str = "X-Api-Key";
pub const WEBHOOK_SIGNATURE_HEADER: &str = "Msc-Signature";
/// The `aud` claim every platform JWT carries.
pub const JWT_AUDIENCE: &str = "my-service-cloud";
/// The commercial account type in pricing queries (`account_type=C`).
pub const COMMERCIAL_ACCOUNT_TYPE: &str = "C";

/// Claims of the JWT that authenticates a partner's call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JwtClaims {
    /// The partner's platform id.
    pub iss: String,
    pub sub: String,
    pub aud: String,
    /// Seconds since the Unix epoch.
    pub iat: i64,
    /// Seconds since the Unix epoch; the platform rejects tokens valid for more than 5 minutes.
    pub exp: i64,
    /// A unique token id.
    pub jti: String,
}

/// `GET /v2/utilities/by-location?postal_code=…`. An unknown ZIP is a 404 [`UpstreamError`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UtilitiesByLocation {
    pub postal_code: String,
    pub state: String,
    /// False in a state without retail choice for commercial customers; `utilities` is then empty.
    pub choice_market: bool,
    pub utilities: Vec<UpstreamUtility>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpstreamUtility {
    pub code: String,
    pub name: String,
    pub commodity: Commodity,
    pub identifier_label: String,
}

/// Query of `GET /v2/prices/by-location`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceQuery {
    pub postal_code: String,
    /// Always [`COMMERCIAL_ACCOUNT_TYPE`] here.
    pub account_type: String,
    pub utility: String,
    pub commodity: Commodity,
    /// kWh or therms a year.
    pub annual_usage: u64,
    /// `YYYY-MM`.
    pub start_month: String,
    /// Months; absent requests every term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
}

/// The response of `GET /v2/prices/by-location`: the day's matrix rows that fit the query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceResponse {
    pub postal_code: String,
    pub utility: String,
    pub commodity: Commodity,
    /// The date of the matrix, `YYYY-MM-DD`.
    pub price_date: String,
    /// True when the usage is above the largest band; `prices` is then empty.
    pub custom_quote_needed: bool,
    pub prices: Vec<PriceRow>,
}

/// One supplier matrix price. `rate` is the supplier's price without any broker fee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceRow {
    /// Opaque id that `createContract` takes.
    pub price_id: String,
    pub supplier: String,
    pub product_name: String,
    pub utility: String,
    pub rate_class: String,
    pub zone: String,
    pub start_month: String,
    pub term_months: u32,
    /// Dollars per unit.
    pub rate: f64,
    pub unit: EnergyUnit,
    /// The usage band the price is for, in units a year; `usage_max` is inclusive.
    pub usage_min: u64,
    pub usage_max: u64,
    /// RFC 3339.
    pub valid_until: String,
    pub swing_percent: u8,
    pub green_percent: u8,
    /// Dollars.
    pub early_termination_fee: f64,
    pub disclosure_url: String,
}

/// The body of every REST error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpstreamError {
    pub code: String,
    pub message: String,
}

/// The GraphQL operations the proxy sends. Variables use the camelCase names of the schema.
pub mod operations {
    pub const CREATE_CONTRACT: &str = "mutation CreateContract($input: CreateContractInput!) { \
        createContract(input: $input) { id status } }";
    pub const REPRICE_CONTRACT: &str = "mutation RepriceContract($input: RepriceContractInput!) { \
        repriceContract(input: $input) { id status } }";
    pub const CREATE_SIGNING_SESSION: &str = "mutation CreateSigningSession($contractId: ID!, $returnUrl: String!) { \
        createSigningSession(contractId: $contractId, returnUrl: $returnUrl) { url expiresAt } }";
    pub const CONTRACT: &str = "query Contract($id: ID!) { \
        contract(id: $id) { id status statusHistory { status at } } }";
    pub const SIGNUP_REQUIREMENTS: &str = "query SignupRequirements($utilityCode: String!) { \
        signupRequirements(utilityCode: $utilityCode) { utilityCode utilityName fields { field label hint } } }";
}

/// The `signupRequirements` result: the identifier fields a utility's enrollment needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignupRequirements {
    pub utility_code: String,
    pub utility_name: String,
    pub fields: Vec<SignupField>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignupField {
    /// Upper-case GraphQL enum value: `ACCOUNT_NUMBER`, `NAME_KEY` or `POD_ID`.
    pub field: String,
    pub label: String,
    pub hint: String,
}

/// `CreateContractInput` of the contracting schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateContractInput {
    pub price_id: String,
    /// The proxy's own contract id, echoed in webhooks.
    pub external_reference: String,
    pub customer: ContractCustomerInput,
    pub accounts: Vec<ContractAccountInput>,
    /// Absent when bills go to the first account's service address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<AddressInput>,
    /// Dollars per kWh or therm that the broker adds to the supplier's price. The contract's rate,
    /// which the customer signs, is the supplier's rate plus this fee.
    #[serde(default)]
    pub broker_fee: f64,
}

/// `RepriceContractInput` of the contracting schema: an unsigned contract moves to today's price
/// of the same product once the price it was created from has expired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepriceContractInput {
    pub contract_id: String,
    pub price_id: String,
    /// Dollars per kWh or therm that the broker adds to the supplier's price, as in
    /// [`CreateContractInput::broker_fee`].
    #[serde(default)]
    pub broker_fee: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractCustomerInput {
    pub legal_name: String,
    /// Empty when the business trades under its legal name.
    #[serde(default)]
    pub dba: String,
    /// `NN-NNNNNNN`; empty for a sole proprietorship without one.
    #[serde(default)]
    pub fein: String,
    #[serde(default)]
    pub tax_exempt: bool,
    /// `api::BusinessType` in snake case, such as `llc`.
    #[serde(default)]
    pub business_type: String,
    pub contact_name: String,
    #[serde(default)]
    pub contact_title: String,
    pub email: String,
    /// Ten digits.
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractAccountInput {
    pub utility_code: String,
    pub account_number: String,
    /// The 4-letter name key, for utilities that require one; empty otherwise.
    #[serde(default)]
    pub name_key: String,
    /// The point-of-delivery ID, for utilities that require one; empty otherwise.
    #[serde(default)]
    pub pod_id: String,
    pub service_address: AddressInput,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressInput {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

/// The `createContract` result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatedContract {
    pub id: String,
    /// Upper-case GraphQL enum value, for example `CREATED`.
    pub status: String,
}

/// The `createSigningSession` result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSigningSession {
    pub url: String,
    pub expires_at: String,
}

/// The type of every status webhook.
pub const CONTRACT_STATUS_CHANGED: &str = "contract.status_changed";

/// A status webhook from the platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// Unique per event; a redelivery carries the same id.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    /// The platform's contract id.
    pub contract_id: String,
    /// The proxy's contract id, as sent in `externalReference`.
    pub external_reference: String,
    pub status: ContractStatus,
    /// RFC 3339.
    pub occurred_at: String,
}
