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

fn matrix() -> RateMatrix {
    RateMatrix::build(date(PRICE_DATE))
}

fn september() -> StartMonth {
    StartMonth::parse("2026-09").unwrap()
}

fn prices<'a>(matrix: &'a RateMatrix, code: &str, usage: u64, term: Option<u32>) -> Vec<&'a MatrixRow> {
    match matrix.lookup(market::utility(code).unwrap(), september(), usage, term) {
        PriceLookup::Prices(rows) => rows,
        PriceLookup::CustomQuoteNeeded => panic!("{code} at {usage} asked for a custom quote"),
    }
}

fn range(utility: &market::Utility) -> (f64, f64) {
    let state = market::state(utility.state).unwrap();
    match utility.commodity {
        Commodity::Electricity => state.electric_rate_range,
        Commodity::Gas => state.gas_rate_range,
    }
}

#[test]
fn every_utility_prices_every_band() {
    let matrix = matrix();
    for utility in UTILITIES {
        let (low, high) = range(utility);
        for band in bands(utility.commodity) {
            let rows = prices(&matrix, utility.code, band.max, None);
            assert!(rows.len() >= 3 * 4, "{} band {} has only {} prices", utility.code, band.index, rows.len());
            for row in rows {
                assert!((low..=high).contains(&row.rate), "{}: rate {} outside {low}..{high}", utility.code, row.rate);
                assert_eq!(row.band, band);
            }
        }
    }
}

#[test]
fn every_start_month_is_priced() {
    let matrix = matrix();
    let comed = market::utility("COMED").unwrap();
    for start_month in start_months(date(PRICE_DATE)) {
        let PriceLookup::Prices(rows) = matrix.lookup(comed, start_month, 50_000, Some(12)) else { panic!("custom quote") };
        assert!(!rows.is_empty(), "no prices starting {start_month}");
        assert!(rows.iter().all(|row| row.start_month == start_month));
    }
}

#[test]
fn prices_are_sorted_by_rate() {
    let matrix = matrix();
    let rows = prices(&matrix, "ONCOR", 80_000, None);
    assert!(rows.windows(2).all(|pair| pair[0].rate <= pair[1].rate));
}

#[test]
fn term_filter_keeps_one_term() {
    let matrix = matrix();
    let rows = prices(&matrix, "PECO", 120_000, Some(24));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|row| row.term_months == 24));
}

#[test]
fn prices_are_deterministic_for_a_date() {
    let first = matrix();
    let second = matrix();
    let rates = |matrix: &RateMatrix| prices(matrix, "COMED", 150_000, None).iter().map(|row| (row.price_id.to_string(), row.rate)).collect::<Vec<_>>();
    assert_eq!(rates(&first), rates(&second));
    assert_eq!(first.len(), second.len());
}

#[test]
fn prices_change_from_day_to_day() {
    let today = matrix();
    let tomorrow = RateMatrix::build(date(PRICE_DATE) + Duration::days(1));
    let today_rates: Vec<f64> = prices(&today, "COMED", 150_000, Some(12)).iter().map(|row| row.rate).collect();
    let tomorrow_rates: Vec<f64> = prices(&tomorrow, "COMED", 150_000, Some(12)).iter().map(|row| row.rate).collect();
    assert_ne!(today_rates, tomorrow_rates);
}

#[test]
fn usage_above_largest_band_needs_custom_quote() {
    let matrix = matrix();
    let comed = market::utility("COMED").unwrap();
    let nicor = market::utility("NICOR").unwrap();
    assert!(matches!(matrix.lookup(comed, september(), 1_000_000, None), PriceLookup::Prices(_)));
    assert!(matches!(matrix.lookup(comed, september(), 1_000_001, None), PriceLookup::CustomQuoteNeeded));
    assert!(matches!(matrix.lookup(nicor, september(), 100_001, None), PriceLookup::CustomQuoteNeeded));
}

#[test]
fn nicor_gas_quotes_in_therms_within_range() {
    let matrix = matrix();
    let rows = prices(&matrix, "NICOR", 12_000, None);
    assert!(!rows.is_empty());
    for row in rows {
        let price_row = row.to_price_row(&matrix, "http://127.0.0.1:9");
        assert_eq!(price_row.unit, EnergyUnit::Therm);
        assert!((0.45..=0.80).contains(&price_row.rate), "{}", price_row.rate);
        assert_eq!((price_row.usage_min, price_row.usage_max), (5_001, 25_000));
        assert_eq!(price_row.green_percent, 0);
    }
}

#[test]
fn electricity_quotes_in_kwh_within_state_ranges() {
    let matrix = matrix();
    for (code, low, high) in [("COMED", 0.06, 0.09), ("ONCOR", 0.06, 0.09), ("PECO", 0.07, 0.10)] {
        for row in prices(&matrix, code, 40_000, None) {
            assert_eq!(row.utility.commodity.unit(), EnergyUnit::Kwh);
            assert!((low..=high).contains(&row.rate), "{code}: {}", row.rate);
        }
    }
}

fn average(rows: &[&MatrixRow]) -> f64 {
    rows.iter().map(|row| row.rate).sum::<f64>() / rows.len() as f64
}

