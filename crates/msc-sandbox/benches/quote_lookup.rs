//! Quote lookup in the rate matrix at 10 k, 100 k and 1 M rows.
//!
//! Each size is a synthetic [`RateTable`] built through the same constructor as the day's
//! matrix, with buckets of 112 rows (8 suppliers × 7 terms × 2 products), the largest bucket
//! size in the market data. The measured call is `RateTable::lookup`, which
//! `GET /v2/prices/by-location` makes through `RateMatrix::lookup`. Each iteration requests the
//! next of 1,024 random buckets, so the large tables are not read from a warm cache line. The
//! `market` group measures `RateMatrix::lookup` on today's real data, including turning rows
//! into priced rows with ids.
//!
//! Run: `cargo bench -p msc-sandbox --bench quote_lookup`. Results are in docs/benchmarks.md.

use std::hint::black_box;
use std::time::Duration;

use chrono::Utc;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use msc_sandbox::market;
use msc_sandbox::pricing::table::{BucketKey, TableLookup, TableQuery, TableRow};
use msc_sandbox::pricing::{PriceLookup, PriceQuery, RateMatrix, RateTable, StartMonth, price_date};
use shopper_types::Commodity;

const SUPPLIERS: u16 = 8;
const TERMS: [u8; 7] = [6, 12, 18, 24, 36, 48, 60];
const PRODUCTS: [u8; 2] = [0, 100];
const ROWS_PER_BUCKET: usize = SUPPLIERS as usize * TERMS.len() * PRODUCTS.len();

/// Annual usage in the middle of each electric band, in kWh.
const BAND_USAGE: [u64; 4] = [50_000, 175_000, 375_000, 750_000];

/// A small deterministic generator, so every run measures the same tables and queries.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// Returns the key of the `index`-th bucket, counting through bands, start months, rate classes
/// and zones (4 × 13 × 3 × 3 buckets per synthetic utility), then utilities.
fn bucket_key(index: usize) -> BucketKey {
    let mut rest = index;
    let band = (rest % 4) as u8;
    rest /= 4;
    let start_month = (rest % 13) as u8;
    rest /= 13;
    let rate_class = (rest % 3) as u8;
    rest /= 3;
    let zone = (rest % 3) as u8;
    rest /= 3;
    BucketKey {
        utility: rest as u16,
        zone,
        rate_class,
        start_month,
        band,
    }
}

/// Builds a table of about `rows` rows with random rates.
fn synthetic_table(rows: usize, random: &mut SplitMix) -> (RateTable, usize) {
    let buckets = rows.div_ceil(ROWS_PER_BUCKET);
    let mut table_rows = Vec::with_capacity(buckets * ROWS_PER_BUCKET);
    for bucket in 0..buckets {
        let key = bucket_key(bucket);
        for supplier in 0..SUPPLIERS {
            for &green_percent in &PRODUCTS {
                for &term_months in &TERMS {
                    // $0.06000 to $0.08999 per kWh.
                    let rate_units = 6_000 + (random.next() % 3_000) as u32;
                    table_rows.push(TableRow {
                        key,
                        supplier,
                        term_months,
                        green_percent,
                        rate_units,
                        early_termination_fee: 300,
                    });
                }
            }
        }
    }
    (RateTable::from_rows(table_rows), buckets)
}

fn random_queries(buckets: usize, term_months: Option<u32>, random: &mut SplitMix) -> Vec<TableQuery> {
    (0..1_024)
        .map(|_| {
            let key = bucket_key(random.below(buckets));
            TableQuery {
                utility: key.utility,
                zone: key.zone,
                rate_class: key.rate_class,
                start_month: key.start_month,
                commodity: Commodity::Electricity,
                annual_usage: BAND_USAGE[key.band as usize],
                term_months,
            }
        })
        .collect()
}

fn table_lookup(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("table_lookup");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    let mut random = SplitMix(0x5eed);

    for rows in [10_000, 100_000, 1_000_000] {
        let (table, buckets) = synthetic_table(rows, &mut random);
        assert_eq!(buckets * ROWS_PER_BUCKET, table.len());

        for (label, term_months) in [("all_terms", None), ("term_12", Some(12))] {
            let queries = random_queries(buckets, term_months, &mut random);
            let mut next = 0;
            group.bench_with_input(BenchmarkId::new(label, table.len()), &table, |bencher, table| {
                bencher.iter(|| {
                    let query = &queries[next % queries.len()];
                    next += 1;
                    let TableLookup::Rows(rows) = table.lookup(black_box(query)) else {
                        panic!("custom quote")
                    };
                    assert!(!rows.is_empty());
                    black_box(rows)
                })
            });
        }

        // The lookup plus reading every returned rate, as turning the rows into a response does:
        // this adds the memory reads of the bucket itself.
        let queries = random_queries(buckets, None, &mut random);
        let mut next = 0;
        group.bench_with_input(
            BenchmarkId::new("all_terms_read_rates", table.len()),
            &table,
            |bencher, table| {
                bencher.iter(|| {
                    let query = &queries[next % queries.len()];
                    next += 1;
                    let TableLookup::Rows(rows) = table.lookup(black_box(query)) else {
                        panic!("custom quote")
                    };
                    black_box(rows.iter().map(|row| row.rate()).sum::<f64>())
                })
            },
        );
    }
    group.finish();
}

fn market_lookup(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("market_lookup");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);

    let price_date = price_date(Utc::now());
    let matrix = RateMatrix::build(price_date);
    for code in ["COMED", "ONCOR"] {
        let utility = market::utility(code).unwrap();
        let query = PriceQuery {
            utility,
            zone: &utility.zones[0],
            rate_class: utility.rate_class_for(150_000).unwrap(),
            start_month: StartMonth::of(price_date).plus(1),
            annual_usage: 150_000,
            term_months: None,
        };
        group.bench_function(BenchmarkId::new("all_terms", code), |bencher| {
            bencher.iter(|| {
                let PriceLookup::Prices(rows) = matrix.lookup(black_box(&query)) else {
                    panic!("custom quote")
                };
                black_box(rows)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, table_lookup, market_lookup);
criterion_main!(benches);
