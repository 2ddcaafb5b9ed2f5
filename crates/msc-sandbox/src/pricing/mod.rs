//! The daily rate matrix: one supply price per supplier × utility × zone × rate class × start
//! month × term × usage band × product, like the matrix sheets suppliers send brokers each
//! morning.
//!
//! A day's matrix is several hundred thousand rows, so it is built one utility at a time, on the
//! first request for that utility, and kept for the day ([`MatrixCache`]). Each utility's rows
//! live in an indexed [`RateTable`], so a price request reads one bucket and never scans rows.

mod build;
mod calendar;
mod price_id;
pub mod table;

pub use build::green_options;
pub use calendar::{START_MONTHS_AHEAD, StartMonth, price_date, start_months, valid_until};
pub use price_id::PriceId;
pub use table::RateTable;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use shopper_types::Commodity;
use shopper_types::upstream::PriceRow;

use crate::market::{self, RateClass, Supplier, Utility, Zone};
use table::{BucketKey, TableLookup, TableQuery, TableRow};

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
    UsageBand {
        index: 0,
        min: 0,
        max: 100_000,
    },
    UsageBand {
        index: 1,
        min: 100_001,
        max: 250_000,
    },
    UsageBand {
        index: 2,
        min: 250_001,
        max: 500_000,
    },
    UsageBand {
        index: 3,
        min: 500_001,
        max: 1_000_000,
    },
];

/// Gas bands in therms a year.
pub const GAS_BANDS: &[UsageBand] = &[
    UsageBand {
        index: 0,
        min: 0,
        max: 5_000,
    },
    UsageBand {
        index: 1,
        min: 5_001,
        max: 25_000,
    },
    UsageBand {
        index: 2,
        min: 25_001,
        max: 100_000,
    },
];

pub fn bands(commodity: Commodity) -> &'static [UsageBand] {
    match commodity {
        Commodity::Electricity => ELECTRIC_BANDS,
        Commodity::Gas => GAS_BANDS,
    }
}

/// Finds the band that prices an annual usage, or `None` above the largest band (a custom quote).
pub fn band_for(commodity: Commodity, annual_usage: u64) -> Option<&'static UsageBand> {
    bands(commodity)
        .iter()
        .find(|band| (band.min..=band.max).contains(&annual_usage))
}

/// One matrix price with its market data resolved, as the pricing and contracting APIs use it.
#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub price_id: PriceId,
    pub supplier: &'static Supplier,
    pub utility: &'static Utility,
    pub zone: &'static Zone,
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

/// A price request: one utility, zone and rate class, one start month and annual usage.
#[derive(Clone, Copy, Debug)]
pub struct PriceQuery {
    pub utility: &'static Utility,
    pub zone: &'static Zone,
    pub rate_class: &'static RateClass,
    pub start_month: StartMonth,
    /// kWh or therms a year.
    pub annual_usage: u64,
    /// Only prices of this term; `None` for every term.
    pub term_months: Option<u32>,
}

/// The result of a price query.
#[derive(Debug)]
pub enum PriceLookup {
    /// Matching rows, cheapest first; empty when no supplier lists the requested term.
    Prices(Vec<MatrixRow>),
    /// The usage is above the largest band, so a supplier must price it by hand.
    CustomQuoteNeeded,
}

/// Every price of one price date, one [`RateTable`] per utility, each built on first use.
#[derive(Debug)]
pub struct RateMatrix {
    pub price_date: NaiveDate,
    pub valid_until: DateTime<Utc>,
    /// By utility position in `market::UTILITIES`.
    tables: Vec<OnceLock<RateTable>>,
}

impl RateMatrix {
    /// Returns the matrix of a price date with no table built yet.
    pub fn new(price_date: NaiveDate) -> RateMatrix {
        let tables = market::UTILITIES.iter().map(|_| OnceLock::new()).collect();
        RateMatrix {
            price_date,
            valid_until: valid_until(price_date),
            tables,
        }
    }

    /// Builds the whole matrix of a price date at once.
    pub fn build(price_date: NaiveDate) -> RateMatrix {
        let matrix = RateMatrix::new(price_date);
        for index in 0..matrix.tables.len() {
            matrix.table(index);
        }
        matrix
    }

    /// Returns the table of the utility at `utility_index`, building it on first use.
    pub fn table(&self, utility_index: usize) -> &RateTable {
        self.tables[utility_index].get_or_init(|| {
            let started = Instant::now();
            let table = RateTable::from_rows(build::utility_rows(self.price_date, utility_index));
            tracing::debug!(
                price_date = %self.price_date,
                utility = market::UTILITIES[utility_index].code,
                rows = table.len(),
                elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
                "built rate table"
            );
            table
        })
    }

    /// Returns the prices for a request, cheapest first.
    pub fn lookup(&self, query: &PriceQuery) -> PriceLookup {
        let Some(key) = self.table_query(query) else {
            return match band_for(query.utility.commodity, query.annual_usage) {
                Some(_) => PriceLookup::Prices(Vec::new()),
                None => PriceLookup::CustomQuoteNeeded,
            };
        };
        match self.table(key.utility as usize).lookup(&key) {
            TableLookup::CustomQuoteNeeded => PriceLookup::CustomQuoteNeeded,
            TableLookup::Rows(rows) => PriceLookup::Prices(rows.into_iter().map(|row| self.resolve(row)).collect()),
        }
    }

