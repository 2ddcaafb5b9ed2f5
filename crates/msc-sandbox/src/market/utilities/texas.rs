//! Texas (ERCOT): the transmission and distribution utilities (TDSPs) of the competitive area.
//!
//! Suppliers price by TDSP, ERCOT load profile and weather zone. A load profile id joins the
//! profile type, the weather zone and the meter type, like `BUSMEDLF_NCENT_NIDR_NOTOU_NODG`. The
//! weather zone comes from the service ZIP code. Houston is CenterPoint. Dallas–Fort Worth, Waco,
//! Tyler, Wichita Falls, Killeen–Temple, Round Rock and Midland–Odessa are Oncor. Corpus Christi,
//! Laredo, Victoria and the Rio Grande Valley are AEP Texas Central, and Abilene and San Angelo AEP
//! Texas North. Some Gulf-coast ZIP codes (77539, 77581, 77584, 77590) and Lewisville (75057,
//! 75067) also have TNMP wires.

use shopper_types::Commodity::Electricity;

use super::{MAX_ELECTRIC, area, class, zone};
use crate::market::suppliers::{TEXAS_ELECTRIC, TEXAS_ELECTRIC_RURAL};
use crate::market::{RateClass, Utility, ZipArea, Zone};

/// ERCOT business load profiles. Non-demand meters are small accounts; low load factor costs
/// the most to serve, high load factor the least.
const ERCOT_PROFILES: &[RateClass] = &[
    class("BUSNODEM", "BUSNODEM Business Non-Demand", 0, 100_000, 0.02),
    class("BUSLOLF", "BUSLOLF Business Low Load Factor", 0, MAX_ELECTRIC, 0.04),
    class("BUSMEDLF", "BUSMEDLF Business Medium Load Factor", 0, MAX_ELECTRIC, 0.0),
    class(
        "BUSHILF",
        "BUSHILF Business High Load Factor",
        100_001,
        MAX_ELECTRIC,
        -0.04,
    ),
];

const COAST: Zone = zone("COAST", "ERCOT Coast weather zone", 0.01);
const EAST: Zone = zone("EAST", "ERCOT East weather zone", 0.0);
const FWEST: Zone = zone("FWEST", "ERCOT Far West weather zone", 0.04);
const NCENT: Zone = zone("NCENT", "ERCOT North Central weather zone", 0.0);
const NORTH: Zone = zone("NORTH", "ERCOT North weather zone", -0.01);
const SCENT: Zone = zone("SCENT", "ERCOT South Central weather zone", 0.01);
const SOUTH: Zone = zone("SOUTH", "ERCOT South weather zone", 0.02);
const WEST: Zone = zone("WEST", "ERCOT West weather zone", 0.03);

pub static UTILITIES: &[Utility] = &[
    Utility {
        code: "ONCOR",
        name: "Oncor",
        state: "TX",
        commodity: Electricity,
        zones: &[NCENT, EAST, NORTH, SCENT, FWEST],
        rate_classes: ERCOT_PROFILES,
        suppliers: TEXAS_ELECTRIC,
    },
    Utility {
        code: "CENTERPOINT",
        name: "CenterPoint",
        state: "TX",
        commodity: Electricity,
        zones: &[COAST],
        rate_classes: ERCOT_PROFILES,
        suppliers: TEXAS_ELECTRIC,
    },
    Utility {
        code: "AEP_TX_CENTRAL",
        name: "AEP Texas Central",
        state: "TX",
        commodity: Electricity,
        zones: &[SOUTH, COAST],
        rate_classes: ERCOT_PROFILES,
        suppliers: TEXAS_ELECTRIC_RURAL,
    },
    Utility {
        code: "AEP_TX_NORTH",
        name: "AEP Texas North",
        state: "TX",
        commodity: Electricity,
        zones: &[WEST],
        rate_classes: ERCOT_PROFILES,
        suppliers: TEXAS_ELECTRIC_RURAL,
    },
    Utility {
        code: "TNMP",
        name: "TNMP",
        state: "TX",
        commodity: Electricity,
        zones: &[NCENT, COAST],
        rate_classes: ERCOT_PROFILES,
        suppliers: &["champion", "direct-energy", "engie", "txu", "first-point"],
    },
];

pub static ZIP_AREAS: &[ZipArea] = &[
    // Dallas, Lewisville (also TNMP), Tyler, Fort Worth, Wichita Falls.
    area(75001, 75499, &[("ONCOR", "NCENT")]),
    area(75057, 75057, &[("TNMP", "NCENT")]),
    area(75067, 75067, &[("TNMP", "NCENT")]),
    area(75701, 75799, &[("ONCOR", "EAST")]),
    area(76001, 76299, &[("ONCOR", "NCENT")]),
    area(76301, 76399, &[("ONCOR", "NORTH")]),
    // Killeen and Temple, then Waco.
    area(76501, 76599, &[("ONCOR", "SCENT")]),
    area(76601, 76799, &[("ONCOR", "NCENT")]),
    // Round Rock and Georgetown, north of the Austin Energy area.
    area(78626, 78628, &[("ONCOR", "SCENT")]),
    area(78664, 78665, &[("ONCOR", "SCENT")]),
    area(78681, 78681, &[("ONCOR", "SCENT")]),
    // Midland and Odessa.
    area(79701, 79799, &[("ONCOR", "FWEST")]),
    // Houston, Conroe and the suburbs; League City, Friendswood and Texas City also TNMP.
    area(77001, 77299, &[("CENTERPOINT", "COAST")]),
    area(77336, 77389, &[("CENTERPOINT", "COAST")]),
    area(77401, 77499, &[("CENTERPOINT", "COAST")]),
    area(77501, 77598, &[("CENTERPOINT", "COAST")]),
    area(77539, 77539, &[("TNMP", "COAST")]),
    area(77581, 77581, &[("TNMP", "COAST")]),
    area(77584, 77584, &[("TNMP", "COAST")]),
    area(77590, 77590, &[("TNMP", "COAST")]),
    // Victoria, Laredo, Corpus Christi, the Rio Grande Valley.
    area(77901, 77999, &[("AEP_TX_CENTRAL", "COAST")]),
    area(78040, 78049, &[("AEP_TX_CENTRAL", "SOUTH")]),
    area(78401, 78499, &[("AEP_TX_CENTRAL", "SOUTH")]),
    area(78501, 78599, &[("AEP_TX_CENTRAL", "SOUTH")]),
    // Abilene and San Angelo.
    area(79601, 79699, &[("AEP_TX_NORTH", "WEST")]),
    area(76901, 76909, &[("AEP_TX_NORTH", "WEST")]),
];
