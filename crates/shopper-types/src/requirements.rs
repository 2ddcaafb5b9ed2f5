//! What each utility needs to enroll an account: the identifier fields a sign-up form shows.
//!
//! Every utility needs its enrollment identifier ([`crate::identifiers`]). Some print more on
//! the bill that suppliers must send: National Grid (MA, upstate NY) and Eversource CT a 4-letter
//! name key next to the account number; PSE&G a point-of-delivery ID (`PE` and 18 digits for
//! electricity, `PG` for gas). BGE's Choice ID is its enrollment identifier itself.

use serde::{Deserialize, Serialize};

use crate::identifiers::{IdentifierRule, identifier_rule};

/// One identifier field of a utility account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountField {
    AccountNumber,
    NameKey,
    PodId,
}

impl AccountField {
    /// The field's name in requests and field paths: `accounts[0].name_key`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountField::AccountNumber => "account_number",
            AccountField::NameKey => "name_key",
            AccountField::PodId => "pod_id",
        }
    }

    /// Parses the field's name, in snake case (`name_key`) or as a GraphQL enum value (`NAME_KEY`).
    pub fn parse(value: &str) -> Option<AccountField> {
        [AccountField::AccountNumber, AccountField::NameKey, AccountField::PodId]
            .into_iter()
            .find(|field| field.as_str().eq_ignore_ascii_case(value))
    }
}

/// A field the sign-up form must show for a utility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRequirement {
    pub field: AccountField,
    /// The field's name as printed on the bill: "ESI ID", "Name key".
    pub label: String,
    /// The expected format: "10 digits", "4 letters, as printed on your bill".
    pub hint: String,
}

/// The sign-up requirements of one utility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UtilityRequirements {
    pub utility_code: String,
    pub utility_name: String,
    pub fields: Vec<FieldRequirement>,
}

/// Utilities whose bills print a 4-letter name key that enrollment must match.
const NAME_KEY_UTILITIES: [&str; 3] = ["NATGRID_NY", "NATGRID_MA", "EVERSOURCE_CT"];

/// PSE&G's electric point-of-delivery ID: `PE` and 18 digits.
const PSEG_ELECTRIC_POD_ID: IdentifierRule = IdentifierRule {
    utility_code: "PSEG",
    utility_name: "PSE&G",
    label: "point of delivery ID",
    letter_prefixes: &["PE"],
    digits: 18,
    digit_prefixes: &[],
};

/// PSE&G's gas point-of-delivery ID: `PG` and 18 digits.
const PSEG_GAS_POD_ID: IdentifierRule =
    IdentifierRule { utility_code: "PSEG_GAS", letter_prefixes: &["PG"], ..PSEG_ELECTRIC_POD_ID };

fn requirement(field: AccountField, rule: &IdentifierRule) -> FieldRequirement {
    FieldRequirement { field, label: capitalize(rule.label), hint: rule.hint() }
}

fn capitalize(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The identifier rule that checks `field` for a utility, when the field is a number.
pub fn field_rule(utility_code: &str, field: AccountField) -> Option<&'static IdentifierRule> {
    let code = utility_code.to_ascii_uppercase();
    match field {
        AccountField::AccountNumber => identifier_rule(&code),
        AccountField::PodId if code == "PSEG" => Some(&PSEG_ELECTRIC_POD_ID),
        AccountField::PodId if code == "PSEG_GAS" => Some(&PSEG_GAS_POD_ID),
        _ => None,
    }
}

/// The sign-up requirements of a utility, or `None` for a utility outside the data.
pub fn utility_requirements(utility_code: &str) -> Option<UtilityRequirements> {
    let account_rule = identifier_rule(utility_code)?;
    let code = account_rule.utility_code;
    let mut fields = vec![requirement(AccountField::AccountNumber, account_rule)];

    if NAME_KEY_UTILITIES.contains(&code) {
        fields.push(FieldRequirement {
            field: AccountField::NameKey,
            label: "Name key".into(),
            hint: "4 letters, printed next to the account number on your bill".into(),
        });
    }
    if let Some(rule) = field_rule(code, AccountField::PodId) {
        fields.push(requirement(AccountField::PodId, rule));
    }

    Some(UtilityRequirements { utility_code: code.to_owned(), utility_name: account_rule.utility_name.to_owned(), fields })
}

/// A utility's 4-letter name key, upper-case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameKey(String);

impl NameKey {
    pub fn parse(value: &str, utility_name: &str) -> Result<NameKey, String> {
        let key = value.trim().to_ascii_uppercase();
        if key.is_empty() {
            return Err(format!("Enter the name key printed next to the account number on your {utility_name} bill."));
        }
        if key.len() != 4 || !key.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!("{utility_name} name keys have 4 letters; \"{}\" is not one.", value.trim()));
        }
        Ok(NameKey(key))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(code: &str) -> Vec<AccountField> {
        utility_requirements(code).unwrap().fields.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn comed_needs_only_the_account_number() {
        assert_eq!(fields("COMED"), [AccountField::AccountNumber]);
    }

    #[test]
    fn national_grid_and_eversource_ct_need_a_name_key() {
        assert_eq!(fields("NATGRID_MA"), [AccountField::AccountNumber, AccountField::NameKey]);
        assert_eq!(fields("EVERSOURCE_CT"), [AccountField::AccountNumber, AccountField::NameKey]);
    }

    #[test]
    fn pseg_needs_a_pod_id() {
        assert_eq!(fields("PSEG"), [AccountField::AccountNumber, AccountField::PodId]);
        assert_eq!(fields("BGE"), [AccountField::AccountNumber]);
    }

    #[test]
    fn pseg_pod_id_checks_its_letters() {
        let electric = field_rule("PSEG", AccountField::PodId).unwrap();
        assert_eq!(electric.parse("PE 0001 2345 6789 0123 45").unwrap().as_str(), "PE000123456789012345");
        assert!(electric.parse("PG000123456789012345").unwrap_err().contains("start with PE"));
        let gas = field_rule("PSEG_GAS", AccountField::PodId).unwrap();
        assert!(gas.parse("PG000123456789012345").is_ok());
    }

    #[test]
    fn name_key_is_four_letters() {
        assert_eq!(NameKey::parse(" lake ", "National Grid").unwrap().as_str(), "LAKE");
        assert_eq!(NameKey::parse("LAK", "National Grid").unwrap_err(), "National Grid name keys have 4 letters; \"LAK\" is not one.");
        assert!(NameKey::parse("LAK3", "National Grid").is_err());
    }

    #[test]
    fn account_field_parses_both_spellings() {
        assert_eq!(AccountField::parse("name_key"), Some(AccountField::NameKey));
        assert_eq!(AccountField::parse("POD_ID"), Some(AccountField::PodId));
        assert_eq!(AccountField::parse("meter"), None);
    }

    #[test]
    fn unknown_utility_has_no_requirements() {
        assert_eq!(utility_requirements("NOPE"), None);
    }
}
