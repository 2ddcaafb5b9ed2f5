use std::collections::BTreeSet;

use shopper_types::Commodity;
use shopper_types::identifiers::IDENTIFIER_RULES;

use super::*;
use crate::pricing::bands;

#[test]
fn every_utility_has_an_identifier_rule() {
    for utility in UTILITIES.iter() {
        assert!(
            identifier_rule(utility.code).is_some(),
            "{} has no identifier rule",
            utility.code
        );
    }
}

#[test]
fn every_identifier_rule_has_a_utility() {
    for rule in IDENTIFIER_RULES {
        assert!(
            self::utility(rule.utility_code).is_some(),
            "{} is missing from UTILITIES",
            rule.utility_code
        );
    }
}

#[test]
fn utility_codes_are_unique() {
    let codes: BTreeSet<&str> = UTILITIES.iter().map(|utility| utility.code).collect();
    assert_eq!(codes.len(), UTILITIES.len());
    let slugs: BTreeSet<&str> = SUPPLIERS.iter().map(|supplier| supplier.slug).collect();
    assert_eq!(slugs.len(), SUPPLIERS.len());
}

#[test]
fn every_utility_is_in_a_choice_state() {
    for utility in UTILITIES.iter() {
        let state = state(utility.state).unwrap_or_else(|| panic!("{}: unknown state {}", utility.code, utility.state));
        let choice = match utility.commodity {
            Commodity::Electricity => state.electric_choice,
            Commodity::Gas => state.gas_choice,
        };
        assert!(
            choice,
            "{}: {} has no {} choice",
            utility.code,
            state.code,
            utility.commodity.as_str()
        );
        let (low, high) = state.rate_range(utility.commodity);
        assert!(0.0 < low, "{}: price range {low}..{high}", state.code);
        assert!(low < high, "{}: price range {low}..{high}", state.code);
    }
}

#[test]
fn every_utility_has_five_known_suppliers() {
    for utility in UTILITIES.iter() {
        assert!(
            utility.suppliers.len() >= 5,
            "{} lists {} suppliers",
            utility.code,
            utility.suppliers.len()
        );
        for slug in utility.suppliers {
            assert!(supplier(slug).is_some(), "{}: unknown supplier {slug}", utility.code);
        }
    }
}

#[test]
fn codes_fit_in_price_ids() {
    let valid =
        |code: &str| !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    for utility in UTILITIES.iter() {
        assert!(valid(utility.code), "{}", utility.code);
        assert!(!utility.zones.is_empty(), "{} has no zone", utility.code);
        for zone in utility.zones {
            assert!(valid(zone.code), "{}: zone {}", utility.code, zone.code);
        }
        for rate_class in utility.rate_classes {
            assert!(
                valid(rate_class.code),
                "{}: rate class {}",
                utility.code,
                rate_class.code
            );
        }
    }
    for supplier in SUPPLIERS {
        assert!(valid(supplier.slug), "{}", supplier.slug);
    }
}

#[test]
fn rate_classes_cover_every_band() {
    for utility in UTILITIES.iter() {
        for band in bands(utility.commodity) {
            for usage in [band.min, band.max] {
                assert!(
                    utility.rate_class_for(usage).is_some(),
                    "{}: no rate class prices {usage}",
                    utility.code
                );
            }
        }
        for rate_class in utility.rate_classes {
            assert!(
                rate_class.min_annual_usage <= rate_class.max_annual_usage,
                "{} {}",
                utility.code,
                rate_class.code
            );
        }
    }
}

