//! Offers from the platform's supplier prices: the price lookup through the cache, the broker
//! fee, the stored quote rows, and re-pricing a quote at the platform's current price.

use chrono::{DateTime, SecondsFormat, Utc};
use shopper_types::Commodity;
use shopper_types::api::Offer;
use shopper_types::upstream::{COMMERCIAL_ACCOUNT_TYPE, PriceQuery, PriceResponse, PriceRow};

use crate::error::AppError;
use crate::state::{AppState, ConnectedPartner};
use crate::store::{QuoteRecord, now_rfc3339};
use crate::upstream::UpstreamError;

/// Decimal places kept in a rate in dollars per unit, so fee arithmetic leaves no float noise.
const RATE_DECIMALS: i32 = 6;
/// Two rates closer than this, in dollars per unit, are the same price.
const RATE_TOLERANCE: f64 = 1e-9;

/// Whether a price lookup may use the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Showing offers: a cached response still contains valid prices.
    Cached,
    /// Checking a price right before a contract: query the platform, then refresh the cache.
    Revalidate,
}

/// Fetches the supplier prices for a query, without any broker fee.
pub async fn supplier_prices(
    state: &AppState,
    connected: &ConnectedPartner,
    query: &PriceQuery,
    freshness: Freshness,
) -> Result<PriceResponse, UpstreamError> {
    let partner_id = connected.partner.slug.as_str();
    if freshness == Freshness::Cached
        && let Some(cached) = state.price_cache.get(partner_id, query, Utc::now())
    {
        tracing::debug!(partner = partner_id, utility = %query.utility, "prices served from the cache");
        return Ok(cached);
    }

    let response = connected.upstream.prices(query).await?;
    state.price_cache.insert(partner_id, query, &response, Utc::now());
    Ok(response)
}

/// The quote's offer at the platform's current price, stored as a new quote.
pub struct Repriced {
    pub quote: QuoteRecord,
    pub offer: Offer,
}

/// The result of checking a quote's price again before a contract.
pub enum Revalidation {
    /// The platform still has the quoted rate.
    Unchanged,
    /// The rate moved; the new offer is stored as a new quote.
    Changed(Box<Offer>),
    /// The supplier no longer offers this product, term and start month.
    Unavailable,
}

/// Prices the quote's supplier, product, term and start month again, and stores the result as
/// a new quote. Returns `None` when the platform no longer offers it.
pub async fn reprice(
    state: &AppState,
    connected: &ConnectedPartner,
    quote: &QuoteRecord,
    freshness: Freshness,
) -> Result<Option<Repriced>, AppError> {
    let Some((query, row)) = current_price(state, connected, quote, freshness).await? else {
        tracing::info!(quote_id = %quote.id, supplier = %quote.supplier, "the quoted product is no longer offered");
        return Ok(None);
    };

    let repriced = store_offer(state, connected, &query, &row).await?;
    tracing::info!(quote_id = %quote.id, new_quote_id = %repriced.quote.id, rate = repriced.quote.rate, "re-priced a quote");
    Ok(Some(repriced))
}

/// Builds the error for an expired quote, with the same offer at today's price when the
/// platform still has it. The new offer is stored as a new quote, which the customer accepts
/// by sending its id.
pub async fn expired_quote_error(state: &AppState, connected: &ConnectedPartner, quote: &QuoteRecord) -> AppError {
    let offer = match reprice(state, connected, quote, Freshness::Revalidate).await {
        Ok(repriced) => repriced.map(|repriced| Box::new(repriced.offer)),
        Err(error) => {
            // The customer can still get prices again, so the expiry is reported without an offer.
            tracing::warn!(error = %error, quote_id = %quote.id, "failed to re-price an expired quote");
            None
        }
    };
    AppError::QuoteExpired { quote_id: quote.id.clone(), offer }
}

/// Asks the platform for the quote's price again, bypassing the cache. The rate compared
/// includes the partner's current broker fee, so a changed fee also counts as a new price.
pub async fn revalidate(
    state: &AppState,
    connected: &ConnectedPartner,
    quote: &QuoteRecord,
) -> Result<Revalidation, AppError> {
    let Some((query, row)) = current_price(state, connected, quote, Freshness::Revalidate).await? else {
        tracing::info!(quote_id = %quote.id, supplier = %quote.supplier, "the quoted product is no longer offered");
        return Ok(Revalidation::Unavailable);
    };

    let fee = connected.partner.broker_fee.per_unit(query.commodity);
    if (round_to(row.rate + fee, RATE_DECIMALS) - quote.rate).abs() < RATE_TOLERANCE {
        return Ok(Revalidation::Unchanged);
    }

    let repriced = store_offer(state, connected, &query, &row).await?;
    tracing::info!(
        quote_id = %quote.id,
        new_quote_id = %repriced.quote.id,
        quoted_rate = quote.rate,
        current_rate = repriced.quote.rate,
        "the quoted price changed"
    );
    Ok(Revalidation::Changed(Box::new(repriced.offer)))
}

