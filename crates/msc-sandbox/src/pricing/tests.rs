use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use shopper_types::{Commodity, EnergyUnit};

use super::*;
use crate::market::{self, UTILITIES};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

const PRICE_DATE: &str = "2026-07-15";

/// The whole matrix of [`PRICE_DATE`], built once for all tests of this module.
static MATRIX: LazyLock<RateMatrix> = LazyLock::new(|| RateMatrix::build(date(PRICE_DATE)));

fn september() -> StartMonth {
    StartMonth::parse("2026-09").unwrap()
}

/// Prices for a utility's first zone and the default rate class of the usage.
fn query(code: &str, usage: u64, term_months: Option<u32>) -> PriceQuery {
    let utility = market::utility(code).unwrap();
    let rate_class = utility.rate_class_for(usage.min(1_000_000)).unwrap();
    PriceQuery {
        utility,
        zone: &utility.zones[0],
        rate_class,
        start_month: september(),
        annual_usage: usage,
        term_months,
    }
}

fn prices(matrix: &RateMatrix, code: &str, usage: u64, term: Option<u32>) -> Vec<MatrixRow> {
    match matrix.lookup(&query(code, usage, term)) {
        PriceLookup::Prices(rows) => rows,
        PriceLookup::CustomQuoteNeeded => panic!("{code} at {usage} asked for a custom quote"),
    }
}

fn range(utility: &market::Utility) -> (f64, f64) {
    market::state(utility.state).unwrap().rate_range(utility.commodity)
}

#[test]
fn every_bucket_is_priced_within_the_state_range() {
    for utility in UTILITIES.iter() {
        let (low, high) = range(utility);
        for zone in utility.zones {
            for rate_class in utility.rate_classes {
                for band in bands(utility.commodity)
                    .iter()
                    .filter(|band| rate_class.covers(band.max) || rate_class.covers(band.min))
                {
                    let usage = band
                        .max
                        .min(rate_class.max_annual_usage)
                        .max(rate_class.min_annual_usage);
                    let query = PriceQuery {
                        utility,
                        zone,
                        rate_class,
                        start_month: september(),
                        annual_usage: usage,
                        term_months: None,
                    };
                    let PriceLookup::Prices(rows) = MATRIX.lookup(&query) else {
                        panic!("custom quote")
                    };
                    let label = format!("{} {} {} band {}", utility.code, zone.code, rate_class.code, band.index);
                    assert!(rows.len() >= 5 * 4, "{label}: only {} prices", rows.len());
                    for row in rows {
                        assert!(low < row.rate, "{label}: rate {} below {low}", row.rate);
                        assert!(row.rate < high, "{label}: rate {} above {high}", row.rate);
                        assert_eq!(row.band, band, "{label}");
                        assert_eq!(row.rate_class.code, rate_class.code, "{label}");
                        assert_eq!(row.zone.code, zone.code, "{label}");
                    }
                }
            }
        }
    }
}

#[test]
fn matrix_spans_every_dimension() {
    let rows = MATRIX.built_rows();
    assert!(rows > 200_000, "{rows} rows");
    let terms: std::collections::BTreeSet<u32> = prices(&MATRIX, "ONCOR", 300_000, None)
        .iter()
        .map(|row| row.term_months)
        .collect();
    assert_eq!(terms.first(), Some(&6));
    assert_eq!(terms.last(), Some(&60));
}

#[test]
fn every_start_month_is_priced() {
    let comed = market::utility("COMED").unwrap();
    for start_month in start_months(date(PRICE_DATE)) {
        let query = PriceQuery {
            start_month,
            ..query("COMED", 50_000, Some(12))
        };
        let PriceLookup::Prices(rows) = MATRIX.lookup(&query) else {
            panic!("custom quote")
        };
        assert!(!rows.is_empty(), "no prices starting {start_month}");
        assert!(
            rows.iter()
                .all(|row| row.start_month == start_month && row.utility.code == comed.code)
        );
    }
}

#[test]
fn start_month_outside_the_matrix_has_no_prices() {
    let query = PriceQuery {
        start_month: StartMonth::parse("2027-08").unwrap(),
        ..query("COMED", 50_000, None)
    };
    assert!(matches!(MATRIX.lookup(&query), PriceLookup::Prices(rows) if rows.is_empty()));
}

#[test]
fn prices_are_sorted_by_rate() {
    let rows = prices(&MATRIX, "ONCOR", 80_000, None);
    assert!(rows.windows(2).all(|pair| pair[0].rate <= pair[1].rate));
}

#[test]
fn term_filter_keeps_one_term() {
    let rows = prices(&MATRIX, "PECO", 120_000, Some(24));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|row| row.term_months == 24));
}

