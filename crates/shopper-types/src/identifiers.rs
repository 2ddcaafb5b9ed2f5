//! Enrollment identifiers by utility: what each utility's account number, ESI ID or Choice ID
//! looks like, so a wrong number is caught before the customer signs.
//!
//! Formats come from utility bills and ERCOT practice. Texas ESI IDs start with `10` and a
//! utility code, and have 17 digits (22 for CenterPoint). Most PJM and New England utilities use
//! 10-digit account numbers. Print formatting (spaces, dashes) is accepted and removed.

use serde::{Deserialize, Serialize};

/// The format of one utility's enrollment identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdentifierRule {
    /// The utility's short code, as the platform uses it.
    pub utility_code: &'static str,
    /// The utility's name as customers know it, used in messages: "ComEd".
    pub utility_name: &'static str,
    /// The identifier's name on the bill: "account number", "ESI ID".
    pub label: &'static str,
    /// Letters the identifier starts with, before its digits (PSE&G point-of-delivery IDs).
    pub letter_prefixes: &'static [&'static str],
    /// The number of digits after any letter prefix.
    pub digits: usize,
    /// Digit prefixes of which one must match; empty means any.
    pub digit_prefixes: &'static [&'static str],
}

/// The identifier rules for every utility in the platform's data.
pub const IDENTIFIER_RULES: &[IdentifierRule] = &[
    rule("COMED", "ComEd", "account number", 10, &[]),
    rule("AMEREN_IL", "Ameren Illinois", "account number", 10, &[]),
    rule("NICOR", "Nicor Gas", "account number", 11, &[]),
    rule("PEOPLES_GAS", "Peoples Gas", "account number", 11, &[]),
    rule("ONCOR", "Oncor", "ESI ID", 17, &["1044372", "1017699"]),
    rule("CENTERPOINT", "CenterPoint", "ESI ID", 22, &["1008901"]),
    rule("AEP_TX_CENTRAL", "AEP Texas Central", "ESI ID", 17, &["1003278"]),
    rule("AEP_TX_NORTH", "AEP Texas North", "ESI ID", 17, &["1020404"]),
    rule("TNMP", "TNMP", "ESI ID", 17, &["10400511"]),
    rule("PECO", "PECO", "account number", 10, &[]),
    rule("PECO_GAS", "PECO Gas", "account number", 10, &[]),
    rule("PPL", "PPL Electric", "account number", 10, &[]),
    // FirstEnergy prints a 20-digit customer number starting 08 for supplier enrollment, apart
    // from the 12-digit billing account number.
    rule("OHIO_EDISON", "Ohio Edison", "customer number", 20, &["08"]),
    rule("CEI", "The Illuminating Company", "customer number", 20, &["08"]),
    rule("TOLEDO_EDISON", "Toledo Edison", "customer number", 20, &["08"]),
    // NOTE: AEP Ohio's SDI (service delivery identifier) length is unverified.
    rule("AEP_OHIO", "AEP Ohio", "SDI", 17, &[]),
    rule("CONED", "Con Edison", "account number", 15, &[]),
    // National Grid prints a 4-letter name key beside the account number; only the number is checked.
    rule("NATGRID_NY", "National Grid", "account number", 10, &[]),
    rule("NATGRID_MA", "National Grid", "account number", 10, &[]),
    rule("EVERSOURCE_CT", "Eversource", "account number", 11, &["51"]),
    rule("PSEG", "PSE&G", "account number", 10, &[]),
    rule("PSEG_GAS", "PSE&G", "account number", 10, &[]),
    // BGE prints a separate Choice ID per commodity for supplier enrollment.
    rule("BGE", "BGE", "electric Choice ID", 10, &[]),
    rule("BGE_GAS", "BGE", "gas Choice ID", 10, &[]),
    // NOTE: the formats below are unverified estimates. Gas accounts of Con Edison, National
    // Grid and North Shore Gas are assumed to look like their sister utility's. FirstEnergy's
    // Pennsylvania, New Jersey and Maryland companies are assumed to use the Ohio customer
    // number, and Pepco, Delmarva and ACE (Pepco Holdings) 11 digits. The rest are a plausible
    // digit count only.
    rule("NORTH_SHORE_GAS", "North Shore Gas", "account number", 11, &[]),
    rule("DUKE_OH", "Duke Energy Ohio", "account number", 12, &[]),
    rule("DUKE_OH_GAS", "Duke Energy Ohio Gas", "account number", 12, &[]),
    rule("NATGRID_NY_GAS", "National Grid", "account number", 10, &[]),
    rule("KEDNY", "National Grid", "account number", 10, &[]),
    rule("NATGRID_MA_GAS", "National Grid", "account number", 10, &[]),
    rule("CONED_GAS", "Con Edison Gas", "account number", 15, &[]),
    rule("MET_ED", "Met-Ed", "customer number", 20, &["08"]),
    rule("PENELEC", "Penelec", "customer number", 20, &["08"]),
    rule("PENN_POWER", "Penn Power", "customer number", 20, &["08"]),
    rule("WEST_PENN", "West Penn Power", "customer number", 20, &["08"]),
    rule("JCPL", "JCP&L", "customer number", 20, &["08"]),
    rule("POTOMAC_EDISON", "Potomac Edison", "customer number", 20, &["08"]),
    rule("PEPCO_MD", "Pepco", "account number", 11, &[]),
    rule("PEPCO_DC", "Pepco", "account number", 11, &[]),
    rule("DELMARVA_MD", "Delmarva Power", "account number", 11, &[]),
    rule("DELMARVA_DE", "Delmarva Power", "account number", 11, &[]),
    rule("ACE", "Atlantic City Electric", "account number", 11, &[]),
    rule("AES_OHIO", "AES Ohio", "account number", 13, &[]),
    rule("COLUMBIA_OH", "Columbia Gas of Ohio", "account number", 12, &[]),
    rule("DOMINION_OH", "Dominion Energy Ohio", "account number", 12, &[]),
    rule("CENTERPOINT_OH", "CenterPoint Energy Ohio", "account number", 10, &[]),
    rule("CONSUMERS_GAS", "Consumers Energy", "account number", 12, &[]),
    rule("DTE_GAS", "DTE Gas", "account number", 12, &[]),
    rule("DUQUESNE", "Duquesne Light", "account number", 10, &[]),
    rule("COLUMBIA_PA", "Columbia Gas of Pennsylvania", "account number", 12, &[]),
    rule("UGI_GAS", "UGI", "account number", 12, &[]),
    rule("RECO", "Rockland Electric", "account number", 10, &[]),
    rule("NJNG", "New Jersey Natural Gas", "account number", 12, &[]),
    rule("SJG", "South Jersey Gas", "account number", 12, &[]),
    rule("ETOWN", "Elizabethtown Gas", "account number", 10, &[]),
    rule("NYSEG", "NYSEG", "account number", 12, &[]),
    rule("RGE", "RG&E", "account number", 12, &[]),
    rule("CENHUD", "Central Hudson", "account number", 10, &[]),
    rule("ORU", "Orange & Rockland", "account number", 10, &[]),
    rule("PSEG_LI", "PSEG Long Island", "account number", 10, &[]),
    rule("NFG", "National Fuel Gas", "account number", 10, &[]),
    rule("WASHINGTON_GAS_MD", "Washington Gas", "account number", 12, &[]),
    rule("WASHINGTON_GAS_DC", "Washington Gas", "account number", 12, &[]),
    rule("EVERSOURCE_MA", "Eversource", "account number", 11, &[]),
    rule("EVERSOURCE_MA_GAS", "Eversource", "account number", 11, &[]),
    rule("UNITIL_MA", "Unitil", "account number", 10, &[]),
    rule("UI", "United Illuminating", "account number", 13, &[]),
    rule("RI_ENERGY", "Rhode Island Energy", "account number", 10, &[]),
    rule("EVERSOURCE_NH", "Eversource", "account number", 11, &[]),
    rule("UNITIL_NH", "Unitil", "account number", 10, &[]),
    rule("LIBERTY_NH", "Liberty Utilities", "account number", 10, &[]),
    rule("CMP", "Central Maine Power", "account number", 11, &[]),
    rule("VERSANT", "Versant Power", "account number", 10, &[]),
    rule("AGL", "Atlanta Gas Light", "account number", 10, &[]),
];

