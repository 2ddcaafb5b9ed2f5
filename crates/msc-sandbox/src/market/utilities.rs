//! Utilities and the ZIP ranges they serve.
//!
//! ZIP ranges are hand-picked and approximate: Chicago (606xx) is ComEd with Peoples Gas, the
//! suburbs and Rockford are ComEd with Nicor Gas, central Illinois is Ameren Illinois. In Texas,
//! Houston is CenterPoint, Dallas–Fort Worth, Waco and Midland–Odessa are Oncor, and some
//! Gulf-coast ZIPs (77539, 77581, 77584) and Lewisville (75057, 75067) also have TNMP wires.
//! Philadelphia is PECO electric (its gas utility, PGW, is not in the data); PECO's suburban
//! counties also have PECO gas; Allentown, Harrisburg, Lancaster and Scranton are PPL.

use shopper_types::Commodity::{Electricity, Gas};

use super::{RateClass, Utility, ZipArea};

/// ERCOT business load profiles by annual usage: non-demand, then low and medium load factor.
const ERCOT_PROFILES: &[RateClass] = &[
    RateClass { name: "BUSNODEM", max_annual_usage: 100_000 },
    RateClass { name: "BUSLOLF", max_annual_usage: 500_000 },
    RateClass { name: "BUSMEDLF", max_annual_usage: 1_000_000 },
];

const TX_SUPPLIERS: &[&str] = &["champion", "direct-energy", "engie", "txu", "nrg", "constellation"];

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "COMED",
        name: "ComEd",
        state: "IL",
        commodity: Electricity,
        zone: "PJM ComEd",
        rate_classes: &[
            RateClass { name: "Small Load (0-100 kW)", max_annual_usage: 250_000 },
            RateClass { name: "Medium Load (100-400 kW)", max_annual_usage: 1_000_000 },
        ],
        suppliers: &["constellation", "direct-energy", "engie", "aep-energy", "champion", "calpine"],
    },
    Utility {
        code: "AMEREN_IL",
        name: "Ameren Illinois",
        state: "IL",
        commodity: Electricity,
        zone: "MISO Zone 4",
        rate_classes: &[
            RateClass { name: "DS-2 Small General Delivery", max_annual_usage: 250_000 },
            RateClass { name: "DS-3 General Delivery", max_annual_usage: 1_000_000 },
        ],
        suppliers: &["constellation", "homefield", "aep-energy", "engie"],
    },
    Utility {
        code: "NICOR",
        name: "Nicor Gas",
        state: "IL",
        commodity: Gas,
        zone: "Nicor city gate",
        rate_classes: &[
            RateClass { name: "Rate 4 General Service", max_annual_usage: 25_000 },
            RateClass { name: "Rate 5 Seasonal Use", max_annual_usage: 100_000 },
        ],
        suppliers: &["constellation", "direct-energy", "igs", "santanna"],
    },
    Utility {
        code: "PEOPLES_GAS",
        name: "Peoples Gas",
        state: "IL",
        commodity: Gas,
        zone: "Peoples Gas city gate",
        rate_classes: &[
            RateClass { name: "S.C. 2 General Service", max_annual_usage: 100_000 },
        ],
        suppliers: &["constellation", "direct-energy", "igs", "santanna"],
    },
    Utility {
        code: "ONCOR",
        name: "Oncor",
        state: "TX",
        commodity: Electricity,
        zone: "LZ_NORTH",
        rate_classes: ERCOT_PROFILES,
        suppliers: TX_SUPPLIERS,
    },
    Utility {
        code: "CENTERPOINT",
        name: "CenterPoint",
        state: "TX",
        commodity: Electricity,
        zone: "LZ_HOUSTON",
        rate_classes: ERCOT_PROFILES,
        suppliers: TX_SUPPLIERS,
    },
    Utility {
        code: "AEP_TX_CENTRAL",
        name: "AEP Texas Central",
        state: "TX",
        commodity: Electricity,
        zone: "LZ_SOUTH",
        rate_classes: ERCOT_PROFILES,
        suppliers: &["champion", "direct-energy", "txu", "nrg"],
    },
    Utility {
        code: "AEP_TX_NORTH",
        name: "AEP Texas North",
        state: "TX",
        commodity: Electricity,
        zone: "LZ_WEST",
        rate_classes: ERCOT_PROFILES,
        suppliers: &["champion", "direct-energy", "txu", "nrg"],
    },
    Utility {
        code: "TNMP",
        name: "TNMP",
        state: "TX",
        commodity: Electricity,
        zone: "LZ_NORTH",
        rate_classes: ERCOT_PROFILES,
        suppliers: &["champion", "direct-energy", "engie", "txu"],
    },
    Utility {
        code: "PECO",
        name: "PECO",
        state: "PA",
        commodity: Electricity,
        zone: "PJM PECO",
        rate_classes: &[
            RateClass { name: "GS General Service", max_annual_usage: 500_000 },
            RateClass { name: "PD Primary Distribution", max_annual_usage: 1_000_000 },
        ],
        suppliers: &["constellation", "engie", "aep-energy", "direct-energy", "champion", "calpine"],
    },
    Utility {
        code: "PECO_GAS",
        name: "PECO Gas",
        state: "PA",
        commodity: Gas,
        zone: "PECO city gate",
        rate_classes: &[
            RateClass { name: "GC General Service Commercial", max_annual_usage: 100_000 },
        ],
        suppliers: &["ugi", "igs", "direct-energy", "constellation"],
    },
    Utility {
        code: "PPL",
        name: "PPL Electric",
        state: "PA",
        commodity: Electricity,
        zone: "PJM PPL",
        rate_classes: &[
            RateClass { name: "GS-1 Small General Service", max_annual_usage: 250_000 },
            RateClass { name: "GS-3 Large General Service", max_annual_usage: 1_000_000 },
        ],
        suppliers: &["engie", "constellation", "champion", "aep-energy", "igs"],
    },
];

