//! Hand-written market data: states, utilities and their ZIP areas, pricing zones, rate classes
//! and suppliers.
//!
//! Territories, identifier formats, supplier names and price levels follow public market facts
//! (utility and regulator pages, EIA price tables); ZIP areas are hand-picked ranges that
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
    /// The supply price range of the state's matrix, in dollars per kWh.
    pub electric_rate_range: (f64, f64),
    /// The supply price range of the state's matrix, in dollars per therm.
    pub gas_rate_range: (f64, f64),
}

/// A ZIP range inside a choice state whose only utility is a municipal utility or cooperative,
/// or that lies outside the choice program.
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
    /// The wholesale zones supply is priced in: ISO load zones, ERCOT weather zones or the gas
    /// city gate. Each ZIP area names the zone of its service addresses.
    pub zones: &'static [Zone],
    /// Commercial rate classes (or ERCOT load profiles). When a price request names none, the
    /// first class whose usage range contains the annual usage applies.
    pub rate_classes: &'static [RateClass],
    /// Slugs of the suppliers that publish matrix prices in this territory.
    pub suppliers: &'static [&'static str],
}

/// A wholesale pricing zone of a utility.
#[derive(Debug)]
pub struct Zone {
    /// The ISO's own name for the zone, like `NCENT` or `NEMA`; never contains a dot.
    pub code: &'static str,
    pub name: &'static str,
    /// The zone's price level against the state's, as a fraction (0.05 = 5% dearer).
    pub price_factor: f64,
}

/// A utility's commercial rate class, or an ERCOT business load profile.
#[derive(Debug)]
pub struct RateClass {
    /// Short code used in price ids and the `rate_class` query parameter; never contains a dot.
    pub code: &'static str,
    /// The tariff name as printed on the bill.
    pub name: &'static str,
    /// The annual usage range, in kWh or therms, that suppliers price under this class.
    pub min_annual_usage: u64,
    pub max_annual_usage: u64,
    /// The class's price level, as a fraction: low load factor costs more to serve.
    pub price_factor: f64,
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
    /// Renewable shares (percent) of its electricity products, one product each.
    pub green_options: &'static [u8],
    /// A supplier-specific offset to the state's price level, as a fraction (0.03 = 3% dearer).
    pub price_bias: f64,
}

/// A ZIP range and the utilities that serve it, each with the pricing zone of the range.
#[derive(Debug)]
pub struct ZipArea {
    pub first_zip: u32,
    pub last_zip: u32,
    /// (utility code, zone code) pairs.
    pub served_by: &'static [(&'static str, &'static str)],
}

/// A utility serving a ZIP code, and the pricing zone that ZIP code is in.
#[derive(Clone, Copy, Debug)]
pub struct ServedUtility {
    pub utility: &'static Utility,
    pub zone: &'static Zone,
}

/// The state and utilities of one ZIP code.
#[derive(Debug)]
pub struct Location {
    pub state: &'static State,
    pub choice_market: bool,
    /// Utilities in the order of the ZIP areas; empty when `choice_market` is false.
    pub utilities: Vec<ServedUtility>,
}

impl Location {
    /// Finds the utility with this code among the ones serving the ZIP code.
    pub fn served(&self, utility_code: &str) -> Option<ServedUtility> {
        self.utilities
            .iter()
            .copied()
            .find(|served| served.utility.code == utility_code)
    }
}

/// Finds the state and utilities of a five-digit ZIP code; `None` when the ZIP is not in the data.
///
/// A ZIP code in a state without choice, or in a municipal or cooperative area, is found with
/// `choice_market: false`. A ZIP code of a choice state outside every ZIP area is not in the data.
pub fn locate(zip5: &str) -> Option<Location> {
    let zip: u32 = zip5.parse().ok().filter(|_| zip5.len() == 5)?;
    let zip3 = zip / 100;
    let state = STATES.iter().find(|state| {
        state
            .zip3_ranges
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&zip3))
    })?;

    let no_choice_area = NO_CHOICE_AREAS
        .iter()
        .any(|area| (area.first_zip..=area.last_zip).contains(&zip));
    if no_choice_area || !(state.electric_choice || state.gas_choice) {
        return Some(Location {
            state,
            choice_market: false,
            utilities: Vec::new(),
        });
    }

    let mut utilities: Vec<ServedUtility> = Vec::new();
    for area in ZIP_AREAS
        .iter()
        .filter(|area| (area.first_zip..=area.last_zip).contains(&zip))
    {
        for (code, zone_code) in area.served_by {
            if utilities.iter().any(|known| known.utility.code == *code) {
                continue;
            }
            let utility = utility(code).expect("every ZIP area names a utility in UTILITIES");
            let zone = utility
                .zone(zone_code)
                .expect("every ZIP area names a zone of its utility");
            utilities.push(ServedUtility { utility, zone });
        }
    }
    if utilities.is_empty() {
        return None;
    }
    Some(Location {
        state,
        choice_market: true,
        utilities,
    })
}

/// Finds a utility by its code, ignoring case.
pub fn utility(code: &str) -> Option<&'static Utility> {
    utility_index(code).map(|index| UTILITIES[index])
}

/// Returns the position of a utility in [`UTILITIES`], which the rate matrix uses as its id.
pub fn utility_index(code: &str) -> Option<usize> {
    UTILITIES
        .iter()
        .position(|utility| utility.code.eq_ignore_ascii_case(code))
}

pub fn supplier(slug: &str) -> Option<&'static Supplier> {
    supplier_index(slug).map(|index| &SUPPLIERS[index])
}

/// Returns the position of a supplier in [`SUPPLIERS`], which the rate matrix uses as its id.
pub fn supplier_index(slug: &str) -> Option<usize> {
    SUPPLIERS.iter().position(|supplier| supplier.slug == slug)
}

pub fn state(code: &str) -> Option<&'static State> {
    STATES.iter().find(|state| state.code == code)
}

impl State {
    /// Returns the state's supply price range for a commodity, in dollars per kWh or therm.
    pub fn rate_range(&self, commodity: Commodity) -> (f64, f64) {
        match commodity {
            Commodity::Electricity => self.electric_rate_range,
            Commodity::Gas => self.gas_rate_range,
        }
    }
}

impl Utility {
    /// The utility as the platform returns it, with the label of its enrollment identifier.
    pub fn to_upstream(&self) -> UpstreamUtility {
        let label = identifier_rule(self.code)
            .map(|rule| rule.label)
            .unwrap_or("account number");
        UpstreamUtility {
            code: self.code.to_owned(),
            name: self.name.to_owned(),
            commodity: self.commodity,
            identifier_label: capitalize(label),
        }
    }

    /// Finds one of the utility's zones by code, ignoring case.
    pub fn zone(&self, code: &str) -> Option<&'static Zone> {
        self.zones.iter().find(|zone| zone.code.eq_ignore_ascii_case(code))
    }

    /// Finds one of the utility's rate classes by code, ignoring case.
    pub fn rate_class(&self, code: &str) -> Option<&'static RateClass> {
        self.rate_classes
            .iter()
            .find(|class| class.code.eq_ignore_ascii_case(code))
    }

    /// Returns the rate class that prices an annual usage by default, or `None` above every class.
    pub fn rate_class_for(&self, annual_usage: u64) -> Option<&'static RateClass> {
        self.rate_classes.iter().find(|class| class.covers(annual_usage))
    }
}

impl RateClass {
    /// True when suppliers price this annual usage under the class.
    pub fn covers(&self, annual_usage: u64) -> bool {
        (self.min_annual_usage..=self.max_annual_usage).contains(&annual_usage)
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
mod tests;
