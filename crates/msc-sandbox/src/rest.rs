//! Pricing REST: `GET /v2/utilities/by-location` and `GET /v2/prices/by-location`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::Utc;
use shopper_types::upstream::{COMMERCIAL_ACCOUNT_TYPE, PriceResponse, UtilitiesByLocation};
use shopper_types::{Commodity, ZipCode};

use crate::AppState;
use crate::auth::AuthenticatedPartner;
use crate::base_url::BaseUrl;
use crate::error::RestError;
use crate::market::{self, Location, Utility};
use crate::pricing::{self, PriceLookup, StartMonth};

/// Every contract term, in months, that any supplier's matrix lists.
pub const MATRIX_TERMS: &[u32] = &[6, 12, 18, 24, 36, 48, 60];

type Params = HashMap<String, String>;

fn required<'a>(params: &'a Params, name: &str, hint: &str) -> Result<&'a str, RestError> {
    match params.get(name).map(|value| value.trim()) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(RestError::invalid_parameter(name, format!("missing; {hint}"))),
    }
}

fn parse_postal_code(params: &Params) -> Result<ZipCode, RestError> {
    let value = required(params, "postal_code", "pass the 5-digit ZIP code of the service address, like postal_code=60601")?;
    ZipCode::parse(value).map_err(|message| RestError::invalid_parameter("postal_code", message))
}

fn locate(zip: &ZipCode) -> Result<Location, RestError> {
    market::locate(zip.zip5()).ok_or_else(|| {
        RestError::new(
            StatusCode::NOT_FOUND,
            "unknown_postal_code",
            format!("No utility data for ZIP code {}; the Test environment covers parts of IL, TX and PA.", zip.zip5()),
        )
    })
}

#[tracing::instrument(skip_all, fields(partner_id = %partner.partner.partner_id, postal_code))]
pub async fn utilities_by_location(partner: AuthenticatedPartner, Query(params): Query<Params>) -> Result<Json<UtilitiesByLocation>, RestError> {
    let zip = parse_postal_code(&params)?;
    tracing::Span::current().record("postal_code", zip.zip5());
    let location = locate(&zip)?;

    Ok(Json(UtilitiesByLocation {
        postal_code: zip.zip5().to_owned(),
        state: location.state.code.to_owned(),
        choice_market: location.choice_market,
        utilities: location.utilities.iter().map(|utility| utility.to_upstream()).collect(),
    }))
}

/// The checked query of a price request.
struct PriceRequest {
    zip: ZipCode,
    utility: &'static Utility,
    annual_usage: u64,
    start_month: StartMonth,
    term_months: Option<u32>,
}

fn parse_price_request(params: &Params, price_date: chrono::NaiveDate) -> Result<PriceRequest, RestError> {
    let zip = parse_postal_code(params)?;

    let account_type = required(params, "account_type", "pass account_type=C for a commercial account")?;
    if account_type != COMMERCIAL_ACCOUNT_TYPE {
        return Err(RestError::invalid_parameter(
            "account_type",
            format!("\"{account_type}\" is not supported; this API prices commercial accounts only (account_type=C)"),
        ));
    }

    let code = required(params, "utility", "pass a utility code from /v2/utilities/by-location, like utility=COMED")?;
    let utility = market::utility(code).ok_or_else(|| {
        RestError::invalid_parameter("utility", format!("unknown utility code \"{code}\"; use a code from /v2/utilities/by-location"))
    })?;

    let location = locate(&zip)?;
    if !location.choice_market {
        return Err(RestError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_choice_market",
            format!("ZIP code {} ({}) has no commercial retail choice, so there are no supplier prices.", zip.zip5(), location.state.name),
        ));
    }
    if !location.utilities.iter().any(|served| served.code == utility.code) {
        let served: Vec<&str> = location.utilities.iter().map(|served| served.code).collect();
        return Err(RestError::invalid_parameter(
            "utility",
            format!("{} does not serve ZIP code {}; it is served by {}", utility.code, zip.zip5(), served.join(", ")),
        ));
    }

    let commodity_text = required(params, "commodity", "pass commodity=electricity or commodity=gas")?;
    let commodity = Commodity::parse(commodity_text).ok_or_else(|| {
        RestError::invalid_parameter("commodity", format!("\"{commodity_text}\" is not a commodity; use electricity or gas"))
    })?;
    if commodity != utility.commodity {
        return Err(RestError::invalid_parameter(
            "commodity",
            format!("{} is a {} utility; ask for commodity={}", utility.code, utility.commodity.as_str(), utility.commodity.as_str()),
        ));
    }

    let usage_text = required(params, "annual_usage", "pass the yearly usage in kWh (electricity) or therms (gas)")?;
    let annual_usage: u64 = usage_text.parse().ok().filter(|usage| *usage > 0).ok_or_else(|| {
        RestError::invalid_parameter("annual_usage", format!("\"{usage_text}\" is not a positive whole number of {}s a year", commodity.unit().label()))
    })?;

    let start_text = required(params, "start_month", "pass the first month of supply as YYYY-MM")?;
    let start_month = StartMonth::parse(start_text)
        .ok_or_else(|| RestError::invalid_parameter("start_month", format!("\"{start_text}\" is not a month; use YYYY-MM, like 2026-09")))?;
    let first = StartMonth::of(price_date);
    let last = first.plus(pricing::START_MONTHS_AHEAD);
    if start_month < first || start_month > last {
        return Err(RestError::invalid_parameter(
            "start_month",
            format!("{start_month} is outside today's matrix; use a month from {first} to {last}"),
        ));
    }

    let term_months = match params.get("term_months").map(|value| value.trim()).filter(|value| !value.is_empty()) {
        None => None,
        Some(text) => Some(text.parse::<u32>().ok().filter(|term| MATRIX_TERMS.contains(term)).ok_or_else(|| {
            RestError::invalid_parameter("term_months", format!("\"{text}\" is not a matrix term; use one of 6, 12, 18, 24, 36, 48, 60, or leave it out for every term"))
        })?),
    };

    Ok(PriceRequest { zip, utility, annual_usage, start_month, term_months })
}

#[tracing::instrument(skip_all, fields(partner_id = %partner.partner.partner_id))]
pub async fn prices_by_location(
    State(state): State<AppState>,
    partner: AuthenticatedPartner,
    BaseUrl(base_url): BaseUrl,
    Query(params): Query<Params>,
) -> Result<Json<PriceResponse>, RestError> {
    // Building a day's matrix takes a few hundred milliseconds in a debug build, so it runs off
    // the async worker threads.
    let sandbox = state.sandbox.clone();
    let matrix = tokio::task::spawn_blocking(move || sandbox.matrices.current(Utc::now())).await.map_err(|error| {
        RestError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", format!("Building the rate matrix failed: {error}"))
    })?;
    let request = parse_price_request(&params, matrix.price_date)?;

    let lookup = matrix.lookup(request.utility, request.start_month, request.annual_usage, request.term_months);
    let (custom_quote_needed, prices) = match lookup {
        PriceLookup::CustomQuoteNeeded => (true, Vec::new()),
        PriceLookup::Prices(rows) => (false, rows.iter().map(|row| row.to_price_row(&matrix, &base_url)).collect()),
    };
    tracing::info!(utility = request.utility.code, prices = prices.len(), custom_quote_needed, "priced");

    Ok(Json(PriceResponse {
        postal_code: request.zip.zip5().to_owned(),
        utility: request.utility.code.to_owned(),
        commodity: request.utility.commodity,
        price_date: matrix.price_date.format("%Y-%m-%d").to_string(),
        custom_quote_needed,
        prices,
    }))
}
