//! Every US state and DC by ZIP prefix, with its commercial choice status and price levels.
//!
//! Commercial electric choice: TX (ERCOT), IL, OH, PA, NJ, NY, MD, DE, DC, MA, CT, RI, NH and ME.
//! Michigan caps supplier load at 10% of each utility's sales with a waiting list, and Georgia,
//! California and Virginia open it only to some large customers, so their electricity is not
//! offered here. Commercial gas choice: IL (Nicor Gas, Peoples Gas, North Shore Gas), OH, PA, NJ,
//! NY, MD, DC, MA, MI and GA (Atlanta Gas Light territory only). Every other state is listed so
//! that its ZIP codes return "no choice" rather than "unknown".
//!
//! Supply-only electricity price ranges are estimates at about half of the EIA all-in commercial
//! averages for 2023, in ¢/kWh: TX 8.8, IL 11.2, OH 10.8, PA 11.3, MD 12.8, DE 11.8, NJ 14.0,
//! DC 16.9, NY 18.0, RI 17.7, ME 17.9, MA 19.6, CT 20.0, NH 20.4. Gas ranges are estimates
//! between $0.42 and $0.95 per therm.

use super::{NoChoiceArea, State};

const NO_PRICES: (f64, f64) = (0.0, 0.0);

/// Builds a state where commercial customers buy both commodities from the utility.
const fn no_choice(code: &'static str, name: &'static str, zip3_ranges: &'static [(u32, u32)]) -> State {
    State {
        code,
        name,
        electric_choice: false,
        gas_choice: false,
        zip3_ranges,
        electric_rate_range: NO_PRICES,
        gas_rate_range: NO_PRICES,
    }
}

