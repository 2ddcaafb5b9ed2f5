//! Builds one utility's rows of a day's matrix from the market data.
//!
//! Prices are synthetic but deterministic: each comes from a stable 64-bit hash of (price date,
//! supplier, utility, zone, start month, rate class, band, term), placed inside the state's
//! supply-only range. Longer terms and larger bands are slightly cheaper, low load factor
//! classes and dear zones dearer, and green products cost a little more.

use chrono::NaiveDate;
use shopper_types::Commodity;

use super::table::{BucketKey, RATE_UNITS_PER_DOLLAR, TableRow};
use super::{START_MONTHS_AHEAD, StartMonth, UsageBand, bands};
use crate::market::{self, RateClass, Supplier, Utility, Zone};

/// Dollars per kWh that a green product adds for each 50% of renewable supply (renewable
/// energy certificates), an estimate.
const GREEN_ADDER_PER_HALF: f64 = 0.002;

/// How much cheaper each month of term makes a price, as a fraction (36 months: 3.6%).
const TERM_DISCOUNT_PER_MONTH: f64 = 0.001;

/// How much cheaper each larger usage band is, as a fraction.
const BAND_DISCOUNT: f64 = 0.02;

/// How much dearer a contract starting in the season of peak demand is, as a fraction: summer
/// for electricity, winter for gas.
const PEAK_SEASON_PREMIUM: f64 = 0.015;

/// Builds every row of one utility for a price date.
pub fn utility_rows(price_date: NaiveDate, utility_index: usize) -> Vec<TableRow> {
    let utility = market::UTILITIES[utility_index];
    let date_hash = stable_hash(0, price_date.format("%Y-%m-%d").to_string().as_bytes());
    let utility_hash = stable_hash(date_hash, utility.code.as_bytes());
    let first_month = StartMonth::of(price_date);
    let mut rows = Vec::new();

    for (zone_index, zone) in utility.zones.iter().enumerate() {
        let zone_hash = stable_hash(utility_hash, zone.code.as_bytes());
        for (class_index, rate_class) in utility.rate_classes.iter().enumerate() {
            for band in bands(utility.commodity)
                .iter()
                .filter(|band| overlaps(rate_class, band))
            {
                for month_offset in 0..=START_MONTHS_AHEAD {
                    let start_month = first_month.plus(month_offset);
                    let key = BucketKey {
                        utility: utility_index as u16,
                        zone: zone_index as u8,
                        rate_class: class_index as u8,
                        start_month: month_offset as u8,
                        band: band.index,
                    };
                    let prices = BucketPrices {
                        utility,
                        zone,
                        rate_class,
                        band,
                        start_month,
                        zone_hash,
                    };
                    prices.push_rows(key, &mut rows);
                }
            }
        }
    }
    rows
}

/// True when a rate class prices some usage inside the band.
fn overlaps(rate_class: &RateClass, band: &UsageBand) -> bool {
    rate_class.min_annual_usage <= band.max && band.min <= rate_class.max_annual_usage
}

/// The coordinates of one bucket, which every supplier prices.
struct BucketPrices<'a> {
    utility: &'a Utility,
    zone: &'a Zone,
    rate_class: &'a RateClass,
    band: &'a UsageBand,
    start_month: StartMonth,
    zone_hash: u64,
}