const fn area(first_zip: u32, last_zip: u32, utility_codes: &'static [&'static str]) -> ZipArea {
    ZipArea { first_zip, last_zip, utility_codes }
}

pub static ZIP_AREAS: &[ZipArea] = &[
    // Illinois
    area(60601, 60699, &["COMED", "PEOPLES_GAS"]),
    area(60004, 60199, &["COMED", "NICOR"]),
    area(60401, 60599, &["COMED", "NICOR"]),
    area(61001, 61199, &["COMED", "NICOR"]),
    area(61501, 61699, &["AMEREN_IL"]),
    area(61801, 61899, &["AMEREN_IL"]),
    area(62501, 62799, &["AMEREN_IL"]),
    // Texas
    area(75001, 75499, &["ONCOR"]),
    area(75057, 75057, &["TNMP"]),
    area(75067, 75067, &["TNMP"]),
    area(76001, 76299, &["ONCOR"]),
    area(76501, 76799, &["ONCOR"]),
    area(79701, 79799, &["ONCOR"]),
    area(77001, 77299, &["CENTERPOINT"]),
    area(77401, 77499, &["CENTERPOINT"]),
    area(77501, 77598, &["CENTERPOINT"]),
    area(77539, 77539, &["TNMP"]),
    area(77581, 77581, &["TNMP"]),
    area(77584, 77584, &["TNMP"]),
    area(77901, 77999, &["AEP_TX_CENTRAL"]),
    area(78040, 78049, &["AEP_TX_CENTRAL"]),
    area(78401, 78499, &["AEP_TX_CENTRAL"]),
    area(78501, 78599, &["AEP_TX_CENTRAL"]),
    area(79601, 79699, &["AEP_TX_NORTH"]),
    area(76901, 76909, &["AEP_TX_NORTH"]),
    // Pennsylvania
    area(19101, 19199, &["PECO"]),
    area(19001, 19099, &["PECO", "PECO_GAS"]),
    area(19301, 19399, &["PECO", "PECO_GAS"]),
    area(19401, 19499, &["PECO", "PECO_GAS"]),
    area(18901, 18999, &["PECO", "PECO_GAS"]),
    area(18101, 18199, &["PPL"]),
    area(17101, 17199, &["PPL"]),
    area(17601, 17699, &["PPL"]),
    area(18501, 18599, &["PPL"]),
];