    /// Translates a request into table coordinates; `None` when it names something outside the
    /// matrix, like a start month after the last one listed.
    fn table_query(&self, query: &PriceQuery) -> Option<TableQuery> {
        let utility = market::utility_index(query.utility.code)?;
        Some(TableQuery {
            utility: utility as u16,
            zone: query
                .utility
                .zones
                .iter()
                .position(|zone| zone.code == query.zone.code)? as u8,
            rate_class: query
                .utility
                .rate_classes
                .iter()
                .position(|class| class.code == query.rate_class.code)? as u8,
            start_month: self.month_offset(query.start_month)?,
            commodity: query.utility.commodity,
            annual_usage: query.annual_usage,
            term_months: query.term_months,
        })
    }

    /// Months from the price date's own month to `start_month`, if the matrix lists it.
    fn month_offset(&self, start_month: StartMonth) -> Option<u8> {
        let first = StartMonth::of(self.price_date);
        (0..=START_MONTHS_AHEAD)
            .find(|offset| first.plus(*offset) == start_month)
            .map(|offset| offset as u8)
    }

    /// Finds the row a price id was issued for.
    pub fn find(&self, id: &PriceId) -> Option<MatrixRow> {
        if id.price_date != self.price_date {
            return None;
        }
        let utility_index = market::utility_index(&id.utility_code)?;
        let utility = market::UTILITIES[utility_index];
        let key = BucketKey {
            utility: utility_index as u16,
            zone: utility.zones.iter().position(|zone| zone.code == id.zone_code)? as u8,
            rate_class: utility
                .rate_classes
                .iter()
                .position(|class| class.code == id.rate_class_code)? as u8,
            start_month: self.month_offset(id.start_month)?,
            band: id.band,
        };
        let supplier = market::supplier_index(&id.supplier_slug)? as u16;
        let term_months = u8::try_from(id.term_months).ok()?;
        let row = self
            .table(utility_index)
            .find(key, supplier, term_months, id.green_percent)?;
        Some(self.resolve(row))
    }

    /// Resolves a table row's indexes into the market data and its price id.
    fn resolve(&self, row: &TableRow) -> MatrixRow {
        let utility = market::UTILITIES[row.key.utility as usize];
        let zone = &utility.zones[row.key.zone as usize];
        let rate_class = &utility.rate_classes[row.key.rate_class as usize];
        let supplier = &market::SUPPLIERS[row.supplier as usize];
        let start_month = StartMonth::of(self.price_date).plus(u32::from(row.key.start_month));
        let price_id = PriceId {
            price_date: self.price_date,
            utility_code: utility.code.to_owned(),
            zone_code: zone.code.to_owned(),
            rate_class_code: rate_class.code.to_owned(),
            supplier_slug: supplier.slug.to_owned(),
            start_month,
            term_months: u32::from(row.term_months),
            band: row.key.band,
            green_percent: row.green_percent,
        };
        MatrixRow {
            price_id,
            supplier,
            utility,
            zone,
            rate_class,
            band: &bands(utility.commodity)[row.key.band as usize],
            start_month,
            term_months: u32::from(row.term_months),
            green_percent: row.green_percent,
            rate: row.rate(),
            early_termination_fee: f64::from(row.early_termination_fee),
        }
    }

    /// Counts the rows in the tables built so far.
    pub fn built_rows(&self) -> usize {
        self.tables.iter().filter_map(OnceLock::get).map(RateTable::len).sum()
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
            zone: self.zone.code.to_owned(),
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
            disclosure_url: format!(
                "{base_url}/disclosures/{}",
                product_slug(self.supplier, commodity, self.green_percent)
            ),
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

/// Matrices of recent price dates. Only the most recent few are kept.
#[derive(Default)]
pub struct MatrixCache {
    matrices: Mutex<HashMap<NaiveDate, Arc<RateMatrix>>>,
}

/// Today's and tomorrow's matrices, plus one for an old price id being checked.
const CACHED_MATRICES: usize = 3;

impl MatrixCache {
    /// Returns the matrix of a price date. Its tables are built on first use, outside this lock.
    pub fn get(&self, price_date: NaiveDate) -> Arc<RateMatrix> {
        let mut matrices = self.matrices.lock().expect("matrix cache lock poisoned");
        if let Some(matrix) = matrices.get(&price_date) {
            return matrix.clone();
        }

        let matrix = Arc::new(RateMatrix::new(price_date));
        if matrices.len() >= CACHED_MATRICES
            && let Some(oldest) = matrices.keys().min().copied()
        {
            matrices.remove(&oldest);
        }
        matrices.insert(price_date, matrix.clone());
        tracing::info!(%price_date, "started the rate matrix of a new price date");
        matrix
    }

    /// Returns the matrix whose prices apply at `now`.
    pub fn current(&self, now: DateTime<Utc>) -> Arc<RateMatrix> {
        self.get(price_date(now))
    }

    /// Finds the row of a price id and checks that it can still be contracted at `now`.
    pub fn check_price(
        &self,
        price_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(Arc<RateMatrix>, MatrixRow), PriceCheckError> {
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
        let row = matrix.find(&id).ok_or(PriceCheckError::NotFound)?;
        Ok((matrix, row))
    }
}

#[cfg(test)]
mod tests;
