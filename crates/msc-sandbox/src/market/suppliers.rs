//! Retail suppliers that sell to commercial customers through broker matrices.
//!
//! Names are real suppliers active in these markets; terms, swing, green products and price
//! offsets are synthetic.

use super::Supplier;

const STANDARD_TERMS: &[u32] = &[6, 12, 18, 24, 36];
const LONG_TERMS: &[u32] = &[6, 12, 18, 24, 36, 48, 60];
const GAS_TERMS: &[u32] = &[6, 12, 18, 24, 36];

pub static SUPPLIERS: &[Supplier] = &[
    Supplier {
        slug: "constellation",
        name: "Constellation",
        terms_months: LONG_TERMS,
        swing_percent: 25,
        green_options: &[0, 100],
        price_bias: 0.02,
    },
    Supplier {
        slug: "direct-energy",
        name: "Direct Energy Business",
        terms_months: STANDARD_TERMS,
        swing_percent: 20,
        green_options: &[0, 50],
        price_bias: 0.0,
    },
    Supplier {
        slug: "engie",
        name: "ENGIE Resources",
        terms_months: LONG_TERMS,
        swing_percent: 30,
        green_options: &[0, 100],
        price_bias: -0.01,
    },
    Supplier {
        slug: "aep-energy",
        name: "AEP Energy",
        terms_months: STANDARD_TERMS,
        swing_percent: 25,
        green_options: &[0],
        price_bias: -0.02,
    },
    Supplier {
        slug: "champion",
        name: "Champion Energy Services",
        terms_months: STANDARD_TERMS,
        swing_percent: 25,
        green_options: &[0, 100],
        price_bias: 0.01,
    },
    Supplier {
        slug: "calpine",
        name: "Calpine Energy Solutions",
        terms_months: &[12, 24, 36, 48, 60],
        swing_percent: 20,
        green_options: &[0],
        price_bias: -0.03,
    },
    Supplier {
        slug: "homefield",
        name: "Homefield Energy",
        terms_months: STANDARD_TERMS,
        swing_percent: 25,
        green_options: &[0, 50],
        price_bias: 0.0,
    },
    Supplier {
        slug: "txu",
        name: "TXU Energy",
        terms_months: LONG_TERMS,
        swing_percent: 25,
        green_options: &[0, 100],
        price_bias: 0.03,
    },
    Supplier {
        slug: "nrg",
        name: "NRG Business",
        terms_months: STANDARD_TERMS,
        swing_percent: 30,
        green_options: &[0, 50],
        price_bias: 0.01,
    },
    Supplier {
        slug: "igs",
        name: "IGS Energy",
        terms_months: GAS_TERMS,
        swing_percent: 20,
        green_options: &[0],
        price_bias: 0.0,
    },
    Supplier {
        slug: "santanna",
        name: "Santanna Energy Services",
        terms_months: GAS_TERMS,
        swing_percent: 15,
        green_options: &[0],
        price_bias: -0.02,
    },
    Supplier {
        slug: "ugi",
        name: "UGI Energy Services",
        terms_months: GAS_TERMS,
        swing_percent: 20,
        green_options: &[0],
        price_bias: 0.01,
    },
];
