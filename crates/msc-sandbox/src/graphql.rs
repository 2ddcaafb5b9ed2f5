//! Contracting GraphQL at `POST /graphql`: `createContract`, `repriceContract`,
//! `createSigningSession`, `contract` and `signupRequirements`.
//!
//! The platform's contracting schema is not public, so this schema is our own design; its SDL is
//! kept in `schema.graphql` beside this crate's `Cargo.toml`. Errors carry `extensions.code`:
//! `PRICE_NOT_FOUND`, `PRICE_EXPIRED`, `INVALID_INPUT` (with `extensions.fields`),
//! `DUPLICATE_EXTERNAL_REFERENCE`, `PRICE_MISMATCH`, `CONTRACT_NOT_FOUND`, `CONTRACT_NOT_SIGNABLE`, `INVALID_RETURN_URL`,
//! `SIGNING_SERVICE_UNAVAILABLE` (DocuSign failed; worth retrying).

use std::sync::Arc;

use async_graphql::{
    Context, EmptySubscription, Enum, ErrorExtensions, ID, InputObject, Object, Schema, SimpleObject,
};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use chrono::{SecondsFormat, Utc};
use shopper_types::ContractStatus;
use shopper_types::FieldError;

use crate::auth::AuthenticatedPartner;
use crate::base_url::BaseUrl;
use crate::contracts::{Contract, ContractPrice, StatusChange, TransitionError, UNSIGNED};
use crate::pricing::{MatrixRow, PriceCheckError, PriceId};
use crate::signing::SIGNING_URL_LIFETIME;
use crate::{AppState, Sandbox};

mod validate;

pub type SandboxSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Builds the schema served at `/graphql`, with the sandbox as context data.
pub(crate) fn build_schema(sandbox: Arc<Sandbox>) -> SandboxSchema {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription).data(sandbox).finish()
}

/// Returns the schema's SDL, as checked in at `schema.graphql` without its header comment.
pub fn schema_sdl() -> String {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription).finish().sdl()
}

pub(crate) async fn graphql_handler(
    State(state): State<AppState>,
    partner: AuthenticatedPartner,
    base_url: BaseUrl,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let request = request.into_inner().data(partner).data(base_url);
    state.schema.execute(request).await.into()
}

/// The status of a contract, from creation to the supplier's decision.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ContractStatus", remote = "shopper_types::ContractStatus")]
pub enum GraphqlContractStatus {
    Created,
    AwaitingSignature,
    Signed,
    SubmittedToSupplier,
    Accepted,
    Rejected,
    Declined,
    Cancelled,
}

#[derive(SimpleObject)]
#[graphql(name = "StatusChange")]
pub struct GraphqlStatusChange {
    pub status: GraphqlContractStatus,
    /// RFC 3339.
    pub at: String,
}

#[derive(SimpleObject)]
#[graphql(name = "Contract")]
pub struct GraphqlContract {
    pub id: ID,
    pub status: GraphqlContractStatus,
    /// The partner's own id for the contract, echoed in webhooks.
    pub external_reference: String,
    pub price_id: String,
    pub supplier: String,
    pub product_name: String,
    pub utility_code: String,
    /// Dollars per unit, supply only.
    pub rate: f64,
    /// `kWh` or `therm`.
    pub unit: String,
    pub term_months: u32,
    /// `YYYY-MM`.
    pub start_month: String,
    pub legal_name: String,
    pub status_history: Vec<GraphqlStatusChange>,
    /// RFC 3339.
    pub created_at: String,
}

#[derive(SimpleObject)]
#[graphql(name = "SigningSession")]
pub struct GraphqlSigningSession {
    /// Single-use signing page URL.
    pub url: String,
    /// RFC 3339; the URL stops working after this time.
    pub expires_at: String,
}

#[derive(InputObject)]
#[graphql(name = "CreateContractInput")]
pub struct CreateContractInput {
    /// A `price_id` from `GET /v2/prices/by-location`, before its `valid_until`.
    pub price_id: String,
    /// The partner's own id for the contract. Sending the same one again returns the first contract.
    pub external_reference: String,
    pub customer: ContractCustomerInput,
    pub accounts: Vec<ContractAccountInput>,
    /// The address the supplier sends bills to. Null means the first account's service address.
    pub billing_address: Option<AddressInput>,
    /// Dollars per kWh or therm the broker adds to the supplier's price; the contract's rate is
    /// the sum. At most the supplier's rate itself.
    #[graphql(default)]
    pub broker_fee: f64,
}