#[test]
fn lazy_tables_match_the_full_build() {
    let lazy = RateMatrix::new(date(PRICE_DATE));
    assert_eq!(lazy.built_rows(), 0);
    let rates = |matrix: &RateMatrix| {
        prices(matrix, "COMED", 150_000, None)
            .iter()
            .map(|row| (row.price_id.to_string(), row.rate))
            .collect::<Vec<_>>()
    };
    assert_eq!(rates(&lazy), rates(&MATRIX));
    let comed = market::utility_index("COMED").unwrap();
    assert_eq!(
        lazy.built_rows(),
        MATRIX.table(comed).len(),
        "only ComEd's table is built"
    );
}

#[test]
fn prices_change_from_day_to_day() {
    let tomorrow = RateMatrix::new(date(PRICE_DATE) + Duration::days(1));
    let today_rates: Vec<f64> = prices(&MATRIX, "COMED", 150_000, Some(12))
        .iter()
        .map(|row| row.rate)
        .collect();
    let tomorrow_rates: Vec<f64> = prices(&tomorrow, "COMED", 150_000, Some(12))
        .iter()
        .map(|row| row.rate)
        .collect();
    assert_ne!(today_rates, tomorrow_rates);
}

#[test]
fn usage_above_largest_band_needs_custom_quote() {
    assert!(matches!(
        MATRIX.lookup(&query("COMED", 1_000_000, None)),
        PriceLookup::Prices(_)
    ));
    assert!(matches!(
        MATRIX.lookup(&query("COMED", 1_000_001, None)),
        PriceLookup::CustomQuoteNeeded
    ));
    let nicor = PriceQuery {
        annual_usage: 100_001,
        ..query("NICOR", 90_000, None)
    };
    assert!(matches!(MATRIX.lookup(&nicor), PriceLookup::CustomQuoteNeeded));
}

#[test]
fn nicor_gas_quotes_in_therms_within_range() {
    let rows = prices(&MATRIX, "NICOR", 12_000, None);
    assert!(rows.len() >= 5 * 5, "{} prices", rows.len());
    for row in rows {
        let price_row = row.to_price_row(&MATRIX, "http://127.0.0.1:9");
        assert_eq!(price_row.unit, EnergyUnit::Therm);
        assert!((0.45..=0.80).contains(&price_row.rate), "{}", price_row.rate);
        assert_eq!((price_row.usage_min, price_row.usage_max), (5_001, 25_000));
        assert_eq!(price_row.green_percent, 0);
        assert_eq!(price_row.rate_class, "Rate 4 General Service");
    }
}

fn average(rows: &[MatrixRow]) -> f64 {
    rows.iter().map(|row| row.rate).sum::<f64>() / rows.len() as f64
}

#[test]
fn longer_terms_are_cheaper_on_average() {
    let twelve = prices(&MATRIX, "CENTERPOINT", 200_000, Some(12));
    let thirty_six = prices(&MATRIX, "CENTERPOINT", 200_000, Some(36));
    assert!(
        average(&thirty_six) < average(&twelve),
        "{} vs {}",
        average(&thirty_six),
        average(&twelve)
    );
}

#[test]
fn larger_bands_are_cheaper_on_average() {
    let rate_class = market::utility("PPL").unwrap().rate_class("GS-3").unwrap();
    let small = MATRIX.lookup(&PriceQuery {
        rate_class,
        ..query("PPL", 150_000, Some(24))
    });
    let large = MATRIX.lookup(&PriceQuery {
        rate_class,
        ..query("PPL", 800_000, Some(24))
    });
    let (PriceLookup::Prices(small), PriceLookup::Prices(large)) = (small, large) else {
        panic!("custom quote")
    };
    assert!(
        average(&large) < average(&small),
        "{} vs {}",
        average(&large),
        average(&small)
    );
}

#[test]
fn high_load_factor_is_cheaper_than_low() {
    let oncor = market::utility("ONCOR").unwrap();
    let class_prices = |code: &str| {
        let query = PriceQuery {
            rate_class: oncor.rate_class(code).unwrap(),
            ..query("ONCOR", 300_000, Some(12))
        };
        match MATRIX.lookup(&query) {
            PriceLookup::Prices(rows) => average(&rows),
            PriceLookup::CustomQuoteNeeded => panic!("custom quote"),
        }
    };
    assert!(class_prices("BUSHILF") < class_prices("BUSLOLF"));
}

#[test]
fn zones_price_differently() {
    let coned = market::utility("CONED").unwrap();
    let zone_prices = |code: &str| {
        let query = PriceQuery {
            zone: coned.zone(code).unwrap(),
            ..query("CONED", 300_000, Some(12))
        };
        match MATRIX.lookup(&query) {
            PriceLookup::Prices(rows) => rows,
            PriceLookup::CustomQuoteNeeded => panic!("custom quote"),
        }
    };
    let city = zone_prices("NYISO_J");
    let westchester = zone_prices("NYISO_I");
    assert!(city.iter().all(|row| row.zone.code == "NYISO_J"));
    assert!(
        average(&westchester) < average(&city),
        "{} vs {}",
        average(&westchester),
        average(&city)
    );
}

