//! New York (NYISO).
//!
//! Suppliers price by NYISO load zone: A West (Buffalo), B Genesee (Rochester), C Central
//! (Syracuse, Binghamton, Ithaca), E Mohawk Valley (Utica), F Capital (Albany), G Hudson Valley,
//! I Dunwoodie (southern Westchester), J New York City, K Long Island. New York City and
//! Westchester are Con Edison. Gas in Brooklyn, Queens and Staten Island is National Grid
//! (KEDNY), and in Manhattan, the Bronx and Westchester Con Edison. Upstate: National Grid (Niagara
//! Mohawk) in Buffalo, Syracuse, Utica and Albany, NYSEG in Binghamton, Ithaca and Elmira, RG&E
//! in Rochester, Central Hudson in Poughkeepsie and Kingston, O&R in Rockland County, PSEG Long
//! Island on Long Island, and National Fuel Gas in Buffalo.

use shopper_types::Commodity::{Electricity, Gas};

use super::{MAX_ELECTRIC, area, class, general_gas, zone};
use crate::market::suppliers::{NEW_YORK_ELECTRIC, NEW_YORK_GAS};
use crate::market::{Utility, ZipArea, Zone};

const ZONE_A: Zone = zone("NYISO_A", "NYISO Zone A (West)", -0.06);
const ZONE_B: Zone = zone("NYISO_B", "NYISO Zone B (Genesee)", -0.05);
const ZONE_C: Zone = zone("NYISO_C", "NYISO Zone C (Central)", -0.05);
const ZONE_E: Zone = zone("NYISO_E", "NYISO Zone E (Mohawk Valley)", -0.04);
const ZONE_F: Zone = zone("NYISO_F", "NYISO Zone F (Capital)", -0.03);
const ZONE_G: Zone = zone("NYISO_G", "NYISO Zone G (Hudson Valley)", 0.0);
const ZONE_I: Zone = zone("NYISO_I", "NYISO Zone I (Dunwoodie)", 0.02);
const ZONE_J: Zone = zone("NYISO_J", "NYISO Zone J (New York City)", 0.04);
const ZONE_K: Zone = zone("NYISO_K", "NYISO Zone K (Long Island)", 0.03);

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "CONED",
        name: "Con Edison",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_J, ZONE_I],
        rate_classes: &[
            class("SC2", "SC 2 General Small", 0, 100_000, 0.02),
            class("SC9", "SC 9 General Large", 50_001, MAX_ELECTRIC, 0.0),
        ],
        suppliers: NEW_YORK_ELECTRIC,
    },
    Utility {
        code: "CONED_GAS",
        name: "Con Edison Gas",
        state: "NY",
        commodity: Gas,
        zones: &[zone("CONED_CITYGATE", "Con Edison city gate", 0.02)],
        rate_classes: &[general_gas("SC2", "SC 2 General Firm Sales")],
        suppliers: NEW_YORK_GAS,
    },
    Utility {
        code: "NATGRID_NY",
        name: "National Grid (Upstate New York)",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_A, ZONE_C, ZONE_E, ZONE_F],
        rate_classes: &[
            class("SC2-ND", "SC 2 Small General Non-Demand", 0, 100_000, 0.02),
            class("SC2-D", "SC 2 Small General Demand", 50_001, 500_000, 0.0),
            class("SC3", "SC 3 Large General Service", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: NEW_YORK_ELECTRIC,
    },
    Utility {
        code: "NATGRID_NY_GAS",
        name: "National Grid Gas (Upstate New York)",
        state: "NY",
        commodity: Gas,
        zones: &[zone("NIMO_CITYGATE", "Niagara Mohawk city gate", -0.02)],
        rate_classes: &[general_gas("SC2", "SC 2 Non-Residential")],
        suppliers: NEW_YORK_GAS,
    },
    Utility {
        code: "KEDNY",
        name: "National Grid Gas (Brooklyn, Queens, Staten Island)",
        state: "NY",
        commodity: Gas,
        zones: &[zone("KEDNY_CITYGATE", "National Grid NYC city gate", 0.03)],
        rate_classes: &[general_gas("SC2", "SC 2 General Service")],
        suppliers: NEW_YORK_GAS,
    },
    Utility {
        code: "NYSEG",
        name: "NYSEG",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_C],
        rate_classes: &[
            class("SC6", "SC 6 General Service Non-Demand", 0, 100_000, 0.02),
            class("SC7", "SC 7 General Service Demand", 50_001, MAX_ELECTRIC, -0.01),
        ],
        suppliers: NEW_YORK_ELECTRIC,
    },
    Utility {
        code: "RGE",
        name: "RG&E",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_B],
        rate_classes: &[
            class("SC2", "SC 2 General Service", 0, 250_000, 0.01),
            class("SC3", "SC 3 General Service Demand", 100_001, MAX_ELECTRIC, -0.01),
        ],
        suppliers: &["constellation", "direct-energy", "agera", "great-eastern", "smartest"],
    },
    Utility {
        code: "CENHUD",
        name: "Central Hudson",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_G],
        rate_classes: &[
            class("SC2-ND", "SC 2 General Service Non-Demand", 0, 100_000, 0.02),
            class("SC2-D", "SC 2 General Service Demand", 50_001, MAX_ELECTRIC, 0.0),
        ],
        suppliers: NEW_YORK_ELECTRIC,
    },
    Utility {
        code: "ORU",
        name: "Orange & Rockland",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_G],
        rate_classes: &[
            class("SC2", "SC 2 General Service", 0, MAX_ELECTRIC, 0.0),
            class("SC20", "SC 20 General Service Primary", 500_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: &[
            "constellation",
            "direct-energy",
            "agera",
            "hudson",
            "great-eastern",
            "smartest",
        ],
    },
    Utility {
        code: "PSEG_LI",
        name: "PSEG Long Island",
        state: "NY",
        commodity: Electricity,
        zones: &[ZONE_K],
        rate_classes: &[
            class("280", "Rate 280 General Service Small", 0, 100_000, 0.02),
            class("281", "Rate 281 General Service Large", 50_001, MAX_ELECTRIC, 0.0),
        ],
        suppliers: NEW_YORK_ELECTRIC,
    },
    Utility {
        code: "NFG",
        name: "National Fuel Gas",
        state: "NY",
        commodity: Gas,
        zones: &[zone("NFG_CITYGATE", "National Fuel Gas city gate", -0.03)],
        rate_classes: &[general_gas("SC3", "SC 3 General Service")],
        suppliers: NEW_YORK_GAS,
    },
];

