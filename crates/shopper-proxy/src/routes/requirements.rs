//! `GET /v1/utilities/{code}/requirements`: the identifier fields a utility's enrollment needs,
//! as the platform's `signupRequirements` query returns them, so the form shows exactly those.

use axum::Json;
use axum::extract::Path;
use shopper_types::UtilityRequirements;

use crate::auth::AuthenticatedPartner;
use crate::error::AppError;

/// The maximum utility code length, in bytes. Platform codes are short words like `NATGRID_MA`.
const MAX_UTILITY_CODE_LEN: usize = 40;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, utility = %utility_code))]
pub async fn utility_requirements(
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(utility_code): Path<String>,
) -> Result<Json<UtilityRequirements>, AppError> {
    let code = utility_code.trim();
    let well_formed = !code.is_empty()
        && code.len() <= MAX_UTILITY_CODE_LEN
        && code.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
    if !well_formed {
        return Err(AppError::invalid_field(
            "utility_code",
            format!("\"{code}\" is not a utility code; use the code from GET /v1/utilities, such as COMED."),
        ));
    }

    match connected.upstream.signup_requirements(&code.to_ascii_uppercase()).await? {
        Some(requirements) => Ok(Json(requirements)),
        None => Err(AppError::UnknownUtility(code.to_owned())),
    }
}