#[test]
fn every_zip_area_resolves() {
    for area in ZIP_AREAS.iter() {
        assert!(area.first_zip <= area.last_zip, "ZIP area {}", area.first_zip);
        for (code, zone_code) in area.served_by {
            let utility =
                self::utility(code).unwrap_or_else(|| panic!("ZIP area {}: unknown utility {code}", area.first_zip));
            assert!(
                utility.zone(zone_code).is_some(),
                "ZIP area {}: {code} has no zone {zone_code}",
                area.first_zip
            );
            let state = state(utility.state).unwrap();
            for zip in [area.first_zip, area.last_zip] {
                let zip3 = zip / 100;
                assert!(
                    state
                        .zip3_ranges
                        .iter()
                        .any(|(first, last)| (*first..=*last).contains(&zip3)),
                    "ZIP {zip:05} is not in {}",
                    state.code
                );
            }
        }
    }
}

#[test]
fn every_zone_serves_some_zip() {
    for utility in UTILITIES.iter() {
        for zone in utility.zones {
            let used = ZIP_AREAS
                .iter()
                .any(|area| area.served_by.contains(&(utility.code, zone.code)));
            assert!(used, "{} zone {} has no ZIP area", utility.code, zone.code);
        }
    }
}

#[test]
fn zip3_ranges_do_not_overlap() {
    let mut seen = BTreeSet::new();
    for state in STATES {
        for (first, last) in state.zip3_ranges {
            for zip3 in *first..=*last {
                assert!(seen.insert(zip3), "ZIP prefix {zip3:03} is in two states");
            }
        }
    }
}

#[test]
fn each_choice_market_has_five_suppliers() {
    for state in STATES {
        for (commodity, choice) in [
            (Commodity::Electricity, state.electric_choice),
            (Commodity::Gas, state.gas_choice),
        ] {
            if !choice {
                continue;
            }
            let suppliers: BTreeSet<&str> = UTILITIES
                .iter()
                .filter(|utility| utility.state == state.code && utility.commodity == commodity)
                .flat_map(|utility| utility.suppliers.iter().copied())
                .collect();
            assert!(
                suppliers.len() >= 5,
                "{} {}: {suppliers:?}",
                state.code,
                commodity.as_str()
            );
        }
    }
}

fn codes(zip: &str) -> Vec<&'static str> {
    locate(zip)
        .unwrap_or_else(|| panic!("{zip} not found"))
        .utilities
        .iter()
        .map(|served| served.utility.code)
        .collect()
}

fn zone_of(zip: &str, utility: &str) -> &'static str {
    locate(zip)
        .unwrap()
        .served(utility)
        .unwrap_or_else(|| panic!("{utility} does not serve {zip}"))
        .zone
        .code
}

#[test]
fn one_zip_per_choice_state() {
    let cases = [
        ("75201", "TX", &["ONCOR"][..]),
        ("60601", "IL", &["COMED", "PEOPLES_GAS"]),
        ("43215", "OH", &["AEP_OHIO", "COLUMBIA_OH"]),
        ("15222", "PA", &["DUQUESNE", "COLUMBIA_PA"]),
        ("07102", "NJ", &["PSEG", "PSEG_GAS"]),
        ("10001", "NY", &["CONED", "CONED_GAS"]),
        ("21201", "MD", &["BGE", "BGE_GAS"]),
        ("19801", "DE", &["DELMARVA_DE"]),
        ("20001", "DC", &["PEPCO_DC", "WASHINGTON_GAS_DC"]),
        ("02108", "MA", &["EVERSOURCE_MA", "NATGRID_MA_GAS"]),
        ("06103", "CT", &["EVERSOURCE_CT"]),
        ("02903", "RI", &["RI_ENERGY"]),
        ("03101", "NH", &["EVERSOURCE_NH"]),
        ("04101", "ME", &["CMP"]),
        ("48226", "MI", &["DTE_GAS"]),
        ("30303", "GA", &["AGL"]),
    ];
    for (zip, state, expected) in cases {
        let location = locate(zip).unwrap_or_else(|| panic!("{zip} not found"));
        assert_eq!(location.state.code, state, "{zip}");
        assert!(location.choice_market, "{zip}");
        assert_eq!(codes(zip), expected, "{zip}");
    }
}