const fn rule(
    utility_code: &'static str,
    utility_name: &'static str,
    label: &'static str,
    digits: usize,
    digit_prefixes: &'static [&'static str],
) -> IdentifierRule {
    IdentifierRule { utility_code, utility_name, label, letter_prefixes: &[], digits, digit_prefixes }
}

/// Finds the rule for a utility code, ignoring case.
pub fn identifier_rule(utility_code: &str) -> Option<&'static IdentifierRule> {
    IDENTIFIER_RULES.iter().find(|rule| rule.utility_code.eq_ignore_ascii_case(utility_code))
}

/// A utility identifier in its normalised form: letters upper-case, no spaces or dashes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountNumber(String);

impl AccountNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl IdentifierRule {
    /// A hint for the input field: "10 digits" or "17 digits starting 1044372 or 1017699".
    pub fn hint(&self) -> String {
        let mut hint = match self.letter_prefixes {
            [] => format!("{} digits", self.digits),
            letters => format!("{} then {} digits", letters.join(" or "), self.digits),
        };
        if !self.digit_prefixes.is_empty() {
            hint.push_str(&format!(" starting {}", self.digit_prefixes.join(" or ")));
        }
        hint
    }

    /// Parses an identifier as printed on the bill and checks it against this utility's format.
    pub fn parse(&self, value: &str) -> Result<AccountNumber, String> {
        let compact: String =
            value.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect::<String>().to_ascii_uppercase();
        let name = self.utility_name;
        let label = self.label;
        if compact.is_empty() {
            return Err(format!("Enter the {name} {label} from the bill."));
        }

        let digits = match self.letter_prefixes {
            [] => compact.as_str(),
            letters => match letters.iter().find(|prefix| compact.starts_with(**prefix)) {
                Some(prefix) => &compact[prefix.len()..],
                None => {
                    return Err(format!("{name} {label}s start with {}.", letters.join(" or ")));
                }
            },
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("{name} {label}s have only digits ({}); check for letters.", self.hint()));
        }
        if digits.len() != self.digits {
            return Err(format!("{name} {label}s have {} digits; yours has {}.", self.digits, digits.len()));
        }
        if !self.digit_prefixes.is_empty() && !self.digit_prefixes.iter().any(|prefix| digits.starts_with(prefix)) {
            return Err(format!("{name} {label}s start with {}; check the number on your bill.", self.digit_prefixes.join(" or ")));
        }
        Ok(AccountNumber(compact))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(code: &str, value: &str) -> Result<String, String> {
        identifier_rule(code).unwrap().parse(value).map(|n| n.0)
    }