#[test]
fn price_row_fields() {
    let row = &prices(&MATRIX, "COMED", 60_000, Some(12))[0];
    let price_row = row.to_price_row(&MATRIX, "http://127.0.0.1:9");
    assert_eq!(price_row.valid_until, "2026-07-15T23:00:00Z");
    assert_eq!(price_row.start_month, "2026-09");
    assert_eq!(price_row.utility, "COMED");
    assert_eq!(price_row.zone, "COMED");
    assert_eq!(price_row.rate_class, "Small Load (0-100 kW)");
    assert_eq!(price_row.early_termination_fee, 50.0, "Illinois small commercial cap");
    assert!(price_row.disclosure_url.starts_with("http://127.0.0.1:9/disclosures/"));
    assert!([0, 50, 100].contains(&price_row.green_percent));
    assert!(price_row.swing_percent > 0);
    assert!(
        price_row.price_id.starts_with("p2.2026-07-15.COMED.COMED.SMALL_LOAD."),
        "{}",
        price_row.price_id
    );
}

#[test]
fn every_price_id_finds_its_row() {
    for code in ["TNMP", "CONED", "AGL", "EVERSOURCE_MA"] {
        for row in prices(&MATRIX, code, 20_000, None) {
            let id = PriceId::parse(&row.price_id.to_string()).unwrap();
            let found = MATRIX.find(&id).unwrap();
            assert_eq!(found.rate, row.rate);
            assert_eq!(found.price_id, row.price_id);
        }
    }
}

fn first_comed_id(matrix: &RateMatrix) -> String {
    prices(matrix, "COMED", 60_000, Some(12))[0].price_id.to_string()
}

#[test]
fn check_price_accepts_a_current_price() {
    let cache = MatrixCache::default();
    let now = utc("2026-07-15T15:00:00Z");
    let matrix = cache.current(now);
    let row = prices(&matrix, "COMED", 60_000, Some(12))[0].clone();
    let (_, checked) = cache.check_price(&row.price_id.to_string(), now).unwrap();
    assert_eq!(checked.rate, row.rate);
}

#[test]
fn check_price_rejects_after_6_pm_central() {
    let cache = MatrixCache::default();
    let id = first_comed_id(&cache.current(utc("2026-07-15T15:00:00Z")));
    let result = cache.check_price(&id, utc("2026-07-15T23:00:00Z"));
    assert_eq!(
        result.unwrap_err(),
        PriceCheckError::Expired {
            valid_until: utc("2026-07-15T23:00:00Z")
        }
    );
}

#[test]
fn check_price_rejects_yesterdays_price() {
    let cache = MatrixCache::default();
    let yesterday = RateMatrix::new(date("2026-07-14"));
    let id = first_comed_id(&yesterday);
    assert!(matches!(
        cache.check_price(&id, utc("2026-07-15T15:00:00Z")),
        Err(PriceCheckError::Expired { .. })
    ));
}

#[test]
fn check_price_rejects_ids_never_issued() {
    let cache = MatrixCache::default();
    let now = utc("2026-07-15T15:00:00Z");
    for id in [
        "not-a-price",
        // TXU does not sell in ComEd territory.
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.txu.2026-09.12.0.0",
        // Gas products are never green.
        "p2.2026-07-15.NICOR.NICOR_CITYGATE.RATE_4.igs.2026-09.12.0.100",
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.13.0.0",
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.9.0",
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.600.0.0",
        // The small-load class does not price the largest band.
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.3.0",
        "p2.2026-07-15.COMED.NCENT.SMALL_LOAD.engie.2026-09.12.0.0",
        "p2.2026-07-15.COMED.COMED.BUSLOLF.engie.2026-09.12.0.0",
        "p2.2026-07-15.NOPE.COMED.SMALL_LOAD.engie.2026-09.12.0.0",
        // Start month outside the matrix.
        "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2028-01.12.0.0",
        // Tomorrow's matrix is not published yet.
        "p2.2026-07-16.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.0",
    ] {
        assert_eq!(
            cache.check_price(id, now).unwrap_err(),
            PriceCheckError::NotFound,
            "{id}"
        );
    }
}

#[test]
fn cache_keeps_a_few_matrices() {
    let cache = MatrixCache::default();
    for day in 0..5 {
        cache.get(date(PRICE_DATE) + Duration::days(day));
    }
    assert_eq!(cache.matrices.lock().unwrap().len(), CACHED_MATRICES);
    assert!(
        cache
            .matrices
            .lock()
            .unwrap()
            .contains_key(&(date(PRICE_DATE) + Duration::days(4)))
    );
}

#[test]
fn band_edges() {
    assert_eq!(band_for(Commodity::Electricity, 100_000).unwrap().index, 0);
    assert_eq!(band_for(Commodity::Electricity, 100_001).unwrap().index, 1);
    assert_eq!(band_for(Commodity::Gas, 5_000).unwrap().index, 0);
    assert_eq!(band_for(Commodity::Gas, 25_001).unwrap().index, 2);
    assert!(band_for(Commodity::Gas, 100_001).is_none());
}
