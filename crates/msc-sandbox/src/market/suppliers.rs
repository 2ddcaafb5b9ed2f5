//! Retail suppliers that sell to commercial customers through broker matrices, and the supplier
//! lists of each market.
//!
//! Names are real suppliers active in these markets (broker supplier lists, matrix files and
//! commercial bills); terms, swing, green products and price offsets are synthetic.

use super::Supplier;

const STANDARD_TERMS: &[u32] = &[6, 12, 18, 24, 36];
const LONG_TERMS: &[u32] = &[6, 12, 18, 24, 36, 48, 60];
const GAS_TERMS: &[u32] = &[6, 12, 18, 24, 36];

const fn supplier(
    slug: &'static str,
    name: &'static str,
    terms_months: &'static [u32],
    swing_percent: u8,
    green_options: &'static [u8],
    price_bias: f64,
) -> Supplier {
    Supplier {
        slug,
        name,
        terms_months,
        swing_percent,
        green_options,
        price_bias,
    }
}

pub static SUPPLIERS: &[Supplier] = &[
    supplier("constellation", "Constellation", LONG_TERMS, 25, &[0, 100], 0.02),
    supplier(
        "direct-energy",
        "Direct Energy Business",
        STANDARD_TERMS,
        20,
        &[0, 50],
        0.0,
    ),
    supplier("engie", "ENGIE Resources", LONG_TERMS, 30, &[0, 100], -0.01),
    supplier("aep-energy", "AEP Energy", STANDARD_TERMS, 25, &[0], -0.02),
    supplier(
        "champion",
        "Champion Energy Services",
        STANDARD_TERMS,
        25,
        &[0, 100],
        0.01,
    ),
    supplier(
        "calpine",
        "Calpine Energy Solutions",
        &[12, 24, 36, 48, 60],
        20,
        &[0],
        -0.03,
    ),
    supplier("homefield", "Homefield Energy", STANDARD_TERMS, 25, &[0, 50], 0.0),
    supplier("txu", "TXU Energy", LONG_TERMS, 25, &[0, 100], 0.03),
    supplier("nrg", "NRG Business", STANDARD_TERMS, 30, &[0, 50], 0.01),
    supplier("igs", "IGS Energy", GAS_TERMS, 20, &[0], 0.0),
    supplier("santanna", "Santanna Energy Services", GAS_TERMS, 15, &[0], -0.02),
    supplier("ugi", "UGI Energy Services", GAS_TERMS, 20, &[0], 0.01),
    supplier("energy-harbor", "Energy Harbor", LONG_TERMS, 25, &[0, 100], -0.01),
    supplier("dynegy", "Dynegy", STANDARD_TERMS, 25, &[0], 0.0),
    supplier("wgl", "WGL Energy Services", STANDARD_TERMS, 20, &[0, 50, 100], 0.02),
    supplier(
        "smartest",
        "Smartest Energy US",
        &[12, 18, 24, 36],
        25,
        &[0, 100],
        -0.015,
    ),
    supplier("nextera", "NextEra Energy Services", LONG_TERMS, 30, &[0, 100], 0.0),
    supplier(
        "shell",
        "Shell Energy Solutions",
        &[12, 24, 36, 48],
        20,
        &[0, 100],
        0.015,
    ),
    supplier("first-point", "First Point Power", &[6, 12, 24, 36], 25, &[0], -0.025),
    supplier("summer", "Summer Energy", &[6, 12, 24], 20, &[0, 100], 0.0),
    supplier("hudson", "Hudson Energy", STANDARD_TERMS, 20, &[0], -0.01),
    supplier("agera", "Agera Energy", &[6, 12, 24, 36], 15, &[0, 100], 0.02),
    supplier(
        "great-eastern",
        "Great Eastern Energy",
        STANDARD_TERMS,
        20,
        &[0, 100],
        0.005,
    ),
    supplier("freepoint", "Freepoint Energy Solutions", LONG_TERMS, 30, &[0], -0.02),
    supplier("sprague", "Sprague Energy", GAS_TERMS, 20, &[0], 0.01),
    supplier("gas-south", "Gas South", GAS_TERMS, 20, &[0], -0.01),
    supplier("scana", "SCANA Energy", GAS_TERMS, 20, &[0], 0.01),
    supplier("tiger", "Tiger Natural Gas", GAS_TERMS, 25, &[0], -0.015),
    supplier("mirabito", "Mirabito Natural Gas", &[6, 12, 24], 20, &[0], 0.0),
];