/// Looks up the platform's current price for the quote's supplier, product, term and start
/// month, with the query that finds it.
async fn current_price(
    state: &AppState,
    connected: &ConnectedPartner,
    quote: &QuoteRecord,
    freshness: Freshness,
) -> Result<Option<(PriceQuery, PriceRow)>, AppError> {
    let commodity = quote.commodity()?;
    let query = query_for_quote(quote, commodity)?;
    let prices = supplier_prices(state, connected, &query, freshness).await?;
    let row = prices.prices.into_iter().find(|row| offers_same_product(row, quote, commodity));
    Ok(row.map(|row| (query, row)))
}

/// Stores one supplier price as a new quote and returns its offer.
async fn store_offer(
    state: &AppState,
    connected: &ConnectedPartner,
    query: &PriceQuery,
    row: &PriceRow,
) -> Result<Repriced, AppError> {
    let fee = connected.partner.broker_fee.per_unit(query.commodity);
    let quote = quote_record(&connected.partner.slug, query, row, fee, &now_rfc3339())?;
    state.store.insert_quotes(std::slice::from_ref(&quote)).await?;
    let offer = offer(&quote, row, query.commodity);
    Ok(Repriced { quote, offer })
}

/// Builds the platform query that priced a stored quote, narrowed to its term.
fn query_for_quote(quote: &QuoteRecord, commodity: Commodity) -> Result<PriceQuery, AppError> {
    let annual_usage = u64::try_from(quote.annual_usage)
        .map_err(|_| anyhow::anyhow!("quote {} has a negative annual usage", quote.id))?;
    let term_months = u32::try_from(quote.term_months)
        .map_err(|_| anyhow::anyhow!("quote {} has an invalid term of {} months", quote.id, quote.term_months))?;
    Ok(PriceQuery {
        postal_code: quote.zip.clone(),
        account_type: COMMERCIAL_ACCOUNT_TYPE.to_owned(),
        utility: quote.utility_code.clone(),
        commodity,
        annual_usage,
        start_month: quote.start_month.clone(),
        term_months: Some(term_months),
    })
}

fn offers_same_product(row: &PriceRow, quote: &QuoteRecord, commodity: Commodity) -> bool {
    row.supplier == quote.supplier
        && row.product_name == quote.product_name
        && i64::from(row.term_months) == quote.term_months
        && row.start_month == quote.start_month
        && row.unit == commodity.unit()
}

pub fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Builds the quote row of one supplier price, with the partner's fee added to the rate.
pub fn quote_record(
    partner_id: &str,
    query: &PriceQuery,
    row: &PriceRow,
    fee: f64,
    created_at: &str,
) -> Result<QuoteRecord, AppError> {
    let expires_at = DateTime::parse_from_rfc3339(&row.valid_until)
        .map_err(|_| UpstreamError::InvalidResponse(format!("price {} has an invalid valid_until", row.price_id)))?
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    Ok(QuoteRecord {
        id: format!("q_{}", uuid::Uuid::new_v4().simple()),
        partner_id: partner_id.to_owned(),
        price_id: row.price_id.clone(),
        supplier: row.supplier.clone(),
        product_name: row.product_name.clone(),
        utility_code: query.utility.clone(),
        commodity: query.commodity.as_str().to_owned(),
        zip: query.postal_code.clone(),
        annual_usage: i64::try_from(query.annual_usage).unwrap_or(i64::MAX),
        start_month: row.start_month.clone(),
        term_months: i64::from(row.term_months),
        supplier_rate: row.rate,
        broker_fee: fee,
        rate: round_to(row.rate + fee, RATE_DECIMALS),
        expires_at,
        created_at: created_at.to_owned(),
    })
}

/// Builds the offer the widget shows for a stored quote.
pub fn offer(quote: &QuoteRecord, row: &PriceRow, commodity: Commodity) -> Offer {
    // Annual usage × rate ÷ 12, in dollars and cents.
    let estimated_monthly_cost = round_to(quote.annual_usage as f64 * quote.rate / 12.0, 2);
    Offer {
        quote_id: quote.id.clone(),
        supplier: quote.supplier.clone(),
        product_name: quote.product_name.clone(),
        rate: quote.rate,
        unit: commodity.unit(),
        term_months: row.term_months,
        start_month: quote.start_month.clone(),
        estimated_monthly_cost,
        price_expires_at: quote.expires_at.clone(),
        green_percent: row.green_percent,
        early_termination_fee: row.early_termination_fee,
        swing_percent: row.swing_percent,
        disclosure_url: Some(row.disclosure_url.clone()).filter(|url| !url.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_is_added_without_float_noise() {
        assert_eq!(round_to(0.0712 + 0.003, RATE_DECIMALS), 0.0742);
        assert_eq!(round_to(0.4519 + 0.03, RATE_DECIMALS), 0.4819);
    }
}
