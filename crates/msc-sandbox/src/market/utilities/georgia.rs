//! Georgia: gas choice in Atlanta Gas Light territory, where every customer buys gas from a
//! certified marketer. Atlanta, its suburbs, Macon, Augusta and Savannah are Atlanta Gas Light.

use shopper_types::Commodity::Gas;

use super::{MAX_GAS, area, class, zone};
use crate::market::suppliers::GEORGIA_GAS;
use crate::market::{Utility, ZipArea};

pub static UTILITIES: &[Utility] = &[Utility {
    code: "AGL",
    name: "Atlanta Gas Light",
    state: "GA",
    commodity: Gas,
    zones: &[zone("AGL_CITYGATE", "Atlanta Gas Light city gate", 0.0)],
    rate_classes: &[
        class("SMALL_COMMERCIAL", "Small Commercial Delivery", 0, 25_000, 0.01),
        class("MEDIUM_COMMERCIAL", "Medium Commercial Delivery", 5_001, MAX_GAS, -0.01),
    ],
    suppliers: GEORGIA_GAS,
}];

pub static ZIP_AREAS: &[ZipArea] = &[
    area(30001, 30199, &[("AGL", "AGL_CITYGATE")]),
    area(30301, 30399, &[("AGL", "AGL_CITYGATE")]),
    area(30901, 30999, &[("AGL", "AGL_CITYGATE")]),
    area(31201, 31299, &[("AGL", "AGL_CITYGATE")]),
    area(31401, 31499, &[("AGL", "AGL_CITYGATE")]),
];
