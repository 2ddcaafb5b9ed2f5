//! Prints how long building a day's rate matrix takes, per utility and in total.
//!
//! The sandbox builds one utility's table on the first price request for it each day, so the
//! slowest utility is the longest a request waits. Run in the profile you want to measure:
//! `cargo run -p msc-sandbox --example matrix_build_time` (debug) or add `--release`.

use std::time::Instant;

use chrono::Utc;
use msc_sandbox::market::UTILITIES;
use msc_sandbox::pricing::{RateMatrix, price_date};

fn main() {
    let price_date = price_date(Utc::now());
    let matrix = RateMatrix::new(price_date);

    let started = Instant::now();
    let mut timings: Vec<(f64, &str, usize)> = (0..UTILITIES.len())
        .map(|index| {
            let table_started = Instant::now();
            let rows = matrix.table(index).len();
            (
                table_started.elapsed().as_secs_f64() * 1000.0,
                UTILITIES[index].code,
                rows,
            )
        })
        .collect();
    let total_ms = started.elapsed().as_secs_f64() * 1000.0;

    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "price date {price_date}: {} utilities, {} rows, built in {total_ms:.0} ms",
        UTILITIES.len(),
        matrix.built_rows()
    );
    println!("slowest utilities:");
    for (elapsed_ms, code, rows) in timings.iter().take(5) {
        println!("  {code:<16} {rows:>7} rows  {elapsed_ms:>7.1} ms");
    }
    let median = timings[timings.len() / 2];
    println!(
        "median utility: {} with {} rows in {:.1} ms",
        median.1, median.2, median.0
    );
}
