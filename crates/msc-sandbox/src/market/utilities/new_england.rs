//! Massachusetts, Connecticut, Rhode Island, New Hampshire and Maine (ISO New England).
//!
//! Suppliers price by ISO-NE load zone. Massachusetts splits into NEMA (Boston), SEMA and WCMA,
//! and every other state is one zone.
//!
//! Massachusetts: Boston and Cape Cod are Eversource, Worcester, Lowell and Brockton National
//! Grid, Springfield Eversource, and Fitchburg Unitil. Gas in Boston, Worcester and Lowell is
//! National Grid, and in Springfield and Brockton Eversource. Connecticut: Hartford and Stamford
//! are Eversource, New Haven and Bridgeport United Illuminating. Rhode Island is Rhode Island
//! Energy. New Hampshire: Manchester is Eversource, Concord Unitil, Salem and Lebanon Liberty.
//! Maine: Portland and Augusta are Central Maine Power, Bangor Versant Power.

use shopper_types::Commodity::{Electricity, Gas};

use super::{MAX_ELECTRIC, MAX_GAS, area, class, zone};
use crate::market::suppliers::{MASSACHUSETTS_GAS, NEW_ENGLAND_ELECTRIC};
use crate::market::{RateClass, Utility, ZipArea, Zone};

const NEMA: Zone = zone("NEMA", "ISO-NE Northeast Massachusetts and Boston", 0.02);
const SEMA: Zone = zone("SEMA", "ISO-NE Southeast Massachusetts", 0.0);
const WCMA: Zone = zone("WCMA", "ISO-NE Western and Central Massachusetts", -0.01);

/// Small, medium and large general service, as the Massachusetts utilities number them.
const MASSACHUSETTS_CLASSES: &[RateClass] = &[
    class("G-1", "G-1 Small General Service", 0, 100_000, 0.02),
    class("G-2", "G-2 Medium General Service", 50_001, 500_000, 0.0),
    class("G-3", "G-3 Large General Service", 250_001, MAX_ELECTRIC, -0.02),
];

/// Gas classes by annual load and winter share, as the Massachusetts gas utilities number them.
const MASSACHUSETTS_GAS_CLASSES: &[RateClass] = &[
    class("G-41", "G-41 Low Annual Use, High Winter Use", 0, 25_000, 0.02),
    class("G-42", "G-42 Medium Annual Use, High Winter Use", 5_001, MAX_GAS, 0.0),
    class("G-43", "G-43 High Annual Use, High Winter Use", 25_001, MAX_GAS, -0.02),
];

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "EVERSOURCE_MA",
        name: "Eversource Massachusetts",
        state: "MA",
        commodity: Electricity,
        zones: &[NEMA, SEMA, WCMA],
        rate_classes: MASSACHUSETTS_CLASSES,
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "NATGRID_MA",
        name: "National Grid (Massachusetts Electric)",
        state: "MA",
        commodity: Electricity,
        zones: &[NEMA, SEMA, WCMA],
        rate_classes: MASSACHUSETTS_CLASSES,
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "UNITIL_MA",
        name: "Unitil (Fitchburg Gas and Electric)",
        state: "MA",
        commodity: Electricity,
        zones: &[WCMA],
        rate_classes: &[class("GD-2", "GD-2 General Delivery", 0, MAX_ELECTRIC, 0.0)],
        suppliers: &["constellation", "nextera", "direct-energy", "engie", "freepoint"],
    },
    Utility {
        code: "NATGRID_MA_GAS",
        name: "National Grid Gas (Massachusetts)",
        state: "MA",
        commodity: Gas,
        zones: &[zone("BOSTON_GAS_CITYGATE", "Boston Gas city gate", 0.01)],
        rate_classes: MASSACHUSETTS_GAS_CLASSES,
        suppliers: MASSACHUSETTS_GAS,
    },
    Utility {
        code: "EVERSOURCE_MA_GAS",
        name: "Eversource Gas (Massachusetts)",
        state: "MA",
        commodity: Gas,
        zones: &[zone("EGMA_CITYGATE", "Eversource Gas of Massachusetts city gate", 0.0)],
        rate_classes: MASSACHUSETTS_GAS_CLASSES,
        suppliers: MASSACHUSETTS_GAS,
    },
    Utility {
        code: "EVERSOURCE_CT",
        name: "Eversource Connecticut",
        state: "CT",
        commodity: Electricity,
        zones: &[zone("CT", "ISO-NE Connecticut", 0.0)],
        rate_classes: &[
            class("030", "Rate 30 Small General Service", 0, 250_000, 0.01),
            class(
                "035",
                "Rate 35 Intermediate General Service",
                100_001,
                MAX_ELECTRIC,
                -0.01,
            ),
        ],
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "UI",
        name: "United Illuminating",
        state: "CT",
        commodity: Electricity,
        zones: &[zone("CT", "ISO-NE Connecticut", 0.0)],
        rate_classes: &[
            class("GS", "GS General Service", 0, 250_000, 0.01),
            class("LPT", "LPT Large Power Time-of-Day", 100_001, MAX_ELECTRIC, -0.01),
        ],
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "RI_ENERGY",
        name: "Rhode Island Energy",
        state: "RI",
        commodity: Electricity,
        zones: &[zone("RI", "ISO-NE Rhode Island", 0.0)],
        rate_classes: &[
            class("C-06", "C-06 Small C&I", 0, 100_000, 0.02),
            class("G-02", "G-02 General C&I", 50_001, MAX_ELECTRIC, 0.0),
        ],
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "EVERSOURCE_NH",
        name: "Eversource New Hampshire",
        state: "NH",
        commodity: Electricity,
        zones: &[zone("NH", "ISO-NE New Hampshire", 0.0)],
        rate_classes: &[
            class("G", "Rate G General Service", 0, MAX_ELECTRIC, 0.0),
            class("GV", "Rate GV Primary General Service", 250_001, MAX_ELECTRIC, -0.02),
        ],
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "UNITIL_NH",
        name: "Unitil New Hampshire",
        state: "NH",
        commodity: Electricity,
        zones: &[zone("NH", "ISO-NE New Hampshire", 0.0)],
        rate_classes: &[class("G2", "G2 Regular General Service", 0, MAX_ELECTRIC, 0.0)],
        suppliers: &["constellation", "nextera", "direct-energy", "engie", "smartest"],
    },
    Utility {
        code: "LIBERTY_NH",
        name: "Liberty Utilities New Hampshire",
        state: "NH",
        commodity: Electricity,
        zones: &[zone("NH", "ISO-NE New Hampshire", 0.0)],
        rate_classes: &[class("G-2", "G-2 General Long Hour Service", 0, MAX_ELECTRIC, 0.0)],
        suppliers: &["constellation", "nextera", "direct-energy", "freepoint", "calpine"],
    },
    Utility {
        code: "CMP",
        name: "Central Maine Power",
        state: "ME",
        commodity: Electricity,
        zones: &[zone("ME", "ISO-NE Maine", 0.0)],
        rate_classes: &[
            class("SGS", "SGS Small General Service", 0, 100_000, 0.02),
            class(
                "MGS",
                "MGS-S Medium General Service Secondary",
                50_001,
                MAX_ELECTRIC,
                0.0,
            ),
        ],
        suppliers: NEW_ENGLAND_ELECTRIC,
    },
    Utility {
        code: "VERSANT",
        name: "Versant Power",
        state: "ME",
        commodity: Electricity,
        zones: &[zone("ME", "ISO-NE Maine", 0.0)],
        rate_classes: &[class("GS", "General Service", 0, MAX_ELECTRIC, 0.0)],
        suppliers: &["constellation", "nextera", "direct-energy", "engie", "calpine"],
    },
];