    #[test]
    fn comed_accepts_ten_digits_as_printed() {
        assert_eq!(parse("COMED", "01234-56789").unwrap(), "0123456789");
        assert_eq!(parse("comed", "0123456789").unwrap(), "0123456789");
    }

    #[test]
    fn comed_message_counts_digits() {
        assert_eq!(parse("COMED", "012345678").unwrap_err(), "ComEd account numbers have 10 digits; yours has 9.");
    }

    #[test]
    fn oncor_needs_its_prefix() {
        assert!(parse("ONCOR", "10443720001234567").is_ok());
        assert!(parse("ONCOR", "10176990001234567").is_ok());
        let error = parse("ONCOR", "10089010001234567").unwrap_err();
        assert!(error.contains("start with 1044372 or 1017699"), "{error}");
    }

    #[test]
    fn centerpoint_has_twenty_two_digits() {
        assert!(parse("CENTERPOINT", "1008901000123456789012").is_ok());
        assert!(parse("CENTERPOINT", "100890100012345678901").unwrap_err().contains("22 digits; yours has 21"));
    }

    #[test]
    fn letters_are_rejected_with_the_format() {
        let error = parse("PECO", "12345ABCDE").unwrap_err();
        assert!(error.contains("only digits (10 digits)"), "{error}");
    }

    #[test]
    fn nicor_accepts_bill_grouping() {
        assert_eq!(parse("NICOR", "12-34-56-7890 1").unwrap(), "12345678901");
    }

    #[test]
    fn every_rule_has_a_distinct_code() {
        for (index, rule) in IDENTIFIER_RULES.iter().enumerate() {
            assert!(IDENTIFIER_RULES[index + 1..].iter().all(|other| other.utility_code != rule.utility_code));
        }
    }
}