pub static STATES: &[State] = &[
    State {
        code: "TX",
        name: "Texas",
        electric_choice: true,
        // Only large transportation customers buy gas separately in Texas.
        gas_choice: false,
        zip3_ranges: &[(750, 799), (885, 885)],
        electric_rate_range: (0.055, 0.085),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "IL",
        name: "Illinois",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(600, 629)],
        electric_rate_range: (0.060, 0.090),
        gas_rate_range: (0.45, 0.80),
    },
    State {
        code: "OH",
        name: "Ohio",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(430, 459)],
        electric_rate_range: (0.058, 0.088),
        gas_rate_range: (0.42, 0.75),
    },
    State {
        code: "PA",
        name: "Pennsylvania",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(150, 196)],
        electric_rate_range: (0.065, 0.095),
        gas_rate_range: (0.45, 0.80),
    },
    State {
        code: "NJ",
        name: "New Jersey",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(70, 89)],
        electric_rate_range: (0.080, 0.115),
        gas_rate_range: (0.50, 0.85),
    },
    State {
        code: "NY",
        name: "New York",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(100, 149)],
        electric_rate_range: (0.085, 0.125),
        gas_rate_range: (0.52, 0.90),
    },
    State {
        code: "MD",
        name: "Maryland",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(206, 219)],
        electric_rate_range: (0.070, 0.100),
        gas_rate_range: (0.50, 0.85),
    },
    State {
        code: "DE",
        name: "Delaware",
        electric_choice: true,
        // Sources disagree on Delaware gas choice (a pilot was discontinued), so it is left out.
        gas_choice: false,
        zip3_ranges: &[(197, 199)],
        electric_rate_range: (0.068, 0.098),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "DC",
        name: "District of Columbia",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(200, 200), (202, 205)],
        electric_rate_range: (0.080, 0.112),
        gas_rate_range: (0.55, 0.90),
    },
    State {
        code: "MA",
        name: "Massachusetts",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(10, 27), (55, 55)],
        electric_rate_range: (0.100, 0.140),
        gas_rate_range: (0.60, 0.95),
    },
    State {
        code: "CT",
        name: "Connecticut",
        electric_choice: true,
        // Connecticut gas choice is for larger commercial and industrial customers only.
        gas_choice: false,
        zip3_ranges: &[(60, 69)],
        electric_rate_range: (0.100, 0.140),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "RI",
        name: "Rhode Island",
        electric_choice: true,
        gas_choice: false,
        zip3_ranges: &[(28, 29)],
        electric_rate_range: (0.095, 0.135),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "NH",
        name: "New Hampshire",
        electric_choice: true,
        gas_choice: false,
        zip3_ranges: &[(30, 38)],
        electric_rate_range: (0.095, 0.135),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "ME",
        name: "Maine",
        electric_choice: true,
        gas_choice: false,
        zip3_ranges: &[(39, 49)],
        electric_rate_range: (0.090, 0.130),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "MI",
        name: "Michigan",
        electric_choice: false,
        gas_choice: true,
        zip3_ranges: &[(480, 499)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: (0.42, 0.75),
    },
    State {
        code: "GA",
        name: "Georgia",
        electric_choice: false,
        gas_choice: true,
        zip3_ranges: &[(300, 319), (398, 399)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: (0.55, 0.90),
    },
    no_choice("AL", "Alabama", &[(350, 369)]),
    no_choice("AK", "Alaska", &[(995, 999)]),
    no_choice("AZ", "Arizona", &[(850, 865)]),
    no_choice("AR", "Arkansas", &[(716, 729)]),
    no_choice("CA", "California", &[(900, 961)]),
    no_choice("CO", "Colorado", &[(800, 816)]),
    no_choice("FL", "Florida", &[(320, 349)]),
    no_choice("HI", "Hawaii", &[(967, 968)]),
    no_choice("ID", "Idaho", &[(832, 838)]),
    no_choice("IN", "Indiana", &[(460, 479)]),
    no_choice("IA", "Iowa", &[(500, 528)]),
    no_choice("KS", "Kansas", &[(660, 679)]),
    no_choice("KY", "Kentucky", &[(400, 427)]),
    no_choice("LA", "Louisiana", &[(700, 714)]),
    no_choice("MN", "Minnesota", &[(550, 567)]),
    no_choice("MS", "Mississippi", &[(386, 397)]),
    no_choice("MO", "Missouri", &[(630, 658)]),
    no_choice("MT", "Montana", &[(590, 599)]),
    no_choice("NE", "Nebraska", &[(680, 693)]),
    no_choice("NV", "Nevada", &[(889, 898)]),
    no_choice("NM", "New Mexico", &[(870, 884)]),
    no_choice("NC", "North Carolina", &[(270, 289)]),
    no_choice("ND", "North Dakota", &[(580, 588)]),
    no_choice("OK", "Oklahoma", &[(730, 749)]),
    no_choice("OR", "Oregon", &[(970, 979)]),
    no_choice("SC", "South Carolina", &[(290, 299)]),
    no_choice("SD", "South Dakota", &[(570, 577)]),
    no_choice("TN", "Tennessee", &[(370, 385)]),
    no_choice("UT", "Utah", &[(840, 847)]),
    no_choice("VT", "Vermont", &[(50, 54), (56, 59)]),
    no_choice("VA", "Virginia", &[(201, 201), (220, 246)]),
    no_choice("WA", "Washington", &[(980, 994)]),
    no_choice("WV", "West Virginia", &[(247, 268)]),
    no_choice("WI", "Wisconsin", &[(530, 549)]),
    no_choice("WY", "Wyoming", &[(820, 831)]),
];

/// Areas of choice states without choice: cities served by municipal utilities, which opted out
/// of retail choice, and territory outside the choice program.
pub static NO_CHOICE_AREAS: &[NoChoiceArea] = &[
    NoChoiceArea {
        first_zip: 78701,
        last_zip: 78799,
        served_by: "Austin Energy",
    },
    NoChoiceArea {
        first_zip: 78201,
        last_zip: 78299,
        served_by: "CPS Energy",
    },
    NoChoiceArea {
        first_zip: 79901,
        last_zip: 79999,
        served_by: "El Paso Electric, outside ERCOT",
    },
    NoChoiceArea {
        first_zip: 19901,
        last_zip: 19906,
        served_by: "City of Dover Electric",
    },
    NoChoiceArea {
        first_zip: 31901,
        last_zip: 31999,
        served_by: "Columbus Water Works and Liberty Utilities, outside Atlanta Gas Light",
    },
];