#[derive(InputObject)]
#[graphql(name = "RepriceContractInput")]
pub struct RepriceContractInput {
    /// A contract that is not signed yet.
    pub contract_id: ID,
    /// A current `price_id` for the same supplier, product, term and start month as the
    /// contract's price.
    pub price_id: String,
    /// Dollars per kWh or therm the broker adds to the supplier's price, as in
    /// `CreateContractInput`.
    #[graphql(default)]
    pub broker_fee: f64,
}

#[derive(InputObject)]
pub struct ContractCustomerInput {
    pub legal_name: String,
    /// The name the business trades under; empty when it is the legal name.
    #[graphql(default)]
    pub dba: String,
    /// Federal employer identification number, `NN-NNNNNNN`; empty for a sole proprietorship
    /// without one.
    #[graphql(default)]
    pub fein: String,
    #[graphql(default)]
    pub tax_exempt: bool,
    /// `sole_proprietorship`, `partnership`, `llc`, `corporation`, `nonprofit`, `government` or
    /// `other`; empty when not known.
    #[graphql(default)]
    pub business_type: String,
    pub contact_name: String,
    #[graphql(default)]
    pub contact_title: String,
    pub email: String,
    pub phone: String,
}

#[derive(InputObject)]
pub struct ContractAccountInput {
    pub utility_code: String,
    /// The utility's enrollment identifier: account number or ESI ID.
    pub account_number: String,
    /// The 4-letter name key, where `signupRequirements` lists `NAME_KEY`.
    #[graphql(default)]
    pub name_key: String,
    /// The point-of-delivery ID, where `signupRequirements` lists `POD_ID`.
    #[graphql(default)]
    pub pod_id: String,
    pub service_address: AddressInput,
}

/// An identifier field of a utility account.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "AccountField", remote = "shopper_types::AccountField")]
pub enum GraphqlAccountField {
    AccountNumber,
    NameKey,
    PodId,
}

#[derive(SimpleObject)]
#[graphql(name = "RequirementField")]
pub struct GraphqlRequirementField {
    pub field: GraphqlAccountField,
    /// The field's name as printed on the bill, such as "ESI ID".
    pub label: String,
    /// The expected format, such as "10 digits".
    pub hint: String,
}

/// The identifier fields a utility's enrollment needs, which a sign-up form shows.
#[derive(SimpleObject)]
#[graphql(name = "SignupRequirements")]
pub struct GraphqlSignupRequirements {
    pub utility_code: String,
    pub utility_name: String,
    pub fields: Vec<GraphqlRequirementField>,
}

impl From<shopper_types::UtilityRequirements> for GraphqlSignupRequirements {
    fn from(requirements: shopper_types::UtilityRequirements) -> Self {
        GraphqlSignupRequirements {
            utility_code: requirements.utility_code,
            utility_name: requirements.utility_name,
            fields: requirements
                .fields
                .into_iter()
                .map(|field| GraphqlRequirementField { field: field.field.into(), label: field.label, hint: field.hint })
                .collect(),
        }
    }
}

