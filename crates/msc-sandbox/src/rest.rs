//! Pricing REST: `GET /v2/utilities/by-location` and `GET /v2/prices/by-location`.
//!
//! Besides the platform's parameters, the prices call takes an optional `rate_class` (a code of
//! the utility's rate classes, like `GS-2` or `BUSHILF`). Without it the utility's first class
//! whose usage range contains `annual_usage` applies. The pricing zone always comes from the ZIP
//! code.

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
use crate::market::{self, Location, RateClass, Utility, Zone};
use crate::pricing::{self, PriceLookup, PriceQuery, StartMonth};

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
            format!(
                "No utility data for ZIP code {}; the Test environment covers the main cities of each state with commercial choice.",
                zip.zip5()
            ),
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
        utilities: location
            .utilities
            .iter()
            .map(|served| served.utility.to_upstream())
            .collect(),
    }))
}

/// The checked query of a price request.
struct PriceRequest {
    zip: ZipCode,
    utility: &'static Utility,
    zone: &'static Zone,
    rate_class: Option<&'static RateClass>,
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
    let Some(served) = location.served(utility.code) else {
        let codes: Vec<&str> = location.utilities.iter().map(|served| served.utility.code).collect();
        return Err(RestError::invalid_parameter(
            "utility",
            format!(
                "{} does not serve ZIP code {}; it is served by {}",
                utility.code,
                zip.zip5(),
                codes.join(", ")
            ),
        ));
    };

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

    let rate_class = parse_rate_class(params, utility, annual_usage)?;

    Ok(PriceRequest {
        zip,
        utility,
        zone: served.zone,
        rate_class,
        annual_usage,
        start_month,
        term_months,
    })
}

/// Checks the optional `rate_class` against the utility's classes and the annual usage.
fn parse_rate_class(
    params: &Params,
    utility: &'static Utility,
    annual_usage: u64,
) -> Result<Option<&'static RateClass>, RestError> {
    let Some(code) = params
        .get("rate_class")
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
    else {
        return Ok(None);
    };
    let codes: Vec<&str> = utility.rate_classes.iter().map(|class| class.code).collect();
    let rate_class = utility.rate_class(code).ok_or_else(|| {
        RestError::invalid_parameter(
            "rate_class",
            format!(
                "\"{code}\" is not a {} rate class; use one of {}",
                utility.code,
                codes.join(", ")
            ),
        )
    })?;
    if !rate_class.covers(annual_usage) && pricing::band_for(utility.commodity, annual_usage).is_some() {
        let unit = utility.commodity.unit().label();
        return Err(RestError::invalid_parameter(
            "rate_class",
            format!(
                "{} {} prices {} to {} {unit}s a year, not {annual_usage}; pick another class or leave rate_class out",
                utility.code, rate_class.code, rate_class.min_annual_usage, rate_class.max_annual_usage
            ),
        ));
    }
    Ok(Some(rate_class))
}

#[tracing::instrument(skip_all, fields(partner_id = %partner.partner.partner_id))]
pub async fn prices_by_location(
    State(state): State<AppState>,
    partner: AuthenticatedPartner,
    BaseUrl(base_url): BaseUrl,
    Query(params): Query<Params>,
) -> Result<Json<PriceResponse>, RestError> {
    let now = Utc::now();
    let request = parse_price_request(&params, pricing::price_date(now))?;
    let (postal_code, utility, zone) = (request.zip.zip5().to_owned(), request.utility, request.zone);

    // The first request for a utility on a new price date builds its table, which takes tens of
    // milliseconds in a debug build, so the lookup runs off the async worker threads.
    let sandbox = state.sandbox.clone();
    let (matrix, lookup) = tokio::task::spawn_blocking(move || {
        let matrix = sandbox.matrices.current(now);
        let lookup = match request
            .rate_class
            .or_else(|| request.utility.rate_class_for(request.annual_usage))
        {
            Some(rate_class) => matrix.lookup(&PriceQuery {
                utility: request.utility,
                zone: request.zone,
                rate_class,
                start_month: request.start_month,
                annual_usage: request.annual_usage,
                term_months: request.term_months,
            }),
            // No class covers the usage only above the largest band.
            None => PriceLookup::CustomQuoteNeeded,
        };
        (matrix, lookup)
    })
    .await
    .map_err(|error| {
        RestError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            format!("Looking up prices failed: {error}"),
        )
    })?;

    let (custom_quote_needed, prices) = match lookup {
        PriceLookup::CustomQuoteNeeded => (true, Vec::new()),
        PriceLookup::Prices(rows) => (false, rows.iter().map(|row| row.to_price_row(&matrix, &base_url)).collect()),
    };
    tracing::info!(
        utility = utility.code,
        zone = zone.code,
        prices = prices.len(),
        custom_quote_needed,
        "priced"
    );

    Ok(Json(PriceResponse {
        postal_code,
        utility: utility.code.to_owned(),
        commodity: utility.commodity,
        price_date: matrix.price_date.format("%Y-%m-%d").to_string(),
        custom_quote_needed,
        prices,
    }))
}
