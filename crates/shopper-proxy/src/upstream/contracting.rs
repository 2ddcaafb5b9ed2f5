//! Contracting GraphQL calls. Each is sent once and never retried.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use shopper_types::requirements::FieldRequirement;
use shopper_types::upstream::{
    CreateContractInput, CreatedContract, CreatedSigningSession, RepriceContractInput, SignupRequirements, operations,
};
use shopper_types::{AccountField, ContractStatus, FieldError, UtilityRequirements};

use super::{UpstreamClient, UpstreamError, read_json};

#[derive(Deserialize)]
struct GraphQlResponse {
    /// Read after `errors`, because a failed mutation may come with `data` that is null.
    data: Option<serde_json::Value>,
    #[serde(default)]
    errors: Vec<GraphQlErrorBody>,
}

#[derive(Deserialize)]
struct GraphQlErrorBody {
    message: String,
    #[serde(default)]
    extensions: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateContractData {
    create_contract: CreatedContract,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepriceContractData {
    reprice_contract: CreatedContract,
}

#[derive(Deserialize)]
struct ContractData {
    contract: Option<PlatformContract>,
}

/// A contract as the platform's `contract` query returns it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformContract {
    pub id: String,
    /// Upper-case GraphQL enum value, for example `DECLINED`.
    pub status: String,
    pub status_history: Vec<PlatformStatusChange>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PlatformStatusChange {
    pub status: String,
    /// RFC 3339.
    pub at: String,
}

impl PlatformContract {
    /// Parses the GraphQL enum value, such as `AWAITING_SIGNATURE`, into a [`ContractStatus`].
    pub fn status(&self) -> Option<ContractStatus> {
        ContractStatus::parse(&self.status.to_ascii_lowercase())
    }

    /// Returns when the contract reached `status`, if its history records it.
    pub fn changed_to_at(&self, status: ContractStatus) -> Option<&str> {
        self.status_history
            .iter()
            .rev()
            .find(|change| change.status.eq_ignore_ascii_case(status.as_str()))
            .map(|change| change.at.as_str())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignupRequirementsData {
    signup_requirements: Option<SignupRequirements>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateSigningSessionData {
    create_signing_session: CreatedSigningSession,
}

impl UpstreamClient {
    /// Creates the contract on the platform, priced by `input.price_id`.
    #[tracing::instrument(skip(self, input), fields(external_reference = %input.external_reference), err(Display))]
    pub async fn create_contract(&self, input: &CreateContractInput) -> Result<CreatedContract, UpstreamError> {
        let data: CreateContractData = self.graphql(operations::CREATE_CONTRACT, json!({ "input": input })).await?;
        Ok(data.create_contract)
    }

    /// Moves an unsigned contract to `input.price_id`, a current price of the same offer. Sending
    /// the same price again changes nothing, so a repeated call is harmless.
    #[tracing::instrument(skip(self, input), fields(contract_id = %input.contract_id), err(Display))]
    pub async fn reprice_contract(&self, input: &RepriceContractInput) -> Result<CreatedContract, UpstreamError> {
        let data: RepriceContractData = self.graphql(operations::REPRICE_CONTRACT, json!({ "input": input })).await?;
        Ok(data.reprice_contract)
    }

    /// Mints a single-use signing URL that sends the customer back to `return_url`.
    #[tracing::instrument(skip(self, return_url), err(Display))]
    pub async fn create_signing_session(
        &self,
        contract_id: &str,
        return_url: &str,
    ) -> Result<CreatedSigningSession, UpstreamError> {
        let variables = json!({ "contractId": contract_id, "returnUrl": return_url });
        let data: CreateSigningSessionData = self.graphql(operations::CREATE_SIGNING_SESSION, variables).await?;
        Ok(data.create_signing_session)
    }

    /// Reads a contract and its status history; `None` when the platform has no such contract
    /// for this partner. A query, so it is safe to send again, but it is not retried here.
    #[tracing::instrument(skip(self), err(Display))]
    pub async fn contract(&self, contract_id: &str) -> Result<Option<PlatformContract>, UpstreamError> {
        let data: ContractData = self.graphql(operations::CONTRACT, json!({ "id": contract_id })).await?;
        Ok(data.contract)
    }

    /// Reads the identifier fields that enrolling an account of a utility needs; `None` when the
    /// platform does not know the utility. A query, so it is safe to send again, but it is not
    /// retried here.
    #[tracing::instrument(skip(self), err(Display))]
    pub async fn signup_requirements(&self, utility_code: &str) -> Result<Option<UtilityRequirements>, UpstreamError> {
        let variables = json!({ "utilityCode": utility_code });
        let data: SignupRequirementsData = self.graphql(operations::SIGNUP_REQUIREMENTS, variables).await?;
        data.signup_requirements.map(requirements_from_platform).transpose()
    }

    async fn graphql<T: DeserializeOwned>(
        &self,
        query: &str,
        variables: serde_json::Value,
    ) -> Result<T, UpstreamError> {
        let url = format!("{}/graphql", self.base_url);
        let request = self.authorized(self.http.post(url).json(&json!({ "query": query, "variables": variables })))?;
        let response: GraphQlResponse = read_json(request.send().await?).await?;

        if let Some(error) = response.errors.into_iter().next() {
            let extensions = error.extensions.unwrap_or_default();
            let code =
                extensions.get("code").and_then(|code| code.as_str()).unwrap_or("INTERNAL_SERVER_ERROR").to_owned();
            let fields = extensions
                .get("fields")
                .and_then(|fields| serde_json::from_value::<Vec<FieldError>>(fields.clone()).ok())
                .unwrap_or_default();
            return Err(UpstreamError::GraphQl { code, message: error.message, fields });
        }
        let data = response
            .data
            .ok_or_else(|| UpstreamError::InvalidResponse("a GraphQL response with neither data nor errors".into()))?;
        serde_json::from_value(data).map_err(|error| UpstreamError::InvalidResponse(error.to_string()))
    }
}

/// Converts the platform's requirements into the API's, rejecting a field this proxy cannot
/// show, because the form would then miss an identifier that enrollment needs.
fn requirements_from_platform(requirements: SignupRequirements) -> Result<UtilityRequirements, UpstreamError> {
    let fields = requirements
        .fields
        .into_iter()
        .map(|field| match AccountField::parse(&field.field) {
            Some(account_field) => Ok(FieldRequirement { field: account_field, label: field.label, hint: field.hint }),
            None => Err(UpstreamError::InvalidResponse(format!(
                "signupRequirements for {} lists an unknown field {}",
                requirements.utility_code, field.field
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(UtilityRequirements { utility_code: requirements.utility_code, utility_name: requirements.utility_name, fields })
}