// Suppliers that publish matrix prices in each market.

pub const TEXAS_ELECTRIC: &[&str] = &[
    "champion",
    "direct-energy",
    "engie",
    "txu",
    "nrg",
    "constellation",
    "first-point",
    "shell",
];
pub const TEXAS_ELECTRIC_RURAL: &[&str] = &["champion", "direct-energy", "txu", "nrg", "first-point", "summer"];
pub const ILLINOIS_ELECTRIC: &[&str] = &[
    "constellation",
    "direct-energy",
    "engie",
    "aep-energy",
    "champion",
    "calpine",
    "nextera",
];
pub const AMEREN_ILLINOIS_ELECTRIC: &[&str] = &[
    "constellation",
    "homefield",
    "aep-energy",
    "engie",
    "dynegy",
    "champion",
];
pub const OHIO_ELECTRIC: &[&str] = &[
    "aep-energy",
    "energy-harbor",
    "constellation",
    "direct-energy",
    "igs",
    "dynegy",
    "engie",
    "calpine",
];
pub const PENNSYLVANIA_ELECTRIC: &[&str] = &[
    "constellation",
    "engie",
    "aep-energy",
    "direct-energy",
    "champion",
    "calpine",
    "energy-harbor",
    "nextera",
];
pub const NEW_JERSEY_ELECTRIC: &[&str] = &[
    "constellation",
    "direct-energy",
    "engie",
    "smartest",
    "champion",
    "nextera",
    "agera",
    "hudson",
];
pub const NEW_YORK_ELECTRIC: &[&str] = &[
    "constellation",
    "direct-energy",
    "agera",
    "great-eastern",
    "hudson",
    "smartest",
    "engie",
    "champion",
];
pub const CHESAPEAKE_ELECTRIC: &[&str] = &[
    "constellation",
    "wgl",
    "direct-energy",
    "engie",
    "aep-energy",
    "calpine",
    "nextera",
    "champion",
];
pub const NEW_ENGLAND_ELECTRIC: &[&str] = &[
    "constellation",
    "nextera",
    "direct-energy",
    "engie",
    "smartest",
    "shell",
    "freepoint",
    "calpine",
];

pub const ILLINOIS_GAS: &[&str] = &["constellation", "direct-energy", "igs", "santanna", "tiger"];
pub const OHIO_GAS: &[&str] = &["igs", "direct-energy", "constellation", "santanna", "tiger"];
pub const PENNSYLVANIA_GAS: &[&str] = &["ugi", "igs", "direct-energy", "constellation", "tiger"];
pub const NEW_JERSEY_GAS: &[&str] = &["ugi", "direct-energy", "great-eastern", "constellation", "igs", "agera"];
pub const NEW_YORK_GAS: &[&str] = &[
    "great-eastern",
    "direct-energy",
    "constellation",
    "mirabito",
    "ugi",
    "agera",
];
pub const CHESAPEAKE_GAS: &[&str] = &["wgl", "direct-energy", "constellation", "ugi", "igs"];
pub const GEORGIA_GAS: &[&str] = &["gas-south", "scana", "igs", "constellation", "tiger"];
pub const MASSACHUSETTS_GAS: &[&str] = &["sprague", "direct-energy", "constellation", "tiger", "ugi"];
pub const MICHIGAN_GAS: &[&str] = &["direct-energy", "constellation", "igs", "santanna", "tiger"];
