//! Enrollment identifiers by utility: what each utility's account number, ESI ID or Choice ID
//! looks like, so a wrong number is caught before the customer signs.
//!
//! Formats come from utility bills and ERCOT practice: Texas ESI IDs start with `10` and a
//! utility code, and have 17 digits (22 for CenterPoint); most PJM and New England utilities use
//! 10-digit account numbers. Print formatting (spaces, dashes) is accepted and removed.

use serde::{Deserialize, Serialize};

/// What one utility expects as its enrollment identifier.
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
