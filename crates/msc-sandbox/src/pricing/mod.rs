//! The daily rate matrix: one supply price per supplier × utility × rate class × start month ×
//! term × usage band × product, like the matrix sheets suppliers send brokers each morning.
//!
//! Prices are synthetic but deterministic: each is computed from a SHA-256 hash of
//! (price date, supplier, utility, term, start month, band), inside the state's supply-only
//! range. Longer terms and larger bands are slightly cheaper, green products cost a little more.
//! Rows are indexed by (utility, commodity, start month, band), so a query reads one bucket.

mod calendar;
mod price_id;

pub use calendar::{START_MONTHS_AHEAD, StartMonth, price_date, start_months, valid_until};
pub use price_id::PriceId;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use shopper_types::Commodity;
use shopper_types::upstream::PriceRow;

use crate::market::{self, RateClass, Supplier, Utility};

/// A range of annual usage that one matrix column prices; both ends inclusive.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageBand {
    pub index: u8,
    pub min: u64,
    pub max: u64,
}

/// Electricity bands in kWh a year, as in common supplier matrix sheets (0–100, 100–250,
/// 250–500, 500–1,000 MWh). Above 1,000 MWh suppliers price by hand.
pub const ELECTRIC_BANDS: &[UsageBand] = &[
    UsageBand { index: 0, min: 0, max: 100_000 },
    UsageBand { index: 1, min: 100_001, max: 250_000 },
    UsageBand { index: 2, min: 250_001, max: 500_000 },
    UsageBand { index: 3, min: 500_001, max: 1_000_000 },
];

/// Gas bands in therms a year.
pub const GAS_BANDS: &[UsageBand] = &[
    UsageBand { index: 0, min: 0, max: 5_000 },
    UsageBand { index: 1, min: 5_001, max: 25_000 },
    UsageBand { index: 2, min: 25_001, max: 100_000 },
];

pub fn bands(commodity: Commodity) -> &'static [UsageBand] {
    match commodity {
        Commodity::Electricity => ELECTRIC_BANDS,
        Commodity::Gas => GAS_BANDS,
    }
}

/// Finds the band that prices an annual usage, or `None` above the largest band (a custom quote).
pub fn band_for(commodity: Commodity, annual_usage: u64) -> Option<&'static UsageBand> {
    bands(commodity).iter().find(|band| (band.min..=band.max).contains(&annual_usage))
}

/// Dollars per kWh that a green product adds for each 50% of renewable supply (renewable
/// energy certificates), an estimate.
const GREEN_ADDER_PER_HALF: f64 = 0.002;

/// How much cheaper each month of term makes a price, as a fraction (36 months: 3.6%).
const TERM_DISCOUNT_PER_MONTH: f64 = 0.001;

/// How much cheaper each larger usage band is, as a fraction.
const BAND_DISCOUNT: f64 = 0.02;

/// One matrix price.
#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub price_id: PriceId,
    pub supplier: &'static Supplier,
    pub utility: &'static Utility,
    pub rate_class: &'static RateClass,
    pub band: &'static UsageBand,
    pub start_month: StartMonth,
    pub term_months: u32,
    pub green_percent: u8,
    /// Dollars per kWh or therm.
    pub rate: f64,
    /// Dollars.
    pub early_termination_fee: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct MatrixKey {
    utility: &'static str,
    commodity: Commodity,
    start_month: StartMonth,
    band: u8,
}

/// Every price of one price date.
#[derive(Debug)]
pub struct RateMatrix {
    pub price_date: NaiveDate,
    pub valid_until: DateTime<Utc>,
    rows: HashMap<MatrixKey, Vec<MatrixRow>>,
}

/// The result of a price query.
#[derive(Debug)]
pub enum PriceLookup<'a> {
    /// Matching rows, cheapest first; empty when no supplier lists the requested term.
    Prices(Vec<&'a MatrixRow>),
    /// The usage is above the largest band, so a supplier must price it by hand.
    CustomQuoteNeeded,
}

impl RateMatrix {
    /// Builds the whole matrix of one price date.
    pub fn build(price_date: NaiveDate) -> RateMatrix {
        let mut rows: HashMap<MatrixKey, Vec<MatrixRow>> = HashMap::new();
        for utility in market::UTILITIES {
            for start_month in start_months(price_date) {
                for band in bands(utility.commodity) {
                    let key = MatrixKey { utility: utility.code, commodity: utility.commodity, start_month, band: band.index };
                    rows.insert(key, build_bucket(price_date, utility, start_month, band));
                }
            }
        }
        RateMatrix { price_date, valid_until: valid_until(price_date), rows }
    }