impl BucketPrices<'_> {
    fn push_rows(&self, key: BucketKey, rows: &mut Vec<TableRow>) {
        let month_hash = stable_hash(self.zone_hash, &[key.start_month]);
        for slug in self.utility.suppliers {
            let supplier_index = market::supplier_index(slug).expect("every utility names suppliers in SUPPLIERS");
            let supplier = &market::SUPPLIERS[supplier_index];
            // The supplier's level for this zone and month, shared by all its products.
            let level_hash = stable_hash(month_hash, supplier.slug.as_bytes());
            let level = unit(level_hash);
            for &green_percent in green_options(supplier, self.utility.commodity) {
                for &term_months in supplier.terms_months {
                    let jitter = unit(stable_hash(
                        level_hash,
                        &[key.rate_class, key.band, term_months as u8, green_percent],
                    ));
                    rows.push(TableRow {
                        key,
                        supplier: supplier_index as u16,
                        term_months: term_months as u8,
                        green_percent,
                        rate_units: self.rate_units(supplier, term_months, green_percent, level, jitter),
                        early_termination_fee: early_termination_fee(self.utility, self.band),
                    });
                }
            }
        }
    }

    /// Computes a supply price strictly inside the state's range for the commodity, in
    /// hundred-thousandths of a dollar.
    fn rate_units(&self, supplier: &Supplier, term_months: u32, green_percent: u8, level: f64, jitter: f64) -> u32 {
        let commodity = self.utility.commodity;
        let state = market::state(self.utility.state).expect("every utility's state is in STATES");
        let (low, high) = state.rate_range(commodity);
        let width = high - low;

        // The supplier's level is in the middle half of the range; each factor then moves it.
        // A second hash over the whole key moves each price by up to ±1%.
        let multiplier = (1.0 + supplier.price_bias)
            * (1.0 + self.zone.price_factor)
            * (1.0 + self.rate_class.price_factor)
            * (1.0 + season_premium(commodity, self.start_month))
            * (1.0 - TERM_DISCOUNT_PER_MONTH * f64::from(term_months))
            * (1.0 - BAND_DISCOUNT * f64::from(self.band.index))
            * (1.0 + 0.02 * (jitter - 0.5));
        let mut raw = (low + width * (0.25 + 0.5 * level)) * multiplier;
        if commodity == Commodity::Electricity {
            raw += GREEN_ADDER_PER_HALF * f64::from(green_percent / 50);
        }

        // A logistic curve keeps every price inside the range without piling prices up at its
        // ends. It is monotonic and nearly linear in the middle, so the factors keep their order.
        let position = (raw - low) / width;
        let squeezed = 1.0 / (1.0 + (-4.0 * (position - 0.5)).exp());

        // Matrix sheets quote electricity to a hundredth of a mill and gas to a hundredth of a cent.
        let units_per_step = match commodity {
            Commodity::Electricity => 1.0,
            Commodity::Gas => 10.0,
        };
        let steps = ((low + width * squeezed) * RATE_UNITS_PER_DOLLAR / units_per_step).round();
        (steps * units_per_step) as u32
    }
}

fn season_premium(commodity: Commodity, start_month: StartMonth) -> f64 {
    let peak = match commodity {
        Commodity::Electricity => (6..=8).contains(&start_month.month),
        Commodity::Gas => matches!(start_month.month, 11 | 12 | 1 | 2),
    };
    if peak { PEAK_SEASON_PREMIUM } else { 0.0 }
}

/// Renewable shares a supplier sells for a commodity; gas products here are all 0% green.
pub fn green_options(supplier: &Supplier, commodity: Commodity) -> &'static [u8] {
    match commodity {
        Commodity::Electricity => supplier.green_options,
        Commodity::Gas => &[0],
    }
}

/// Returns the early termination fee in dollars, larger for larger accounts.
fn early_termination_fee(utility: &Utility, band: &UsageBand) -> u16 {
    // Illinois caps the fee at $50 for small commercial customers (ICC rules, Part 412).
    // NOTE: the size limit of "small commercial" is not verified here, so the whole lowest band
    // gets the cap.
    if utility.state == "IL" && utility.commodity == Commodity::Electricity && band.index == 0 {
        return 50;
    }
    match (utility.commodity, band.index) {
        (Commodity::Electricity, 0) => 150,
        (Commodity::Electricity, 1) => 300,
        (Commodity::Electricity, 2) => 600,
        (Commodity::Electricity, _) => 1_200,
        (Commodity::Gas, 0) => 100,
        (Commodity::Gas, 1) => 250,
        (Commodity::Gas, _) => 500,
    }
}

/// Folds bytes into a hash with FNV-1a and a SplitMix64 finaliser: stable across runs, Rust
/// versions and platforms, unlike `std`'s hasher, and fast in debug builds.
fn stable_hash(seed: u64, bytes: &[u8]) -> u64 {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = FNV_OFFSET ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// Maps a hash to a uniform number in [0, 1).
fn unit(hash: u64) -> f64 {
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_hash_is_fixed() {
        // Guards determinism: prices of a date must not change between builds.
        assert_eq!(stable_hash(0, b""), stable_hash(0, b""));
        assert_ne!(stable_hash(0, b"COMED"), stable_hash(0, b"PECO"));
        assert_ne!(stable_hash(1, b"COMED"), stable_hash(2, b"COMED"));
        // Computed independently from the FNV-1a and SplitMix64 definitions.
        assert_eq!(stable_hash(7, b"2026-07-15"), 0xead3_8e08_9d39_57ae);
    }

    #[test]
    fn unit_is_in_range() {
        for seed in 0..1_000 {
            let value = unit(stable_hash(seed, b"x"));
            assert!((0.0..1.0).contains(&value));
        }
    }
}
