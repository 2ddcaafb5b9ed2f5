//! `POST /v1/quotes`: the day's offers for a customer, with the partner's broker fee in the rate.
//!
//! Each offer is stored as a quote row, so the contract step is priced from what the customer
//! saw here and never from a rate sent back by the browser. The platform's response is
//! cached until its prices expire, so repeated searches do not each call the platform.

use axum::Json;
use axum::extract::State;
use shopper_types::api::{Offer, QuoteRequest, QuoteResponse};
use shopper_types::upstream::{COMMERCIAL_ACCOUNT_TYPE, PriceQuery, PriceRow};
use shopper_types::{FieldError, ZipCode};

use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::pricing::{Freshness, offer, quote_record, supplier_prices};
use crate::state::AppState;
use crate::store::now_rfc3339;
use crate::upstream::UpstreamError;

/// Maximum term accepted, in months.
const MAX_TERM_MONTHS: u32 = 60;

#[tracing::instrument(skip_all, fields(partner = %connected.partner.slug, utility = %request.utility_code))]
pub async fn create_quotes(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    ApiJson(request): ApiJson<QuoteRequest>,
) -> Result<Json<QuoteResponse>, AppError> {
    let zip = validate(&request)?;
    let query = PriceQuery {
        postal_code: zip.zip5().to_owned(),
        account_type: COMMERCIAL_ACCOUNT_TYPE.to_owned(),
        utility: request.utility_code.trim().to_ascii_uppercase(),
        commodity: request.commodity,
        annual_usage: request.annual_usage,
        start_month: request.start_month.clone(),
        term_months: request.term_months,
    };

    let prices = match supplier_prices(&state, &connected, &query, Freshness::Cached).await {
        Ok(prices) => prices,
        Err(error) if error.rest_code() == Some("unknown_postal_code") => {
            return Err(AppError::UnknownZip(query.postal_code));
        }
        Err(UpstreamError::Rejected { status, body }) if status.is_client_error() && status.as_u16() != 401 => {
            return Err(AppError::Validation { message: body.message, fields: Vec::new() });
        }
        Err(error) => return Err(error.into()),
    };

    let fee = connected.partner.broker_fee.per_unit(request.commodity);
    let created_at = now_rfc3339();
    let rows: Vec<&PriceRow> = prices.prices.iter().filter(|row| row.unit == request.commodity.unit()).collect();
    let quotes = rows
        .iter()
        .map(|row| quote_record(&connected.partner.slug, &query, row, fee, &created_at))
        .collect::<Result<Vec<_>, _>>()?;
    state.store.insert_quotes(&quotes).await?;

    let mut offers: Vec<Offer> =
        quotes.iter().zip(&rows).map(|(quote, row)| offer(quote, row, request.commodity)).collect();
    offers.sort_by(|a, b| {
        a.rate.total_cmp(&b.rate).then_with(|| a.supplier.cmp(&b.supplier)).then(a.term_months.cmp(&b.term_months))
    });

    tracing::info!(offers = offers.len(), custom_quote_needed = prices.custom_quote_needed, "quoted offers");
    Ok(Json(QuoteResponse { offers, custom_quote_needed: prices.custom_quote_needed }))
}

/// Checks the request's values, returning every problem at once.
fn validate(request: &QuoteRequest) -> Result<ZipCode, AppError> {
    let mut fields = Vec::new();
    let zip = ZipCode::parse(&request.zip).map_err(|message| fields.push(FieldError::new("zip", message))).ok();
    if request.utility_code.trim().is_empty() {
        fields.push(FieldError::new("utility_code", "Choose the utility."));
    }
    if request.annual_usage == 0 {
        let unit = request.commodity.unit().label();
        fields.push(FieldError::new("annual_usage", format!("Enter the annual usage in {unit}s; it must be above 0.")));
    }
    if !is_year_month(&request.start_month) {
        fields.push(FieldError::new("start_month", "Choose a start month, written YYYY-MM."));
    }
    if let Some(term_months) = request.term_months
        && !(1..=MAX_TERM_MONTHS).contains(&term_months)
    {
        fields.push(FieldError::new("term_months", format!("A term is 1 to {MAX_TERM_MONTHS} months.")));
    }

    match zip {
        Some(zip) if fields.is_empty() => Ok(zip),
        _ => Err(AppError::Validation { message: "Some fields need attention.".into(), fields }),
    }
}

/// True for `YYYY-MM` with a month from 01 to 12.
fn is_year_month(value: &str) -> bool {
    let Some((year, month)) = value.split_once('-') else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && month.len() == 2
        && month.parse::<u32>().is_ok_and(|month| (1..=12).contains(&month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_format() {
        assert!(is_year_month("2026-01"));
        assert!(is_year_month("2026-12"));
        for bad in ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", ""] {
            assert!(!is_year_month(bad), "{bad:?}");
        }
    }
}