#[derive(InputObject)]
pub struct AddressInput {
    pub line1: String,
    #[graphql(default)]
    pub line2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

fn rfc3339(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl From<&StatusChange> for GraphqlStatusChange {
    fn from(change: &StatusChange) -> Self {
        GraphqlStatusChange { status: change.status.into(), at: rfc3339(change.at) }
    }
}

impl From<&Contract> for GraphqlContract {
    fn from(contract: &Contract) -> Self {
        GraphqlContract {
            id: ID(contract.id.clone()),
            status: contract.status().into(),
            external_reference: contract.external_reference.clone(),
            price_id: contract.price.price_id.clone(),
            supplier: contract.price.supplier.clone(),
            product_name: contract.price.product_name.clone(),
            utility_code: contract.price.utility_code.clone(),
            rate: contract.price.rate,
            unit: contract.price.commodity.unit().label().to_owned(),
            term_months: contract.price.term_months,
            start_month: contract.price.start_month.clone(),
            legal_name: contract.customer.legal_name.clone(),
            status_history: contract.status_history.iter().map(GraphqlStatusChange::from).collect(),
            created_at: rfc3339(contract.created_at),
        }
    }
}

/// Builds a GraphQL error with `extensions.code`.
pub(crate) fn coded_error(code: &'static str, message: impl Into<String>) -> async_graphql::Error {
    async_graphql::Error::new(message).extend_with(|_, extensions| extensions.set("code", code))
}

/// Converts a rejected status change of a contract to its GraphQL error. `rule` names the
/// statuses the change needs, such as "only unsigned contracts can be re-priced".
fn transition_error(contract_id: &str, error: TransitionError, rule: &str) -> async_graphql::Error {
    match error {
        TransitionError::WrongStatus(status) => coded_error(
            "CONTRACT_NOT_SIGNABLE",
            format!("Contract {contract_id} is {}; {rule}.", status.as_str()),
        ),
        TransitionError::NotFound => coded_error("CONTRACT_NOT_FOUND", format!("No contract {contract_id}.")),
    }
}

fn invalid_input(errors: Vec<FieldError>) -> async_graphql::Error {
    let summary: Vec<String> = errors.iter().map(|error| format!("{}: {}", error.field, error.message)).collect();
    let fields = async_graphql::Value::from_json(serde_json::to_value(&errors).expect("field errors serialize to JSON"))
        .expect("JSON values convert to GraphQL values");
    async_graphql::Error::new(format!("Invalid contract input: {}", summary.join("; "))).extend_with(move |_, extensions| {
        extensions.set("code", "INVALID_INPUT");
        extensions.set("fields", fields.clone());
    })
}

pub struct QueryRoot;

#[Object]
impl QueryRoot {
    /// Returns a contract of the calling partner, or null when it has none with this id.
    async fn contract(&self, context: &Context<'_>, id: ID) -> async_graphql::Result<Option<GraphqlContract>> {
        let sandbox = context.data::<Arc<Sandbox>>()?;
        let partner = context.data::<AuthenticatedPartner>()?;
        Ok(sandbox.contracts.get_for_partner(&id, &partner.partner.partner_id).as_ref().map(GraphqlContract::from))
    }

    /// Returns the identifier fields that enrolling an account of this utility needs, or null
    /// for a utility code the platform does not know.
    async fn signup_requirements(&self, utility_code: String) -> Option<GraphqlSignupRequirements> {
        shopper_types::utility_requirements(utility_code.trim()).map(GraphqlSignupRequirements::from)
    }
}

pub struct MutationRoot;

#[Object]
impl MutationRoot {
    /// Creates a contract from a matrix price. The price must still be valid.
    async fn create_contract(&self, context: &Context<'_>, input: CreateContractInput) -> async_graphql::Result<GraphqlContract> {
        let sandbox = context.data::<Arc<Sandbox>>()?;
        let partner = context.data::<AuthenticatedPartner>()?;

        let row = current_row(sandbox, &input.price_id).await?;

        let contract = validate::build_contract(input, &row, partner.partner.clone()).map_err(invalid_input)?;
        let (contract, created) = sandbox.contracts.insert_or_existing(contract);
        if !created && contract.price.price_id != row.price_id.to_string() {
            return Err(coded_error(
                "DUPLICATE_EXTERNAL_REFERENCE",
                format!(
                    "externalReference \"{}\" already belongs to contract {} for another price; send a new externalReference.",
                    contract.external_reference, contract.id
                ),
            ));
        }
        tracing::info!(contract_id = %contract.id, partner_id = %partner.partner.partner_id, created, "contract created");
        Ok(GraphqlContract::from(&contract))
    }

    /// Moves an unsigned contract to a current price of the same supplier, product, term and
    /// start month, once the price it was created from has expired. Signing links minted
    /// before stop working, because they showed the old price. Sending the same price again
    /// returns the contract unchanged.
    async fn reprice_contract(&self, context: &Context<'_>, input: RepriceContractInput) -> async_graphql::Result<GraphqlContract> {
        let sandbox = context.data::<Arc<Sandbox>>()?;
        let partner = context.data::<AuthenticatedPartner>()?;
        let contract = sandbox.contracts.get_for_partner(&input.contract_id, &partner.partner.partner_id).ok_or_else(|| {
            coded_error("CONTRACT_NOT_FOUND", format!("No contract {} for this partner; check contractId.", input.contract_id.as_str()))
        })?;

        let row = current_row(sandbox, &input.price_id).await?;
        let same_offer = PriceId::parse(&contract.price.price_id).is_some_and(|old| old.is_same_offer(&row.price_id));
        if !same_offer {
            return Err(coded_error(
                "PRICE_MISMATCH",
                format!(
                    "priceId \"{}\" is for another offer than contract {}; use today's price of the same supplier, product, term and start month.",
                    input.price_id, contract.id
                ),
            ));
        }
        if let Some(error) = validate::check_broker_fee(input.broker_fee, &row) {
            return Err(invalid_input(vec![error]));
        }
        if contract.price.price_id == row.price_id.to_string() && contract.price.broker_fee == input.broker_fee {
            return Ok(GraphqlContract::from(&contract));
        }

        let repriced = sandbox
            .contracts
            .reprice(&contract.id, ContractPrice::from_row(&row, input.broker_fee))
            .map_err(|error| transition_error(&contract.id, error, "only unsigned contracts can be re-priced"))?;
        sandbox.signing_tokens.revoke_contract(&contract.id);
        if let Some(docusign) = &sandbox.docusign {
            docusign.void_envelope(&contract.id).await;
        }
        tracing::info!(contract_id = %contract.id, price_id = %repriced.price.price_id, rate = repriced.price.rate, "contract re-priced");
        Ok(GraphqlContract::from(&repriced))
    }

    /// Mints a single-use signing page URL, to be opened within 5 minutes. Earlier links of the
    /// contract stop working. The customer's browser is sent back to `returnUrl` with an `event`
    /// named as DocuSign's return events:
    /// `signing_complete`, `decline`, `cancel`, `fax_pending`, `viewing_complete`,
    /// `session_timeout`, `exception` or `ttl_expired`.
    async fn create_signing_session(
        &self,
        context: &Context<'_>,
        contract_id: ID,
        return_url: String,
    ) -> async_graphql::Result<GraphqlSigningSession> {
        let sandbox = context.data::<Arc<Sandbox>>()?;
        let partner = context.data::<AuthenticatedPartner>()?;
        let BaseUrl(base_url) = context.data::<BaseUrl>()?;

        let return_url = parse_return_url(&return_url)?;
        let contract = sandbox.contracts.get_for_partner(&contract_id, &partner.partner.partner_id).ok_or_else(|| {
            coded_error("CONTRACT_NOT_FOUND", format!("No contract {} for this partner; check contractId.", contract_id.as_str()))
        })?;

        let now = Utc::now();
        let price_expired = contract.price.valid_until().filter(|valid_until| now >= *valid_until);
        if let Some(valid_until) = price_expired
            && contract.status().is_unsigned()
        {
            return Err(coded_error(
                "PRICE_EXPIRED",
                format!(
                    "The price of contract {} expired at {}; move it to today's price with repriceContract, then sign.",
                    contract.id,
                    rfc3339(valid_until)
                ),
            ));
        }

        sandbox
            .contracts
            .transition(&contract.id, &UNSIGNED, ContractStatus::AwaitingSignature)
            .map_err(|error| {
                transition_error(&contract.id, error, "only created or awaiting-signature contracts can be signed")
            })?;

        if let Some(docusign) = &sandbox.docusign {
            let url = docusign.recipient_view_url(&contract, base_url, return_url.as_str()).await.map_err(|error| {
                tracing::error!(contract_id = %contract.id, error = %error, "failed to open a DocuSign signing session");
                coded_error("SIGNING_SERVICE_UNAVAILABLE", "The e-signature service did not open a signing session; try again in a moment.")
            })?;
            tracing::info!(contract_id = %contract.id, "DocuSign signing session created");
            return Ok(GraphqlSigningSession { url, expires_at: rfc3339(Utc::now() + SIGNING_URL_LIFETIME) });
        }

        // One signing link per contract works at a time, so a page left open in a closed popup
        // cannot be used once the customer has moved on to a newer link.
        sandbox.signing_tokens.revoke_contract(&contract.id);
        let (token, expires_at) = sandbox.signing_tokens.mint(&contract.id, return_url, Utc::now());
        tracing::info!(contract_id = %contract.id, "signing session created");
        Ok(GraphqlSigningSession { url: format!("{base_url}/signing/{token}"), expires_at: rfc3339(expires_at) })
    }
}

/// Finds a price that can still be contracted, or returns the GraphQL error that explains why
/// it cannot.
async fn current_row(sandbox: &Arc<Sandbox>, price_id: &str) -> async_graphql::Result<MatrixRow> {
    let checked = {
        let sandbox = sandbox.clone();
        let price_id = price_id.to_owned();
        tokio::task::spawn_blocking(move || sandbox.matrices.check_price(&price_id, Utc::now())).await?
    };
    let (_, row) = checked.map_err(|error| match error {
        PriceCheckError::NotFound => coded_error(
            "PRICE_NOT_FOUND",
            format!("priceId \"{price_id}\" is not a price this platform issued; use a price_id from /v2/prices/by-location."),
        ),
        PriceCheckError::Expired { valid_until } => coded_error(
            "PRICE_EXPIRED",
            format!("priceId \"{price_id}\" expired at {}; request today's prices and use a new price_id.", rfc3339(valid_until)),
        ),
    })?;
    Ok(row)
}

fn parse_return_url(value: &str) -> async_graphql::Result<reqwest::Url> {
    let invalid = |reason: &str| coded_error("INVALID_RETURN_URL", format!("returnUrl \"{value}\" {reason}; pass the absolute http(s) URL of the page to return to."));
    let url = reqwest::Url::parse(value).map_err(|_| invalid("is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid("is not an http(s) URL"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comment at the top of `schema.graphql`.
    const SCHEMA_FILE_HEADER: &str = "# Contracting schema of the My Service Cloud sandbox (POST /graphql).\n\
        # The platform's contracting schema is not public, so this schema is our own design.\n\
        # Generated from crates/msc-sandbox/src/graphql.rs: run\n\
        # `UPDATE_SCHEMA=1 cargo test -p msc-sandbox schema_file` after changing the schema.\n\n";

    #[test]
    fn schema_file_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
        let expected = format!("{SCHEMA_FILE_HEADER}{}", schema_sdl());
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        assert!(current == expected, "schema.graphql is out of date; run `UPDATE_SCHEMA=1 cargo test -p msc-sandbox schema_file`");
    }

    /// Runs `signupRequirements`, which reads no sandbox state, on a schema without context data.
    async fn signup_requirements(utility_code: &str) -> serde_json::Value {
        let schema = Schema::build(QueryRoot, MutationRoot, EmptySubscription).finish();
        let request = async_graphql::Request::new(shopper_types::upstream::operations::SIGNUP_REQUIREMENTS)
            .variables(async_graphql::Variables::from_json(serde_json::json!({ "utilityCode": utility_code })));
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        response.data.into_json().unwrap()["signupRequirements"].clone()
    }

    #[tokio::test]
    async fn signup_requirements_list_each_field() {
        let comed = signup_requirements("COMED").await;
        let pseg = signup_requirements("pseg").await;
        let national_grid = signup_requirements("NATGRID_NY").await;

        assert_eq!(comed["utilityName"], "ComEd");
        assert_eq!(comed["fields"], serde_json::json!([{ "field": "ACCOUNT_NUMBER", "label": "Account number", "hint": "10 digits" }]));
        assert_eq!(pseg["utilityCode"], "PSEG");
        assert_eq!(pseg["fields"][1]["field"], "POD_ID");
        assert_eq!(pseg["fields"][1]["hint"], "PE then 18 digits");
        assert_eq!(national_grid["fields"][1]["field"], "NAME_KEY");
    }

    #[tokio::test]
    async fn signup_requirements_null_for_unknown_utility() {
        assert_eq!(signup_requirements("NOPE").await, serde_json::Value::Null);
    }

    #[test]
    fn schema_serves_the_proxy_operations() {
        let sdl = schema_sdl();
        for needle in [
            "createContract(input: CreateContractInput!): Contract!",
            "createSigningSession(contractId: ID!, returnUrl: String!): SigningSession!",
            "repriceContract(input: RepriceContractInput!): Contract!",
            "contract(id: ID!): Contract",
            "AWAITING_SIGNATURE",
            "SUBMITTED_TO_SUPPLIER",
            "statusHistory: [StatusChange!]!",
            "signupRequirements(utilityCode: String!): SignupRequirements",
            "NAME_KEY",
        ] {
            assert!(sdl.contains(needle), "missing {needle} in\n{sdl}");
        }
    }
}
