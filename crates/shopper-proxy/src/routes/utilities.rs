//! `GET /v1/utilities?zip=60601`: the utilities serving a ZIP code in a choice market.

use axum::Json;
use serde::Deserialize;
use shopper_types::api::{UtilitiesResponse, UtilitySummary};
use shopper_types::upstream::UpstreamUtility;
use shopper_types::{FieldError, ZipCode, identifier_rule};

use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::extract::ApiQuery;

/// The platform's code for a ZIP code it has no data for.
const UNKNOWN_POSTAL_CODE: &str = "unknown_postal_code";

#[derive(Deserialize)]
pub struct UtilitiesQuery {
    zip: Option<String>,
}

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, zip = query.zip.as_deref().unwrap_or("")))]
pub async fn list_utilities(
    AuthenticatedPartner(connected): AuthenticatedPartner,
    ApiQuery(query): ApiQuery<UtilitiesQuery>,
) -> Result<Json<UtilitiesResponse>, AppError> {
    let zip = ZipCode::parse(query.zip.as_deref().unwrap_or("")).map_err(|message| AppError::BadRequest {
        message: message.clone(),
        fields: vec![FieldError::new("zip", message)],
    })?;

    let location = match connected.upstream.utilities_by_location(zip.zip5()).await {
        Ok(location) => location,
        Err(error) if error.rest_code() == Some(UNKNOWN_POSTAL_CODE) => {
            return Err(AppError::UnknownZip(zip.zip5().to_owned()));
        }
        Err(error) => return Err(error.into()),
    };
    if !location.choice_market {
        return Err(AppError::NoChoiceMarket { zip: zip.zip5().to_owned(), state: location.state });
    }

    Ok(Json(UtilitiesResponse {
        zip: zip.zip5().to_owned(),
        state: location.state,
        utilities: location.utilities.into_iter().map(summarize).collect(),
    }))
}

/// Adds the identifier label and hint of the utility's account number rule.
fn summarize(utility: UpstreamUtility) -> UtilitySummary {
    let (identifier_label, identifier_hint) = match identifier_rule(&utility.code) {
        Some(rule) => (capitalize(rule.label), format!("{}, as on your {} bill", rule.hint(), rule.utility_name)),
        None => (utility.identifier_label.clone(), format!("As printed on your {} bill", utility.name)),
    };
    UtilitySummary {
        code: utility.code,
        name: utility.name,
        commodity: utility.commodity,
        identifier_label,
        identifier_hint,
    }
}

/// "account number" -> "Account number"; "ESI ID" stays as it is.
fn capitalize(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
