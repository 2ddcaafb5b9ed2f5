//! States in the data, by ZIP prefix, with their commercial choice status and price levels.
//!
//! Choice status: Texas (ERCOT), Illinois and Pennsylvania have commercial electric choice;
//! Illinois (Nicor Gas, Peoples Gas) and Pennsylvania have commercial gas choice; Texas has no
//! gas choice for small commercial customers. Florida, North Carolina, Washington and Arizona
//! are listed so their ZIP codes return "no choice" rather than "unknown".
//!
//! Supply-only price ranges are estimates at about half of the EIA all-in commercial averages
//! (2023: TX 8.8, IL 11.2, PA 11.3 ¢/kWh), and $0.45–$0.80 per therm for gas.

use super::{NoChoiceArea, State};

const NO_PRICES: (f64, f64) = (0.0, 0.0);

pub static STATES: &[State] = &[
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
        code: "TX",
        name: "Texas",
        electric_choice: true,
        gas_choice: false,
        zip3_ranges: &[(750, 799), (885, 885)],
        electric_rate_range: (0.060, 0.090),
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "PA",
        name: "Pennsylvania",
        electric_choice: true,
        gas_choice: true,
        zip3_ranges: &[(150, 196)],
        electric_rate_range: (0.070, 0.100),
        gas_rate_range: (0.45, 0.80),
    },
    State {
        code: "FL",
        name: "Florida",
        electric_choice: false,
        gas_choice: false,
        zip3_ranges: &[(320, 349)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "NC",
        name: "North Carolina",
        electric_choice: false,
        gas_choice: false,
        zip3_ranges: &[(270, 289)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "WA",
        name: "Washington",
        electric_choice: false,
        gas_choice: false,
        zip3_ranges: &[(980, 994)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: NO_PRICES,
    },
    State {
        code: "AZ",
        name: "Arizona",
        electric_choice: false,
        gas_choice: false,
        zip3_ranges: &[(850, 865)],
        electric_rate_range: NO_PRICES,
        gas_rate_range: NO_PRICES,
    },
];

/// Texas cities served by municipal utilities, which opted out of retail choice.
pub static NO_CHOICE_AREAS: &[NoChoiceArea] = &[
    NoChoiceArea { first_zip: 78701, last_zip: 78799, served_by: "Austin Energy" },
    NoChoiceArea { first_zip: 78201, last_zip: 78299, served_by: "CPS Energy" },
];
