//! Hand-written market data: states, utilities and their ZIP areas, rate classes and suppliers.
//!
//! Territories, identifier formats, supplier names and price levels follow public market facts
//! (utility and regulator pages, EIA price tables); ZIP areas are hand-picked ranges and
//! approximate real territories, and every price is synthetic. Utility codes are the ones in
//! `shopper_types::identifiers`, so every utility here has an enrollment identifier rule.

mod states;
mod suppliers;
mod utilities;

pub use states::{NO_CHOICE_AREAS, STATES};
pub use suppliers::SUPPLIERS;
pub use utilities::{UTILITIES, ZIP_AREAS};

use shopper_types::Commodity;
use shopper_types::identifier_rule;
use shopper_types::upstream::UpstreamUtility;

/// A US state and whether commercial customers there may choose a supplier.
#[derive(Debug)]
pub struct State {
    pub code: &'static str,
    pub name: &'static str,
    /// Commercial retail choice of electricity supplier.
    pub electric_choice: bool,
    /// Commercial retail choice of natural gas supplier.
    pub gas_choice: bool,
    /// Inclusive ranges of the first three ZIP digits assigned to the state.
    pub zip3_ranges: &'static [(u32, u32)],
    /// The supply price range of the state's matrix, per commodity, in dollars per unit.
    pub electric_rate_range: (f64, f64),
    pub gas_rate_range: (f64, f64),
}

/// A ZIP range inside a choice state whose only supplier is a municipal utility or cooperative.
#[derive(Debug)]
pub struct NoChoiceArea {
    pub first_zip: u32,
    pub last_zip: u32,
    pub served_by: &'static str,
}

/// An electric distribution company or a gas local distribution company.
#[derive(Debug)]
pub struct Utility {
    /// The platform's short code, for example `COMED`.
    pub code: &'static str,
    pub name: &'static str,
    pub state: &'static str,
    pub commodity: Commodity,
    /// The wholesale zone prices are set in: an ISO load zone, or the gas city gate.
    pub zone: &'static str,
    /// Commercial rate classes, smallest first; each covers annual usage up to its maximum.
    pub rate_classes: &'static [RateClass],
    /// Slugs of the suppliers that publish matrix prices in this territory.
    pub suppliers: &'static [&'static str],
}

/// A utility's commercial rate class (or ERCOT load profile), chosen by annual usage.
#[derive(Debug)]
pub struct RateClass {
    pub name: &'static str,
    /// The largest annual usage, in kWh or therms, priced under this class.
    pub max_annual_usage: u64,
}

/// A retail supplier and the terms of its matrix products.
#[derive(Debug)]
pub struct Supplier {
    /// URL-safe id used in price ids and disclosure URLs.
    pub slug: &'static str,
    pub name: &'static str,
    /// Contract terms in months that the supplier's matrix lists.
    pub terms_months: &'static [u32],
    /// Usage tolerance before the supplier may re-price, in percent.
    pub swing_percent: u8,
    /// Renewable shares (percent) of the products it sells, one product each.
    pub green_options: &'static [u8],
    /// A supplier-specific offset to the state's price level, as a fraction (0.03 = 3% dearer).
    pub price_bias: f64,
}

/// A ZIP range and the utilities that serve it.
#[derive(Debug)]
pub struct ZipArea {
    pub first_zip: u32,
    pub last_zip: u32,
    pub utility_codes: &'static [&'static str],
}

/// The state and utilities of one ZIP code.
#[derive(Debug)]
pub struct Location {
    pub state: &'static State,
    pub choice_market: bool,
    pub utilities: Vec<&'static Utility>,
}

/// Finds the state and utilities of a five-digit ZIP code; `None` when the ZIP is not in the data.
pub fn locate(zip5: &str) -> Option<Location> {
    let zip: u32 = zip5.parse().ok().filter(|_| zip5.len() == 5)?;
    let zip3 = zip / 100;
    let state = STATES.iter().find(|state| state.zip3_ranges.iter().any(|(first, last)| (*first..=*last).contains(&zip3)))?;

    let municipal = NO_CHOICE_AREAS.iter().any(|area| (area.first_zip..=area.last_zip).contains(&zip));
    if municipal || !(state.electric_choice || state.gas_choice) {
        return Some(Location { state, choice_market: false, utilities: Vec::new() });
    }

    let mut utilities: Vec<&'static Utility> = Vec::new();
    for area in ZIP_AREAS.iter().filter(|area| (area.first_zip..=area.last_zip).contains(&zip)) {
        for code in area.utility_codes {
            let utility = utility(code).expect("every ZIP area names a utility in UTILITIES");
            if !utilities.iter().any(|known| known.code == utility.code) {
                utilities.push(utility);
            }
        }
    }
    if utilities.is_empty() {
        return None;
    }
    Some(Location { state, choice_market: true, utilities })
}

