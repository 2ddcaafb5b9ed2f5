//! Pennsylvania, New Jersey, Maryland, Delaware and the District of Columbia (all in PJM).
//!
//! Pennsylvania: Philadelphia is PECO electric, and its gas utility (PGW) is not in the data.
//! PECO's suburban counties also have PECO gas. Allentown, Harrisburg, Lancaster and Scranton
//! are PPL with UGI gas. Pittsburgh is Duquesne Light, Reading and York Met-Ed, Erie, Altoona
//! and Johnstown Penelec, New Castle Penn Power, and Greensburg, Washington and State College
//! West Penn.
//!
//! New Jersey: Newark, Jersey City, Paterson, Trenton and Camden are PSE&G. Morristown and the
//! shore are JCP&L with New Jersey Natural Gas, Atlantic City and Vineland ACE with South Jersey
//! Gas, and Mahwah and Ramsey Rockland Electric.
//!
//! Maryland: Baltimore is BGE, Montgomery and Prince George's counties Pepco with Washington Gas,
//! the Eastern Shore Delmarva, and Frederick and Hagerstown Potomac Edison. Delaware: Wilmington
//! is Delmarva. DC: Pepco with Washington Gas.

use shopper_types::Commodity::{Electricity, Gas};

use super::{MAX_ELECTRIC, MAX_GAS, area, class, general_gas, zone};
use crate::market::suppliers::{
    CHESAPEAKE_ELECTRIC, CHESAPEAKE_GAS, NEW_JERSEY_ELECTRIC, NEW_JERSEY_GAS, PENNSYLVANIA_ELECTRIC, PENNSYLVANIA_GAS,
};
use crate::market::{RateClass, Utility, ZipArea};

/// Small and medium general service, as FirstEnergy's Pennsylvania companies name them.
const FIRSTENERGY_PENNSYLVANIA_CLASSES: &[RateClass] = &[
    class("GS-SMALL", "GS-Small General Service", 0, 250_000, 0.01),
    class("GS-MEDIUM", "GS-Medium General Service", 100_001, MAX_ELECTRIC, -0.01),
];

/// Pepco's commercial classes, in Maryland and DC alike.
const PEPCO_CLASSES: &[RateClass] = &[
    class("GS-LV", "GS-LV General Service Low Voltage", 0, 250_000, 0.01),
    class(
        "GT-LV",
        "GT-LV Time Metered General Service Low Voltage",
        100_001,
        MAX_ELECTRIC,
        -0.01,
    ),
];

/// Delmarva Power's commercial classes, in Maryland and Delaware alike.
const DELMARVA_CLASSES: &[RateClass] = &[
    class("SGS-S", "SGS-S Small General Service Secondary", 0, 250_000, 0.01),
    class(
        "MGS-S",
        "MGS-S Medium General Service Secondary",
        100_001,
        MAX_ELECTRIC,
        -0.01,
    ),
];

