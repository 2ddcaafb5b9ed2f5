//! Illinois, Ohio and Michigan.
//!
//! Illinois: Chicago (606xx) is ComEd with Peoples Gas. The northern suburbs, Rockford and
//! Kankakee are ComEd with Nicor Gas, except the North Shore Gas towns around Waukegan and
//! Highland Park. Peoria, Bloomington, Champaign, Springfield and the Metro East are Ameren
//! Illinois, whose gas has no supplier choice.
//!
//! Ohio: Columbus and Canton are AEP Ohio, Akron and Youngstown Ohio Edison, Cleveland the
//! Illuminating Company, Toledo Toledo Edison, Cincinnati Duke Energy Ohio, and Dayton AES Ohio.
//! Michigan offers gas choice only (see the states module).

use shopper_types::Commodity::{Electricity, Gas};

use super::{MAX_ELECTRIC, MAX_GAS, area, class, general_gas, zone};
use crate::market::suppliers::{
    AMEREN_ILLINOIS_ELECTRIC, ILLINOIS_ELECTRIC, ILLINOIS_GAS, MICHIGAN_GAS, OHIO_ELECTRIC, OHIO_GAS,
};
use crate::market::{RateClass, Utility, ZipArea};

/// FirstEnergy's Ohio general service classes, by delivery voltage.
const FIRSTENERGY_OHIO_CLASSES: &[RateClass] = &[
    class("GS", "GS General Service Secondary", 0, MAX_ELECTRIC, 0.0),
    class("GP", "GP General Service Primary", 250_001, MAX_ELECTRIC, -0.02),
];

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "COMED",
        name: "ComEd",
        state: "IL",
        commodity: Electricity,
        zones: &[zone("COMED", "PJM ComEd zone", 0.0)],
        // Delivery classes by peak demand: 100 kW at a 40% load factor is about 350,000 kWh a year.
        rate_classes: &[
            class("SMALL_LOAD", "Small Load (0-100 kW)", 0, 400_000, 0.01),
            class("MEDIUM_LOAD", "Medium Load (100-400 kW)", 100_001, MAX_ELECTRIC, 0.0),
            class("LARGE_LOAD", "Large Load (400-1,000 kW)", 500_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: ILLINOIS_ELECTRIC,
    },
    Utility {
        code: "AMEREN_IL",
        name: "Ameren Illinois",
        state: "IL",
        commodity: Electricity,
        zones: &[zone("MISO_Z4", "MISO Zone 4 (Illinois)", -0.02)],
        rate_classes: &[
            class("DS-2", "DS-2 Small General Delivery", 0, 250_000, 0.01),
            class("DS-3", "DS-3 General Delivery", 100_001, MAX_ELECTRIC, 0.0),
            class("DS-4", "DS-4 Large General Delivery", 500_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: AMEREN_ILLINOIS_ELECTRIC,
    },
    Utility {
        code: "NICOR",
        name: "Nicor Gas",
        state: "IL",
        commodity: Gas,
        zones: &[zone("NICOR_CITYGATE", "Nicor Gas city gate", 0.0)],
        rate_classes: &[
            class("RATE_4", "Rate 4 General Service", 0, 25_000, 0.0),
            class("RATE_5", "Rate 5 Seasonal Use", 5_001, MAX_GAS, -0.02),
        ],
        suppliers: ILLINOIS_GAS,
    },
    Utility {
        code: "PEOPLES_GAS",
        name: "Peoples Gas",
        state: "IL",
        commodity: Gas,
        zones: &[zone("PGL_CITYGATE", "Peoples Gas city gate", 0.02)],
        rate_classes: &[general_gas("SC2", "S.C. 2 General Service")],
        suppliers: ILLINOIS_GAS,
    },
    Utility {
        code: "NORTH_SHORE_GAS",
        name: "North Shore Gas",
        state: "IL",
        commodity: Gas,
        zones: &[zone("NSG_CITYGATE", "North Shore Gas city gate", 0.01)],
        rate_classes: &[general_gas("SC2", "S.C. 2 General Service")],
        suppliers: ILLINOIS_GAS,
    },
    Utility {
        code: "AEP_OHIO",
        name: "AEP Ohio",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("AEP", "PJM AEP zone", 0.0)],
        rate_classes: &[
            class("GS-1", "GS-1 General Service Non-Demand", 0, 100_000, 0.02),
            class("GS-2", "GS-2 General Service Low Load Factor", 0, 500_000, 0.01),
            class(
                "GS-3",
                "GS-3 General Service Medium/High Load Factor",
                100_001,
                MAX_ELECTRIC,
                -0.01,
            ),
            class("GS-4", "GS-4 General Service Large", 500_001, MAX_ELECTRIC, -0.03),
        ],
        suppliers: OHIO_ELECTRIC,
    },
    Utility {
        code: "OHIO_EDISON",
        name: "Ohio Edison",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("ATSI", "PJM ATSI zone", 0.01)],
        rate_classes: FIRSTENERGY_OHIO_CLASSES,
        suppliers: OHIO_ELECTRIC,
    },
    Utility {
        code: "CEI",
        name: "The Illuminating Company",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("ATSI", "PJM ATSI zone", 0.01)],
        rate_classes: FIRSTENERGY_OHIO_CLASSES,
        suppliers: OHIO_ELECTRIC,
    },
    Utility {
        code: "TOLEDO_EDISON",
        name: "Toledo Edison",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("ATSI", "PJM ATSI zone", 0.01)],
        rate_classes: FIRSTENERGY_OHIO_CLASSES,
        suppliers: &[
            "energy-harbor",
            "aep-energy",
            "constellation",
            "direct-energy",
            "igs",
            "dynegy",
        ],
    },
    Utility {
        code: "DUKE_OH",
        name: "Duke Energy Ohio",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("DEOK", "PJM DEOK zone", -0.01)],
        rate_classes: &[
            class("DM", "DM Secondary Distribution Service - Small", 0, 250_000, 0.01),
            class(
                "DS",
                "DS Service at Secondary Distribution Voltage",
                0,
                MAX_ELECTRIC,
                0.0,
            ),
            class(
                "DP",
                "DP Service at Primary Distribution Voltage",
                250_001,
                MAX_ELECTRIC,
                -0.02,
            ),
        ],
        suppliers: OHIO_ELECTRIC,
    },
    Utility {
        code: "AES_OHIO",
        name: "AES Ohio",
        state: "OH",
        commodity: Electricity,
        zones: &[zone("DAY", "PJM Dayton zone", 0.0)],
        rate_classes: &[
            class("SECONDARY", "Secondary Non-Residential", 0, MAX_ELECTRIC, 0.0),
            class("PRIMARY", "Primary", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: &["aep-energy", "constellation", "direct-energy", "igs", "dynegy", "engie"],
    },
    Utility {
        code: "COLUMBIA_OH",
        name: "Columbia Gas of Ohio",
        state: "OH",
        commodity: Gas,
        zones: &[zone("COH_CITYGATE", "Columbia Gas of Ohio city gate", 0.0)],
        rate_classes: &[
            class("SGS", "SGS Small General Service", 0, 25_000, 0.01),
            class("GS", "GS General Service", 5_001, MAX_GAS, -0.01),
        ],
        suppliers: OHIO_GAS,
    },
    Utility {
        code: "DOMINION_OH",
        name: "Dominion Energy Ohio",
        state: "OH",
        commodity: Gas,
        zones: &[zone("DEO_CITYGATE", "Dominion Energy Ohio city gate", -0.01)],
        rate_classes: &[general_gas("GSS", "GSS General Sales Service")],
        suppliers: OHIO_GAS,
    },
    Utility {
        code: "DUKE_OH_GAS",
        name: "Duke Energy Ohio Gas",
        state: "OH",
        commodity: Gas,
        zones: &[zone("DEOK_CITYGATE", "Duke Energy Ohio city gate", 0.01)],
        rate_classes: &[
            class("GS-S", "GS-S General Service Small", 0, 25_000, 0.01),
            class("GS-L", "GS-L General Service Large", 5_001, MAX_GAS, -0.01),
        ],
        suppliers: OHIO_GAS,
    },
    Utility {
        code: "CENTERPOINT_OH",
        name: "CenterPoint Energy Ohio",
        state: "OH",
        commodity: Gas,
        zones: &[zone("VEDO_CITYGATE", "CenterPoint Energy Ohio city gate", 0.0)],
        rate_classes: &[general_gas("GS", "General Service")],
        suppliers: OHIO_GAS,
    },
    Utility {
        code: "CONSUMERS_GAS",
        name: "Consumers Energy Gas",
        state: "MI",
        commodity: Gas,
        zones: &[zone("CE_CITYGATE", "Consumers Energy city gate", 0.0)],
        rate_classes: &[
            class("GS-1", "GS-1 General Service", 0, 25_000, 0.01),
            class("GS-2", "GS-2 General Service", 5_001, MAX_GAS, -0.01),
        ],
        suppliers: MICHIGAN_GAS,
    },
    Utility {
        code: "DTE_GAS",
        name: "DTE Gas",
        state: "MI",
        commodity: Gas,
        zones: &[zone("MICHCON_CITYGATE", "DTE Gas (MichCon) city gate", 0.01)],
        rate_classes: &[general_gas("GS-1", "GS-1 General Service")],
        suppliers: MICHIGAN_GAS,
    },
];

pub static ZIP_AREAS: &[ZipArea] = &[
    // Illinois: Chicago.
    area(60601, 60699, &[("COMED", "COMED"), ("PEOPLES_GAS", "PGL_CITYGATE")]),
    // Northern suburbs: Nicor Gas, except the North Shore Gas towns.
    area(60004, 60034, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    area(60035, 60045, &[("COMED", "COMED"), ("NORTH_SHORE_GAS", "NSG_CITYGATE")]),
    area(60046, 60063, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    area(60064, 60064, &[("COMED", "COMED"), ("NORTH_SHORE_GAS", "NSG_CITYGATE")]),
    area(60065, 60084, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    area(60085, 60087, &[("COMED", "COMED"), ("NORTH_SHORE_GAS", "NSG_CITYGATE")]),
    area(60088, 60199, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    // Western and southern suburbs, Kankakee, Rockford.
    area(60401, 60599, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    area(60901, 60999, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    area(61001, 61199, &[("COMED", "COMED"), ("NICOR", "NICOR_CITYGATE")]),
    // Ameren Illinois: Peoria, Bloomington, Champaign, Decatur and Springfield, Metro East.
    area(61501, 61699, &[("AMEREN_IL", "MISO_Z4")]),
    area(61701, 61799, &[("AMEREN_IL", "MISO_Z4")]),
    area(61801, 61899, &[("AMEREN_IL", "MISO_Z4")]),
    area(62501, 62799, &[("AMEREN_IL", "MISO_Z4")]),
    area(62201, 62299, &[("AMEREN_IL", "MISO_Z4")]),
    // Ohio: Columbus and Canton (AEP Ohio).
    area(43001, 43299, &[("AEP_OHIO", "AEP"), ("COLUMBIA_OH", "COH_CITYGATE")]),
    area(43701, 43799, &[("AEP_OHIO", "AEP"), ("COLUMBIA_OH", "COH_CITYGATE")]),
    area(44701, 44799, &[("AEP_OHIO", "AEP"), ("DOMINION_OH", "DEO_CITYGATE")]),
    // Akron and Youngstown (Ohio Edison), Cleveland (the Illuminating Company), Toledo.
    area(
        44301,
        44399,
        &[("OHIO_EDISON", "ATSI"), ("DOMINION_OH", "DEO_CITYGATE")],
    ),
    area(
        44501,
        44599,
        &[("OHIO_EDISON", "ATSI"), ("DOMINION_OH", "DEO_CITYGATE")],
    ),
    area(44101, 44199, &[("CEI", "ATSI"), ("DOMINION_OH", "DEO_CITYGATE")]),
    area(
        43601,
        43699,
        &[("TOLEDO_EDISON", "ATSI"), ("COLUMBIA_OH", "COH_CITYGATE")],
    ),
    // Cincinnati and its suburbs (Duke Energy Ohio), Dayton (AES Ohio).
    area(45001, 45099, &[("DUKE_OH", "DEOK"), ("DUKE_OH_GAS", "DEOK_CITYGATE")]),
    area(45201, 45299, &[("DUKE_OH", "DEOK"), ("DUKE_OH_GAS", "DEOK_CITYGATE")]),
    area(
        45401,
        45499,
        &[("AES_OHIO", "DAY"), ("CENTERPOINT_OH", "VEDO_CITYGATE")],
    ),
    // Michigan: Detroit and Grand Rapids (DTE Gas), Lansing, Flint and Kalamazoo (Consumers).
    area(48201, 48299, &[("DTE_GAS", "MICHCON_CITYGATE")]),
    area(49501, 49599, &[("DTE_GAS", "MICHCON_CITYGATE")]),
    area(48901, 48999, &[("CONSUMERS_GAS", "CE_CITYGATE")]),
    area(48501, 48599, &[("CONSUMERS_GAS", "CE_CITYGATE")]),
    area(49001, 49099, &[("CONSUMERS_GAS", "CE_CITYGATE")]),
];