/// Finds a utility by its code, ignoring case.
pub fn utility(code: &str) -> Option<&'static Utility> {
    UTILITIES.iter().find(|utility| utility.code.eq_ignore_ascii_case(code))
}

pub fn supplier(slug: &str) -> Option<&'static Supplier> {
    SUPPLIERS.iter().find(|supplier| supplier.slug == slug)
}

pub fn state(code: &str) -> Option<&'static State> {
    STATES.iter().find(|state| state.code == code)
}

impl Utility {
    /// The utility as the platform returns it, with the label of its enrollment identifier.
    pub fn to_upstream(&self) -> UpstreamUtility {
        let label = identifier_rule(self.code).map(|rule| rule.label).unwrap_or("account number");
        UpstreamUtility {
            code: self.code.to_owned(),
            name: self.name.to_owned(),
            commodity: self.commodity,
            identifier_label: capitalize(label),
        }
    }

    /// Finds the rate class that prices an annual usage, or `None` above the largest class.
    pub fn rate_class_for(&self, annual_usage: u64) -> Option<&'static RateClass> {
        self.rate_classes.iter().find(|class| annual_usage <= class.max_annual_usage)
    }
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_utility_has_an_identifier_rule() {
        for utility in UTILITIES {
            assert!(identifier_rule(utility.code).is_some(), "{} has no identifier rule", utility.code);
        }
    }

    #[test]
    fn every_identifier_rule_has_a_utility() {
        for rule in shopper_types::identifiers::IDENTIFIER_RULES {
            assert!(self::utility(rule.utility_code).is_some(), "{} is missing from UTILITIES", rule.utility_code);
        }
    }

    #[test]
    fn every_reference_resolves() {
        for utility in UTILITIES {
            assert!(state(utility.state).is_some(), "{}: unknown state {}", utility.code, utility.state);
            assert!(utility.suppliers.len() >= 3, "{} needs several suppliers", utility.code);
            for slug in utility.suppliers {
                assert!(supplier(slug).is_some(), "{}: unknown supplier {slug}", utility.code);
            }
        }
        for area in ZIP_AREAS {
            assert!(area.first_zip <= area.last_zip);
            for code in area.utility_codes {
                assert!(self::utility(code).is_some(), "ZIP area {}: unknown utility {code}", area.first_zip);
            }
        }
    }

    #[test]
    fn every_utility_serves_some_zip() {
        for utility in UTILITIES {
            assert!(ZIP_AREAS.iter().any(|area| area.utility_codes.contains(&utility.code)), "{} has no ZIP area", utility.code);
        }
    }

    fn codes(zip: &str) -> Vec<&'static str> {
        locate(zip).unwrap().utilities.iter().map(|utility| utility.code).collect()
    }

    #[test]
    fn chicago_loop_is_comed_and_peoples_gas() {
        let location = locate("60601").unwrap();
        assert_eq!(location.state.code, "IL");
        assert!(location.choice_market);
        assert_eq!(codes("60601"), ["COMED", "PEOPLES_GAS"]);
    }

    #[test]
    fn naperville_is_comed_and_nicor() {
        assert_eq!(codes("60540"), ["COMED", "NICOR"]);
    }

    #[test]
    fn houston_gulf_coast_zip_has_two_tdsps() {
        assert_eq!(codes("77539"), ["CENTERPOINT", "TNMP"]);
    }

    #[test]
    fn lewisville_has_oncor_and_tnmp() {
        assert_eq!(codes("75067"), ["ONCOR", "TNMP"]);
    }

    #[test]
    fn philadelphia_is_peco() {
        assert_eq!(codes("19103"), ["PECO"]);
        assert_eq!(codes("19406"), ["PECO", "PECO_GAS"]);
    }

    #[test]
    fn florida_has_no_choice() {
        let location = locate("33101").unwrap();
        assert_eq!(location.state.code, "FL");
        assert!(!location.choice_market);
        assert!(location.utilities.is_empty());
    }

    #[test]
    fn austin_energy_area_has_no_choice() {
        let location = locate("78701").unwrap();
        assert_eq!(location.state.code, "TX");
        assert!(!location.choice_market);
    }

    #[test]
    fn zip_outside_the_data_is_unknown() {
        assert!(locate("00501").is_none());
        assert!(locate("62201").is_none(), "IL ZIP without a ZIP area");
        assert!(locate("6060").is_none());
    }

    #[test]
    fn identifier_labels_are_capitalized() {
        assert_eq!(utility("ONCOR").unwrap().to_upstream().identifier_label, "ESI ID");
        assert_eq!(utility("COMED").unwrap().to_upstream().identifier_label, "Account number");
    }
}