    /// Returns the rows for a utility, start month and annual usage, optionally for one term only.
    pub fn lookup(&self, utility: &Utility, start_month: StartMonth, annual_usage: u64, term_months: Option<u32>) -> PriceLookup<'_> {
        let Some(band) = band_for(utility.commodity, annual_usage) else {
            return PriceLookup::CustomQuoteNeeded;
        };
        let key = MatrixKey { utility: utility.code, commodity: utility.commodity, start_month, band: band.index };
        let mut prices: Vec<&MatrixRow> = self
            .rows
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|row| term_months.is_none_or(|term| row.term_months == term))
            .collect();
        prices.sort_by(|a, b| a.rate.total_cmp(&b.rate).then(a.term_months.cmp(&b.term_months)));
        PriceLookup::Prices(prices)
    }

    /// Finds the row a price id was issued for.
    pub fn find(&self, id: &PriceId) -> Option<&MatrixRow> {
        let utility = market::utility(&id.utility_code)?;
        let key = MatrixKey { utility: utility.code, commodity: utility.commodity, start_month: id.start_month, band: id.band };
        self.rows.get(&key)?.iter().find(|row| row.price_id == *id)
    }

    pub fn len(&self) -> usize {
        self.rows.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn build_bucket(price_date: NaiveDate, utility: &'static Utility, start_month: StartMonth, band: &'static UsageBand) -> Vec<MatrixRow> {
    let rate_class = utility.rate_class_for(band.max).expect("every utility has a rate class up to its largest band");
    let mut rows = Vec::new();
    for supplier in utility.suppliers.iter().filter_map(|slug| market::supplier(slug)) {
        for &green_percent in green_options(supplier, utility.commodity) {
            for &term_months in supplier.terms_months {
                let price_id = PriceId {
                    price_date,
                    utility_code: utility.code.to_owned(),
                    supplier_slug: supplier.slug.to_owned(),
                    start_month,
                    term_months,
                    band: band.index,
                    green_percent,
                };
                rows.push(MatrixRow {
                    price_id,
                    supplier,
                    utility,
                    rate_class,
                    band,
                    start_month,
                    term_months,
                    green_percent,
                    rate: synthetic_rate(price_date, supplier, utility, start_month, term_months, band, green_percent),
                    early_termination_fee: early_termination_fee(utility, band),
                });
            }
        }
    }
    rows
}

/// Renewable shares a supplier sells for a commodity; gas products here are all 0% green.
fn green_options(supplier: &Supplier, commodity: Commodity) -> &'static [u8] {
    match commodity {
        Commodity::Electricity => supplier.green_options,
        Commodity::Gas => &[0],
    }
}

/// Computes a deterministic supply price inside the state's range for the commodity.
fn synthetic_rate(
    price_date: NaiveDate,
    supplier: &Supplier,
    utility: &Utility,
    start_month: StartMonth,
    term_months: u32,
    band: &UsageBand,
    green_percent: u8,
) -> f64 {
    let state = market::state(utility.state).expect("every utility's state is in STATES");
    let (low, high) = match utility.commodity {
        Commodity::Electricity => state.electric_rate_range,
        Commodity::Gas => state.gas_rate_range,
    };

    // The supplier's level for this utility and month is in the middle half of the range.
    // A second hash over the whole key moves each price by up to ±1%.
    let level = unit_hash(&[&price_date.to_string(), supplier.slug, utility.code, &start_month.to_string()]);
    let jitter = unit_hash(&[
        &price_date.to_string(),
        supplier.slug,
        utility.code,
        &term_months.to_string(),
        &start_month.to_string(),
        &band.index.to_string(),
    ]);
    let base = low + (high - low) * (0.25 + 0.5 * level);
    let mut rate = base
        * (1.0 + supplier.price_bias)
        * (1.0 - TERM_DISCOUNT_PER_MONTH * f64::from(term_months))
        * (1.0 - BAND_DISCOUNT * f64::from(band.index))
        * (1.0 + 0.02 * (jitter - 0.5));
    if utility.commodity == Commodity::Electricity {
        rate += GREEN_ADDER_PER_HALF * f64::from(green_percent / 50);
    }

    // Matrix sheets quote electricity to a hundredth of a mill and gas to a hundredth of a cent.
    let scale = match utility.commodity {
        Commodity::Electricity => 100_000.0,
        Commodity::Gas => 10_000.0,
    };
    (rate.clamp(low, high) * scale).round() / scale
}

/// Maps the parts to a uniform number in [0, 1) through SHA-256, stable across runs and platforms.
fn unit_hash(parts: &[&str]) -> f64 {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) >> 11) as f64 / (1u64 << 53) as f64
}