pub static ZIP_AREAS: &[ZipArea] = &[
    // Massachusetts: Boston, Cape Cod, Springfield (Eversource).
    area(
        2101,
        2299,
        &[("EVERSOURCE_MA", "NEMA"), ("NATGRID_MA_GAS", "BOSTON_GAS_CITYGATE")],
    ),
    area(2601, 2675, &[("EVERSOURCE_MA", "SEMA")]),
    area(
        1101,
        1199,
        &[("EVERSOURCE_MA", "WCMA"), ("EVERSOURCE_MA_GAS", "EGMA_CITYGATE")],
    ),
    // Worcester, Lowell, Brockton (National Grid).
    area(
        1601,
        1699,
        &[("NATGRID_MA", "WCMA"), ("NATGRID_MA_GAS", "BOSTON_GAS_CITYGATE")],
    ),
    area(
        1850,
        1854,
        &[("NATGRID_MA", "NEMA"), ("NATGRID_MA_GAS", "BOSTON_GAS_CITYGATE")],
    ),
    area(
        2301,
        2305,
        &[("NATGRID_MA", "SEMA"), ("EVERSOURCE_MA_GAS", "EGMA_CITYGATE")],
    ),
    // Fitchburg.
    area(1420, 1420, &[("UNITIL_MA", "WCMA")]),
    // Connecticut: Hartford and Stamford (Eversource), New Haven and Bridgeport (UI).
    area(6101, 6199, &[("EVERSOURCE_CT", "CT")]),
    area(6901, 6999, &[("EVERSOURCE_CT", "CT")]),
    area(6501, 6599, &[("UI", "CT")]),
    area(6601, 6699, &[("UI", "CT")]),
    // Rhode Island.
    area(2801, 2999, &[("RI_ENERGY", "RI")]),
    // New Hampshire: Manchester, Concord, Salem, Lebanon.
    area(3101, 3111, &[("EVERSOURCE_NH", "NH")]),
    area(3301, 3305, &[("UNITIL_NH", "NH")]),
    area(3079, 3079, &[("LIBERTY_NH", "NH")]),
    area(3766, 3766, &[("LIBERTY_NH", "NH")]),
    // Maine: Portland, Augusta, Bangor.
    area(4101, 4124, &[("CMP", "ME")]),
    area(4330, 4338, &[("CMP", "ME")]),
    area(4401, 4402, &[("VERSANT", "ME")]),
];
