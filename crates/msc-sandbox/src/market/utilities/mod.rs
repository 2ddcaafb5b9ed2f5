//! Utilities and the ZIP ranges they serve, one module per region.
//!
//! ZIP ranges are hand-picked and approximate: each covers the main city or county of a
//! territory, not every ZIP code a utility serves. Where two utilities serve the same ZIP code
//! (Texas TDSP boundaries, electric and gas utilities), an area lists both. ZIP codes are
//! numbers here, so New England's and New Jersey's leading zero is dropped: 02101 is `2101`.

mod georgia;
mod mid_atlantic;
mod midwest;
mod new_england;
mod new_york;
mod texas;

use std::sync::LazyLock;

use super::{RateClass, Utility, ZipArea, Zone};

/// Every utility in the data. A utility's position is its id in the rate matrix.
pub static UTILITIES: LazyLock<Vec<&'static Utility>> = LazyLock::new(|| {
    [
        texas::UTILITIES,
        midwest::UTILITIES,
        mid_atlantic::UTILITIES,
        new_york::UTILITIES,
        new_england::UTILITIES,
        georgia::UTILITIES,
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// Every ZIP area in the data, in region order.
pub static ZIP_AREAS: LazyLock<Vec<&'static ZipArea>> = LazyLock::new(|| {
    [
        texas::ZIP_AREAS,
        midwest::ZIP_AREAS,
        mid_atlantic::ZIP_AREAS,
        new_york::ZIP_AREAS,
        new_england::ZIP_AREAS,
        georgia::ZIP_AREAS,
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// Usage limits shared by the rate classes, in kWh a year for electricity and therms for gas.
const MAX_ELECTRIC: u64 = 1_000_000;
const MAX_GAS: u64 = 100_000;

const fn zone(code: &'static str, name: &'static str, price_factor: f64) -> Zone {
    Zone {
        code,
        name,
        price_factor,
    }
}

const fn class(
    code: &'static str,
    name: &'static str,
    min_annual_usage: u64,
    max_annual_usage: u64,
    price_factor: f64,
) -> RateClass {
    RateClass {
        code,
        name,
        min_annual_usage,
        max_annual_usage,
        price_factor,
    }
}

const fn area(first_zip: u32, last_zip: u32, served_by: &'static [(&'static str, &'static str)]) -> ZipArea {
    ZipArea {
        first_zip,
        last_zip,
        served_by,
    }
}

/// Builds the single rate class of a gas utility that prices every commercial band alike.
const fn general_gas(code: &'static str, name: &'static str) -> RateClass {
    class(code, name, 0, MAX_GAS, 0.0)
}