/// Returns the early termination fee in dollars, larger for larger accounts.
fn early_termination_fee(utility: &Utility, band: &UsageBand) -> f64 {
    // Illinois caps the fee at $50 for small commercial customers (ICC rules, Part 412).
    // NOTE: the size limit of "small commercial" is not verified here, so the whole lowest band
    // gets the cap.
    if utility.state == "IL" && utility.commodity == Commodity::Electricity && band.index == 0 {
        return 50.0;
    }
    match (utility.commodity, band.index) {
        (Commodity::Electricity, 0) => 150.0,
        (Commodity::Electricity, 1) => 300.0,
        (Commodity::Electricity, 2) => 600.0,
        (Commodity::Electricity, _) => 1_200.0,
        (Commodity::Gas, 0) => 100.0,
        (Commodity::Gas, 1) => 250.0,
        (Commodity::Gas, _) => 500.0,
    }
}

/// Returns a product's display name. A supplier sells one product per renewable share.
pub fn product_name(commodity: Commodity, green_percent: u8) -> String {
    match (commodity, green_percent) {
        (Commodity::Gas, _) => "Fixed Price Natural Gas".to_owned(),
        (Commodity::Electricity, 0) => "Fixed Price All-In".to_owned(),
        (Commodity::Electricity, 100) => "Fixed Price 100% Renewable".to_owned(),
        (Commodity::Electricity, share) => format!("Fixed Price {share}% Green"),
    }
}

/// Returns the URL path segment of a product's disclosure page, like `engie-electricity-green-100`.
pub fn product_slug(supplier: &Supplier, commodity: Commodity, green_percent: u8) -> String {
    format!("{}-{}-green-{green_percent}", supplier.slug, commodity.as_str())
}

impl MatrixRow {
    /// The row as the pricing API returns it; `base_url` is where disclosure pages are served.
    pub fn to_price_row(&self, matrix: &RateMatrix, base_url: &str) -> PriceRow {
        let commodity = self.utility.commodity;
        PriceRow {
            price_id: self.price_id.to_string(),
            supplier: self.supplier.name.to_owned(),
            product_name: product_name(commodity, self.green_percent),
            utility: self.utility.code.to_owned(),
            rate_class: self.rate_class.name.to_owned(),
            zone: self.utility.zone.to_owned(),
            start_month: self.start_month.to_string(),
            term_months: self.term_months,
            rate: self.rate,
            unit: commodity.unit(),
            usage_min: self.band.min,
            usage_max: self.band.max,
            valid_until: matrix.valid_until.to_rfc3339_opts(SecondsFormat::Secs, true),
            swing_percent: self.supplier.swing_percent,
            green_percent: self.green_percent,
            early_termination_fee: self.early_termination_fee,
            disclosure_url: format!("{base_url}/disclosures/{}", product_slug(self.supplier, commodity, self.green_percent)),
        }
    }
}

/// The reason a price id cannot be contracted.
#[derive(Debug, PartialEq)]
pub enum PriceCheckError {
    /// Not an id this platform issued.
    NotFound,
    /// Issued, but its price date passed 6 PM Central.
    Expired { valid_until: DateTime<Utc> },
}

/// Matrices built so far, by price date. Only the most recent few are kept.
#[derive(Default)]
pub struct MatrixCache {
    matrices: Mutex<HashMap<NaiveDate, Arc<RateMatrix>>>,
}

/// Today's and tomorrow's matrices, plus one for an old price id being checked.
const CACHED_MATRICES: usize = 3;

impl MatrixCache {
    /// Returns the matrix of a price date, built on first use.
    pub fn get(&self, price_date: NaiveDate) -> Arc<RateMatrix> {
        let mut matrices = self.matrices.lock().expect("matrix cache lock poisoned");
        if let Some(matrix) = matrices.get(&price_date) {
            return matrix.clone();
        }

        let matrix = Arc::new(RateMatrix::build(price_date));
        tracing::info!(%price_date, rows = matrix.len(), "built rate matrix");
        if matrices.len() >= CACHED_MATRICES
            && let Some(oldest) = matrices.keys().min().copied()
        {
            matrices.remove(&oldest);
        }
        matrices.insert(price_date, matrix.clone());
        matrix
    }

    /// Returns the matrix whose prices apply at `now`.
    pub fn current(&self, now: DateTime<Utc>) -> Arc<RateMatrix> {
        self.get(price_date(now))
    }

    /// Finds the row of a price id and checks that it can still be contracted at `now`.
    pub fn check_price(&self, price_id: &str, now: DateTime<Utc>) -> Result<(Arc<RateMatrix>, MatrixRow), PriceCheckError> {
        let id = PriceId::parse(price_id).ok_or(PriceCheckError::NotFound)?;
        let valid_until = valid_until(id.price_date);
        if now >= valid_until {
            return Err(PriceCheckError::Expired { valid_until });
        }
        if id.price_date > price_date(now) {
            // A future price date has not been published, so no such id was issued.
            return Err(PriceCheckError::NotFound);
        }

        let matrix = self.get(id.price_date);
        let row = matrix.find(&id).cloned().ok_or(PriceCheckError::NotFound)?;
        Ok((matrix, row))
    }
}

#[cfg(test)]
mod tests;