#[test]
fn chicago_loop_is_comed_and_peoples_gas() {
    assert_eq!(codes("60601"), ["COMED", "PEOPLES_GAS"]);
    assert_eq!(codes("60540"), ["COMED", "NICOR"]);
    assert_eq!(codes("60035"), ["COMED", "NORTH_SHORE_GAS"]);
}

#[test]
fn texas_zips_with_two_tdsps() {
    assert_eq!(codes("77539"), ["CENTERPOINT", "TNMP"]);
    assert_eq!(codes("75067"), ["ONCOR", "TNMP"]);
    assert_eq!(zone_of("77539", "TNMP"), "COAST");
    assert_eq!(zone_of("75067", "TNMP"), "NCENT");
}

#[test]
fn zip_sets_the_zone() {
    assert_eq!(zone_of("75201", "ONCOR"), "NCENT");
    assert_eq!(zone_of("75701", "ONCOR"), "EAST");
    assert_eq!(zone_of("79701", "ONCOR"), "FWEST");
    assert_eq!(zone_of("77002", "CENTERPOINT"), "COAST");
    assert_eq!(zone_of("10001", "CONED"), "NYISO_J");
    assert_eq!(zone_of("10601", "CONED"), "NYISO_I");
    assert_eq!(zone_of("14202", "NATGRID_NY"), "NYISO_A");
    assert_eq!(zone_of("02108", "EVERSOURCE_MA"), "NEMA");
    assert_eq!(zone_of("01103", "EVERSOURCE_MA"), "WCMA");
}

#[test]
fn philadelphia_is_peco() {
    assert_eq!(codes("19103"), ["PECO"]);
    assert_eq!(codes("19406"), ["PECO", "PECO_GAS"]);
}

#[test]
fn states_without_choice_are_found() {
    for (zip, state) in [("33101", "FL"), ("27601", "NC"), ("22201", "VA"), ("94105", "CA")] {
        let location = locate(zip).unwrap_or_else(|| panic!("{zip} not found"));
        assert_eq!(location.state.code, state);
        assert!(!location.choice_market, "{zip}");
        assert!(location.utilities.is_empty(), "{zip}");
    }
}

#[test]
fn municipal_areas_have_no_choice() {
    for zip in ["78701", "78205", "79901", "19901", "31901"] {
        assert!(!locate(zip).unwrap().choice_market, "{zip}");
    }
}

#[test]
fn zip_outside_the_data_is_unknown() {
    assert!(locate("00501").is_none());
    assert!(locate("62001").is_none(), "IL ZIP without a ZIP area");
    assert!(locate("6060").is_none());
    assert!(locate("6060a").is_none());
}

#[test]
fn identifier_labels_are_capitalized() {
    assert_eq!(utility("ONCOR").unwrap().to_upstream().identifier_label, "ESI ID");
    assert_eq!(
        utility("COMED").unwrap().to_upstream().identifier_label,
        "Account number"
    );
    assert_eq!(
        utility("BGE").unwrap().to_upstream().identifier_label,
        "Electric Choice ID"
    );
    assert_eq!(
        utility("OHIO_EDISON").unwrap().to_upstream().identifier_label,
        "Customer number"
    );
}

#[test]
fn default_rate_class_follows_usage() {
    let comed = utility("COMED").unwrap();
    assert_eq!(comed.rate_class_for(90_000).unwrap().code, "SMALL_LOAD");
    assert_eq!(comed.rate_class_for(900_000).unwrap().code, "MEDIUM_LOAD");
    assert!(comed.rate_class_for(1_000_001).is_none());
    let aep = utility("AEP_OHIO").unwrap();
    assert_eq!(aep.rate_class_for(50_000).unwrap().code, "GS-1");
    assert_eq!(aep.rate_class_for(300_000).unwrap().code, "GS-2");
    assert_eq!(aep.rate_class_for(700_000).unwrap().code, "GS-3");
    assert_eq!(
        utility("ONCOR").unwrap().rate_class_for(300_000).unwrap().code,
        "BUSLOLF"
    );
}