#[test]
fn longer_terms_are_cheaper_on_average() {
    let matrix = matrix();
    let twelve = prices(&matrix, "CENTERPOINT", 200_000, Some(12));
    let thirty_six = prices(&matrix, "CENTERPOINT", 200_000, Some(36));
    assert!(average(&thirty_six) < average(&twelve), "{} vs {}", average(&thirty_six), average(&twelve));
}

#[test]
fn larger_bands_are_cheaper_on_average() {
    let matrix = matrix();
    let small = prices(&matrix, "PPL", 50_000, Some(24));
    let large = prices(&matrix, "PPL", 800_000, Some(24));
    assert!(average(&large) < average(&small), "{} vs {}", average(&large), average(&small));
}

#[test]
fn rate_class_follows_usage() {
    let matrix = matrix();
    assert_eq!(prices(&matrix, "COMED", 90_000, Some(12))[0].rate_class.name, "Small Load (0-100 kW)");
    assert_eq!(prices(&matrix, "COMED", 900_000, Some(12))[0].rate_class.name, "Medium Load (100-400 kW)");
    assert_eq!(prices(&matrix, "ONCOR", 300_000, Some(12))[0].rate_class.name, "BUSLOLF");
}

#[test]
fn price_row_fields() {
    let matrix = matrix();
    let row = prices(&matrix, "COMED", 60_000, Some(12))[0];
    let price_row = row.to_price_row(&matrix, "http://127.0.0.1:9");
    assert_eq!(price_row.valid_until, "2026-07-15T23:00:00Z");
    assert_eq!(price_row.start_month, "2026-09");
    assert_eq!(price_row.utility, "COMED");
    assert_eq!(price_row.zone, "PJM ComEd");
    assert_eq!(price_row.early_termination_fee, 50.0, "Illinois small commercial cap");
    assert!(price_row.disclosure_url.starts_with("http://127.0.0.1:9/disclosures/"));
    assert!([0, 50, 100].contains(&price_row.green_percent));
    assert!(price_row.swing_percent > 0);
}

#[test]
fn every_price_id_finds_its_row() {
    let matrix = matrix();
    for row in prices(&matrix, "TNMP", 300_000, None) {
        let id = PriceId::parse(&row.price_id.to_string()).unwrap();
        let found = matrix.find(&id).unwrap();
        assert_eq!(found.rate, row.rate);
    }
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
    let matrix = cache.current(utc("2026-07-15T15:00:00Z"));
    let id = prices(&matrix, "COMED", 60_000, Some(12))[0].price_id.to_string();
    let result = cache.check_price(&id, utc("2026-07-15T23:00:00Z"));
    assert_eq!(result.unwrap_err(), PriceCheckError::Expired { valid_until: utc("2026-07-15T23:00:00Z") });
}

#[test]
fn check_price_rejects_yesterdays_price() {
    let cache = MatrixCache::default();
    let id = "p1.2026-07-14.COMED.engie.2026-09.12.0.0";
    assert!(matches!(cache.check_price(id, utc("2026-07-15T15:00:00Z")), Err(PriceCheckError::Expired { .. })));
}

#[test]
fn check_price_rejects_ids_never_issued() {
    let cache = MatrixCache::default();
    let now = utc("2026-07-15T15:00:00Z");
    for id in [
        "not-a-price",
        // TXU does not sell in ComEd territory.
        "p1.2026-07-15.COMED.txu.2026-09.12.0.0",
        // Gas products are never green.
        "p1.2026-07-15.NICOR.igs.2026-09.12.0.100",
        "p1.2026-07-15.COMED.engie.2026-09.13.0.0",
        "p1.2026-07-15.COMED.engie.2026-09.12.9.0",
        "p1.2026-07-15.NOPE.engie.2026-09.12.0.0",
        // Start month outside the matrix.
        "p1.2026-07-15.COMED.engie.2028-01.12.0.0",
        // Tomorrow's matrix is not published yet.
        "p1.2026-07-16.COMED.engie.2026-09.12.0.0",
    ] {
        assert_eq!(cache.check_price(id, now).unwrap_err(), PriceCheckError::NotFound, "{id}");
    }
}

#[test]
fn cache_keeps_a_few_matrices() {
    let cache = MatrixCache::default();
    for day in 0..5 {
        cache.get(date(PRICE_DATE) + Duration::days(day));
    }
    assert_eq!(cache.matrices.lock().unwrap().len(), CACHED_MATRICES);
    assert!(cache.matrices.lock().unwrap().contains_key(&(date(PRICE_DATE) + Duration::days(4))));
}

#[test]
fn band_edges() {
    assert_eq!(band_for(Commodity::Electricity, 100_000).unwrap().index, 0);
    assert_eq!(band_for(Commodity::Electricity, 100_001).unwrap().index, 1);
    assert_eq!(band_for(Commodity::Gas, 5_000).unwrap().index, 0);
    assert_eq!(band_for(Commodity::Gas, 25_001).unwrap().index, 2);
    assert!(band_for(Commodity::Gas, 100_001).is_none());
}