const WASHINGTON_GAS_CLASSES: &[RateClass] = &[general_gas("CI-HEAT", "Commercial and Industrial Heating and Cooling")];

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "PECO",
        name: "PECO",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("PECO", "PJM PECO zone", 0.0)],
        rate_classes: &[
            class("GS", "GS General Service", 0, 500_000, 0.01),
            class("PD", "PD Primary Distribution", 250_001, MAX_ELECTRIC, -0.01),
            class("HT", "HT High Tension", 500_001, MAX_ELECTRIC, -0.03),
        ],
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "PECO_GAS",
        name: "PECO Gas",
        state: "PA",
        commodity: Gas,
        zones: &[zone("PECO_CITYGATE", "PECO city gate", 0.0)],
        rate_classes: &[general_gas("GC", "GC General Service Commercial")],
        suppliers: PENNSYLVANIA_GAS,
    },
    Utility {
        code: "PPL",
        name: "PPL Electric",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("PPL", "PJM PPL zone", -0.01)],
        rate_classes: &[
            class("GS-1", "GS-1 Small General Service", 0, 250_000, 0.01),
            class("GS-3", "GS-3 Large General Service", 100_001, MAX_ELECTRIC, 0.0),
            class("LP-4", "LP-4 Large Power", 500_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "DUQUESNE",
        name: "Duquesne Light",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("DUQ", "PJM Duquesne zone", -0.01)],
        rate_classes: &[
            class("GS-GM", "GS/GM General Service Small and Medium", 0, 500_000, 0.01),
            class("GL", "GL General Service Large", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "MET_ED",
        name: "Met-Ed",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("METED", "PJM Met-Ed zone", 0.0)],
        rate_classes: FIRSTENERGY_PENNSYLVANIA_CLASSES,
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "PENELEC",
        name: "Penelec",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("PENELEC", "PJM Penelec zone", -0.02)],
        rate_classes: FIRSTENERGY_PENNSYLVANIA_CLASSES,
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "PENN_POWER",
        name: "Penn Power",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("ATSI", "PJM ATSI zone", 0.0)],
        rate_classes: FIRSTENERGY_PENNSYLVANIA_CLASSES,
        suppliers: &[
            "constellation",
            "energy-harbor",
            "direct-energy",
            "aep-energy",
            "engie",
            "calpine",
        ],
    },
    Utility {
        code: "WEST_PENN",
        name: "West Penn Power",
        state: "PA",
        commodity: Electricity,
        zones: &[zone("APS", "PJM Allegheny Power zone", -0.01)],
        rate_classes: FIRSTENERGY_PENNSYLVANIA_CLASSES,
        suppliers: PENNSYLVANIA_ELECTRIC,
    },
    Utility {
        code: "COLUMBIA_PA",
        name: "Columbia Gas of Pennsylvania",
        state: "PA",
        commodity: Gas,
        zones: &[zone("CPA_CITYGATE", "Columbia Gas of Pennsylvania city gate", 0.0)],
        rate_classes: &[
            class("SGS", "SGS Small General Service", 0, 25_000, 0.01),
            class("LGSS", "LGSS Large General Sales Service", 5_001, MAX_GAS, -0.01),
        ],
        suppliers: PENNSYLVANIA_GAS,
    },
    Utility {
        code: "UGI_GAS",
        name: "UGI Utilities Gas",
        state: "PA",
        commodity: Gas,
        zones: &[zone("UGI_CITYGATE", "UGI Utilities city gate", -0.01)],
        rate_classes: &[general_gas("N", "Rate N Commercial and Industrial")],
        suppliers: PENNSYLVANIA_GAS,
    },
    Utility {
        code: "PSEG",
        name: "PSE&G",
        state: "NJ",
        commodity: Electricity,
        zones: &[zone("PSEG", "PJM PSEG zone", 0.0)],
        rate_classes: &[
            class("GLP", "GLP General Lighting and Power", 0, MAX_ELECTRIC, 0.0),
            class(
                "LPL-S",
                "LPL-S Large Power and Lighting Secondary",
                250_001,
                MAX_ELECTRIC,
                -0.02,
            ),
        ],
        suppliers: NEW_JERSEY_ELECTRIC,
    },
    Utility {
        code: "PSEG_GAS",
        name: "PSE&G Gas",
        state: "NJ",
        commodity: Gas,
        zones: &[zone("PSEG_CITYGATE", "PSE&G city gate", 0.0)],
        rate_classes: &[
            class("GSG", "GSG General Service Gas", 0, MAX_GAS, 0.0),
            class("LVG", "LVG Large Volume Gas", 25_001, MAX_GAS, -0.02),
        ],
        suppliers: NEW_JERSEY_GAS,
    },
    Utility {
        code: "JCPL",
        name: "JCP&L",
        state: "NJ",
        commodity: Electricity,
        zones: &[zone("JCPL", "PJM JCP&L zone", 0.01)],
        rate_classes: &[
            class("GS", "GS General Service Secondary", 0, MAX_ELECTRIC, 0.0),
            class("GP", "GP General Service Primary", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: NEW_JERSEY_ELECTRIC,
    },
    Utility {
        code: "ACE",
        name: "Atlantic City Electric",
        state: "NJ",
        commodity: Electricity,
        zones: &[zone("AECO", "PJM Atlantic City Electric zone", 0.0)],
        rate_classes: &[
            class("MGS", "MGS Monthly General Service Secondary", 0, 500_000, 0.01),
            class(
                "AGS",
                "AGS Annual General Service Secondary",
                250_001,
                MAX_ELECTRIC,
                -0.02,
            ),
        ],
        suppliers: NEW_JERSEY_ELECTRIC,
    },
    Utility {
        code: "RECO",
        name: "Rockland Electric",
        state: "NJ",
        commodity: Electricity,
        zones: &[zone("RECO", "PJM Rockland Electric zone", 0.02)],
        rate_classes: &[class("SC2", "SC2 General Service", 0, MAX_ELECTRIC, 0.0)],
        suppliers: &["constellation", "direct-energy", "agera", "hudson", "smartest"],
    },
    Utility {
        code: "NJNG",
        name: "New Jersey Natural Gas",
        state: "NJ",
        commodity: Gas,
        zones: &[zone("NJNG_CITYGATE", "New Jersey Natural Gas city gate", 0.0)],
        rate_classes: &[
            class("GSS", "GSS General Service Small", 0, 5_000, 0.02),
            class("GSL", "GSL General Service Large", 5_001, MAX_GAS, 0.0),
        ],
        suppliers: NEW_JERSEY_GAS,
    },
    Utility {
        code: "SJG",
        name: "South Jersey Gas",
        state: "NJ",
        commodity: Gas,
        zones: &[zone("SJG_CITYGATE", "South Jersey Gas city gate", -0.01)],
        rate_classes: &[general_gas("GSG", "GSG General Service")],
        suppliers: NEW_JERSEY_GAS,
    },
    Utility {
        code: "ETOWN",
        name: "Elizabethtown Gas",
        state: "NJ",
        commodity: Gas,
        zones: &[zone("ETG_CITYGATE", "Elizabethtown Gas city gate", 0.01)],
        rate_classes: &[general_gas("GDS", "GDS General Delivery Service")],
        suppliers: NEW_JERSEY_GAS,
    },
    Utility {
        code: "BGE",
        name: "BGE",
        state: "MD",
        commodity: Electricity,
        zones: &[zone("BGE", "PJM BGE zone", 0.01)],
        rate_classes: &[
            class("G", "G General Service", 0, 250_000, 0.01),
            class("GL", "GL General Service Large", 100_001, MAX_ELECTRIC, -0.01),
        ],
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "BGE_GAS",
        name: "BGE Gas",
        state: "MD",
        commodity: Gas,
        zones: &[zone("BGE_CITYGATE", "BGE city gate", 0.0)],
        rate_classes: &[general_gas("C", "General Service - Schedule C")],
        suppliers: CHESAPEAKE_GAS,
    },
    Utility {
        code: "PEPCO_MD",
        name: "Pepco Maryland",
        state: "MD",
        commodity: Electricity,
        zones: &[zone("PEPCO", "PJM Pepco zone", 0.01)],
        rate_classes: PEPCO_CLASSES,
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "DELMARVA_MD",
        name: "Delmarva Power Maryland",
        state: "MD",
        commodity: Electricity,
        zones: &[zone("DPL", "PJM Delmarva zone", 0.0)],
        rate_classes: DELMARVA_CLASSES,
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "POTOMAC_EDISON",
        name: "Potomac Edison",
        state: "MD",
        commodity: Electricity,
        zones: &[zone("APS", "PJM Allegheny Power zone", -0.01)],
        rate_classes: &[
            class("C", "C General Service", 0, 500_000, 0.0),
            class("PH", "PH Power Service", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "WASHINGTON_GAS_MD",
        name: "Washington Gas Maryland",
        state: "MD",
        commodity: Gas,
        zones: &[zone("WGL_CITYGATE", "Washington Gas city gate", 0.0)],
        rate_classes: WASHINGTON_GAS_CLASSES,
        suppliers: CHESAPEAKE_GAS,
    },
    Utility {
        code: "DELMARVA_DE",
        name: "Delmarva Power Delaware",
        state: "DE",
        commodity: Electricity,
        zones: &[zone("DPL", "PJM Delmarva zone", 0.0)],
        rate_classes: DELMARVA_CLASSES,
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "PEPCO_DC",
        name: "Pepco DC",
        state: "DC",
        commodity: Electricity,
        zones: &[zone("PEPCO", "PJM Pepco zone", 0.01)],
        rate_classes: PEPCO_CLASSES,
        suppliers: CHESAPEAKE_ELECTRIC,
    },
    Utility {
        code: "WASHINGTON_GAS_DC",
        name: "Washington Gas DC",
        state: "DC",
        commodity: Gas,
        zones: &[zone("WGL_CITYGATE", "Washington Gas city gate", 0.0)],
        rate_classes: WASHINGTON_GAS_CLASSES,
        suppliers: CHESAPEAKE_GAS,
    },
];

pub static ZIP_AREAS: &[ZipArea] = &[
    // Pennsylvania: Philadelphia, then PECO's suburban counties with PECO gas.
    area(19101, 19199, &[("PECO", "PECO")]),
    area(19001, 19099, &[("PECO", "PECO"), ("PECO_GAS", "PECO_CITYGATE")]),
    area(19301, 19399, &[("PECO", "PECO"), ("PECO_GAS", "PECO_CITYGATE")]),
    area(19401, 19499, &[("PECO", "PECO"), ("PECO_GAS", "PECO_CITYGATE")]),
    area(18901, 18999, &[("PECO", "PECO"), ("PECO_GAS", "PECO_CITYGATE")]),
    // PPL with UGI gas: Allentown, Harrisburg, Lancaster, Scranton.
    area(18101, 18199, &[("PPL", "PPL"), ("UGI_GAS", "UGI_CITYGATE")]),
    area(17101, 17199, &[("PPL", "PPL"), ("UGI_GAS", "UGI_CITYGATE")]),
    area(17601, 17699, &[("PPL", "PPL"), ("UGI_GAS", "UGI_CITYGATE")]),
    area(18501, 18599, &[("PPL", "PPL"), ("UGI_GAS", "UGI_CITYGATE")]),
    // Pittsburgh.
    area(15201, 15299, &[("DUQUESNE", "DUQ"), ("COLUMBIA_PA", "CPA_CITYGATE")]),
    // Met-Ed: Reading, York.
    area(19601, 19699, &[("MET_ED", "METED"), ("UGI_GAS", "UGI_CITYGATE")]),
    area(17401, 17499, &[("MET_ED", "METED"), ("COLUMBIA_PA", "CPA_CITYGATE")]),
    // Penelec: Erie, Altoona, Johnstown.
    area(16501, 16599, &[("PENELEC", "PENELEC")]),
    area(16601, 16699, &[("PENELEC", "PENELEC")]),
    area(15901, 15999, &[("PENELEC", "PENELEC")]),
    // Penn Power: New Castle.
    area(16101, 16199, &[("PENN_POWER", "ATSI")]),
    // West Penn: Washington, Greensburg, State College.
    area(15301, 15399, &[("WEST_PENN", "APS"), ("COLUMBIA_PA", "CPA_CITYGATE")]),
    area(15601, 15699, &[("WEST_PENN", "APS"), ("COLUMBIA_PA", "CPA_CITYGATE")]),
    area(16801, 16803, &[("WEST_PENN", "APS"), ("COLUMBIA_PA", "CPA_CITYGATE")]),
    // New Jersey: PSE&G cities; Elizabeth has Elizabethtown Gas.
    area(7101, 7199, &[("PSEG", "PSEG"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    area(7201, 7208, &[("PSEG", "PSEG"), ("ETOWN", "ETG_CITYGATE")]),
    area(7301, 7399, &[("PSEG", "PSEG"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    area(7501, 7599, &[("PSEG", "PSEG"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    area(8601, 8699, &[("PSEG", "PSEG"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    area(8101, 8199, &[("PSEG", "PSEG"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    // JCP&L with New Jersey Natural Gas: Morristown, Asbury Park, Freehold, Toms River.
    area(7960, 7963, &[("JCPL", "JCPL"), ("NJNG", "NJNG_CITYGATE")]),
    area(7712, 7712, &[("JCPL", "JCPL"), ("NJNG", "NJNG_CITYGATE")]),
    area(7728, 7728, &[("JCPL", "JCPL"), ("NJNG", "NJNG_CITYGATE")]),
    area(8753, 8757, &[("JCPL", "JCPL"), ("NJNG", "NJNG_CITYGATE")]),
    // ACE with South Jersey Gas: Vineland, Atlantic City.
    area(8360, 8362, &[("ACE", "AECO"), ("SJG", "SJG_CITYGATE")]),
    area(8401, 8499, &[("ACE", "AECO"), ("SJG", "SJG_CITYGATE")]),
    // Rockland Electric: Mahwah and Ramsey.
    area(7430, 7430, &[("RECO", "RECO"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    area(7446, 7446, &[("RECO", "RECO"), ("PSEG_GAS", "PSEG_CITYGATE")]),
    // Maryland: Baltimore.
    area(21201, 21298, &[("BGE", "BGE"), ("BGE_GAS", "BGE_CITYGATE")]),
    area(21001, 21199, &[("BGE", "BGE"), ("BGE_GAS", "BGE_CITYGATE")]),
    // Montgomery and Prince George's counties.
    area(
        20810,
        20918,
        &[("PEPCO_MD", "PEPCO"), ("WASHINGTON_GAS_MD", "WGL_CITYGATE")],
    ),
    area(
        20701,
        20799,
        &[("PEPCO_MD", "PEPCO"), ("WASHINGTON_GAS_MD", "WGL_CITYGATE")],
    ),
    // Frederick and Hagerstown.
    area(
        21701,
        21709,
        &[("POTOMAC_EDISON", "APS"), ("WASHINGTON_GAS_MD", "WGL_CITYGATE")],
    ),
    area(21740, 21749, &[("POTOMAC_EDISON", "APS")]),
    // Eastern Shore: Salisbury.
    area(21801, 21899, &[("DELMARVA_MD", "DPL")]),
    // Delaware: Bear, Middletown, Wilmington.
    area(19701, 19701, &[("DELMARVA_DE", "DPL")]),
    area(19709, 19709, &[("DELMARVA_DE", "DPL")]),
    area(19801, 19899, &[("DELMARVA_DE", "DPL")]),
    // District of Columbia.
    area(
        20001,
        20099,
        &[("PEPCO_DC", "PEPCO"), ("WASHINGTON_GAS_DC", "WGL_CITYGATE")],
    ),
];