pub static ZIP_AREAS: &[ZipArea] = &[
    // Manhattan and the Bronx: Con Edison electric and gas.
    area(10001, 10299, &[("CONED", "NYISO_J"), ("CONED_GAS", "CONED_CITYGATE")]),
    area(10451, 10499, &[("CONED", "NYISO_J"), ("CONED_GAS", "CONED_CITYGATE")]),
    // Staten Island, Brooklyn and Queens: Con Edison electric, National Grid gas.
    area(10301, 10314, &[("CONED", "NYISO_J"), ("KEDNY", "KEDNY_CITYGATE")]),
    area(11201, 11256, &[("CONED", "NYISO_J"), ("KEDNY", "KEDNY_CITYGATE")]),
    area(11101, 11120, &[("CONED", "NYISO_J"), ("KEDNY", "KEDNY_CITYGATE")]),
    area(11354, 11436, &[("CONED", "NYISO_J"), ("KEDNY", "KEDNY_CITYGATE")]),
    // Southern Westchester: White Plains, Yonkers.
    area(10601, 10610, &[("CONED", "NYISO_I"), ("CONED_GAS", "CONED_CITYGATE")]),
    area(10701, 10710, &[("CONED", "NYISO_I"), ("CONED_GAS", "CONED_CITYGATE")]),
    // Long Island.
    area(11501, 11599, &[("PSEG_LI", "NYISO_K")]),
    area(11701, 11799, &[("PSEG_LI", "NYISO_K")]),
    // Rockland County, Poughkeepsie, Kingston.
    area(10901, 10999, &[("ORU", "NYISO_G")]),
    area(12601, 12604, &[("CENHUD", "NYISO_G")]),
    area(12401, 12402, &[("CENHUD", "NYISO_G")]),
    // National Grid: Albany, Utica, Syracuse, Buffalo (with National Fuel Gas).
    area(
        12201,
        12299,
        &[("NATGRID_NY", "NYISO_F"), ("NATGRID_NY_GAS", "NIMO_CITYGATE")],
    ),
    area(
        13501,
        13599,
        &[("NATGRID_NY", "NYISO_E"), ("NATGRID_NY_GAS", "NIMO_CITYGATE")],
    ),
    area(
        13201,
        13299,
        &[("NATGRID_NY", "NYISO_C"), ("NATGRID_NY_GAS", "NIMO_CITYGATE")],
    ),
    area(14201, 14299, &[("NATGRID_NY", "NYISO_A"), ("NFG", "NFG_CITYGATE")]),
    // Rochester.
    area(14601, 14699, &[("RGE", "NYISO_B")]),
    // NYSEG: Binghamton, Ithaca, Elmira.
    area(13901, 13905, &[("NYSEG", "NYISO_C")]),
    area(14850, 14853, &[("NYSEG", "NYISO_C")]),
    area(14901, 14905, &[("NYSEG", "NYISO_C")]),
];
