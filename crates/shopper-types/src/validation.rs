//! Contact and address values, parsed once at the edge ("parse, don't validate").
//!
//! Each `parse` accepts the value as people type it (spaces, dashes, brackets) and returns the
//! normalised form, or a message that names what is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api::{Address, CreateContractRequest, Customer, UtilityAccount};
use crate::identifiers::{AccountNumber, identifier_rule};

/// A problem with one field of a request. `field` is a path such as `customer.email` or
/// `accounts[0].account_number`, so the widget can put the message next to the right input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into() }
    }
}

fn digits_only(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// Returns true when every character is a digit or print formatting (space, dash, dot, brackets).
fn only_digits_and_separators(value: &str) -> bool {
    value.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
}

/// A five-digit US ZIP code. ZIP+4 input (`60601-1234`) is accepted and keeps its extension.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ZipCode {
    zip5: String,
    plus4: Option<String>,
}

impl ZipCode {
    pub fn parse(value: &str) -> Result<ZipCode, String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err("Enter a ZIP code.".into());
        }
        let (zip5, plus4) = match trimmed.split_once('-') {
            Some((zip5, plus4)) => (zip5.trim(), Some(plus4.trim())),
            None if trimmed.len() == 9 => (&trimmed[..5], Some(&trimmed[5..])),
            None => (trimmed, None),
        };
        if zip5.len() != 5 || !zip5.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("A ZIP code has 5 digits, like 60601; \"{trimmed}\" is not one."));
        }
        if let Some(plus4) = plus4
            && (plus4.len() != 4 || !plus4.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(format!("A ZIP+4 code looks like 60601-1234; \"{trimmed}\" is not one."));
        }
        Ok(ZipCode { zip5: zip5.to_owned(), plus4: plus4.map(str::to_owned) })
    }

    /// The five-digit ZIP code, which is what utility territories are keyed by.
    pub fn zip5(&self) -> &str {
        &self.zip5
    }
}

impl fmt::Display for ZipCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.plus4 {
            Some(plus4) => write!(f, "{}-{}", self.zip5, plus4),
            None => f.write_str(&self.zip5),
        }
    }
}

/// A US phone number, stored as its ten digits (area code first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(value: &str) -> Result<PhoneNumber, String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err("Enter a phone number.".into());
        }
        let without_country = trimmed.strip_prefix("+1").unwrap_or(trimmed);
        if !only_digits_and_separators(without_country) {
            return Err("A phone number has only digits, like (312) 555-0142.".into());
        }
        let mut digits = digits_only(without_country);
        if digits.len() == 11 && digits.starts_with('1') {
            digits.remove(0);
        }
        if digits.len() != 10 {
            return Err(format!(
                "A US phone number has 10 digits with the area code; yours has {}.",
                digits.len()
            ));
        }
        // North American Numbering Plan: area codes and exchanges never start with 0 or 1.
        if digits.starts_with(['0', '1']) || digits[3..].starts_with(['0', '1']) {
            return Err("That is not a valid US phone number: check the area code.".into());
        }
        Ok(PhoneNumber(digits))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}) {}-{}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

/// An email address with one `@`, a local part and a dotted domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(value: &str) -> Result<EmailAddress, String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err("Enter an email address.".into());
        }
        let invalid = || format!("\"{trimmed}\" is not an email address; use the form name@company.com.");
        let (local, domain) = trimmed.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.contains(char::is_whitespace) || !domain_ok {
            return Err(invalid());
        }
        Ok(EmailAddress(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Prefixes the IRS never assigns to an EIN. Every other two-digit prefix belongs to an IRS
/// campus, the online application or the SBA (IRS, "How EINs are assigned and valid EIN prefixes").
const INVALID_EIN_PREFIXES: [&str; 17] =
    ["00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97"];

/// A federal employer identification number, stored as `NN-NNNNNNN`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fein(String);

impl Fein {
    pub fn parse(value: &str) -> Result<Fein, String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err("Enter the business's FEIN (federal tax ID), like 36-4123456.".into());
        }
        if !only_digits_and_separators(trimmed) {
            return Err("A FEIN has only digits, like 36-4123456.".into());
        }
        let digits = digits_only(trimmed);
        if digits.len() != 9 {
            return Err(format!("A FEIN has 9 digits, like 36-4123456; yours has {}.", digits.len()));
        }
        let prefix = &digits[..2];
        if INVALID_EIN_PREFIXES.contains(&prefix) {
            return Err(format!("No FEIN starts with {prefix}; check the number on your IRS letter or tax return."));
        }
        Ok(Fein(format!("{}-{}", prefix, &digits[2..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The two-letter codes of the states and DC.
const STATE_CODES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

/// A US state or DC, as its two-letter postal code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StateCode(String);

impl StateCode {
    pub fn parse(value: &str) -> Result<StateCode, String> {
        let upper = value.trim().to_ascii_uppercase();
        if upper.is_empty() {
            return Err("Enter the state.".into());
        }
        if STATE_CODES.contains(&upper.as_str()) {
            Ok(StateCode(upper))
        } else {
            Err(format!("\"{}\" is not a US state code; use two letters, like IL.", value.trim()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks that a free-text field is filled in and not absurdly long.
fn required_text(value: &str, what: &str, max_chars: usize) -> Result<String, String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(format!("Enter the {what}."));
    }
    if trimmed.chars().count() > max_chars {
        return Err(format!("The {what} is longer than {max_chars} characters."));
    }
    Ok(trimmed.to_owned())
}

/// A customer whose every field has been checked and normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidCustomer {
    pub legal_name: String,
    pub contact_name: String,
    pub email: EmailAddress,
    pub phone: PhoneNumber,
}

/// An address whose every field has been checked and normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAddress {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub state: StateCode,
    pub zip: ZipCode,
}

/// A utility account whose identifier matches its utility's format.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAccount {
    pub utility_code: String,
    pub account_number: AccountNumber,
    pub service_address: ValidAddress,
}

/// The customer part of a contract request, checked field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidContractDetails {
    pub customer: ValidCustomer,
    pub accounts: Vec<ValidAccount>,
}

/// Collects per-field errors while parsing a request.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn check<T>(&mut self, field: String, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.push(FieldError::new(field, message));
                None
            }
        }
    }
}

/// Parses the customer's contact details. Field paths start with `customer.`.
pub fn parse_customer(customer: &Customer) -> Result<ValidCustomer, Vec<FieldError>> {
    let mut errors = Errors::default();
    let legal_name = errors.check(
        "customer.legal_name".into(),
        required_text(&customer.legal_name, "legal business name", 120),
    );
    let contact_name =
        errors.check("customer.contact_name".into(), required_text(&customer.contact_name, "contact name", 80));
    let email = errors.check("customer.email".into(), EmailAddress::parse(&customer.email));
    let phone = errors.check("customer.phone".into(), PhoneNumber::parse(&customer.phone));
    match (legal_name, contact_name, email, phone) {
        (Some(legal_name), Some(contact_name), Some(email), Some(phone)) => {
            Ok(ValidCustomer { legal_name, contact_name, email, phone })
        }
        _ => Err(errors.0),
    }
}

/// Parses an address; `prefix` is the field path of the address, such as `accounts[0].service_address`.
pub fn parse_address(address: &Address, prefix: &str) -> Result<ValidAddress, Vec<FieldError>> {
    let mut errors = Errors::default();
    let line1 = errors.check(format!("{prefix}.line1"), required_text(&address.line1, "street address", 100));
    let city = errors.check(format!("{prefix}.city"), required_text(&address.city, "city", 60));
    let state = errors.check(format!("{prefix}.state"), StateCode::parse(&address.state));
    let zip = errors.check(format!("{prefix}.zip"), ZipCode::parse(&address.zip));
    match (line1, city, state, zip) {
        (Some(line1), Some(city), Some(state), Some(zip)) => {
            Ok(ValidAddress { line1, line2: address.line2.trim().to_owned(), city, state, zip })
        }
        _ => Err(errors.0),
    }
}

/// Parses one utility account; `index` is its position in the request.
pub fn parse_account(account: &UtilityAccount, index: usize) -> Result<ValidAccount, Vec<FieldError>> {
    let prefix = format!("accounts[{index}]");
    let mut errors = Vec::new();

    let account_number = match identifier_rule(&account.utility_code) {
        Some(rule) => match rule.parse(&account.account_number) {
            Ok(number) => Some(number),
            Err(message) => {
                errors.push(FieldError::new(format!("{prefix}.account_number"), message));
                None
            }
        },
        None => {
            errors.push(FieldError::new(
                format!("{prefix}.utility_code"),
                format!("\"{}\" is not a utility we can enroll; choose the utility again.", account.utility_code),
            ));
            None
        }
    };
    let service_address = match parse_address(&account.service_address, &format!("{prefix}.service_address")) {
        Ok(address) => Some(address),
        Err(address_errors) => {
            errors.extend(address_errors);
            None
        }
    };

    match (account_number, service_address) {
        (Some(account_number), Some(service_address)) => {
            Ok(ValidAccount { utility_code: account.utility_code.clone(), account_number, service_address })
        }
        _ => Err(errors),
    }
}

/// Parses everything a contract request carries besides the quote id, and returns every problem
/// at once so the customer can fix them in one pass.
pub fn parse_contract_details(request: &CreateContractRequest) -> Result<ValidContractDetails, Vec<FieldError>> {
    let mut errors = Vec::new();
    let customer = parse_customer(&request.customer).map_err(|e| errors.extend(e)).ok();

    if request.accounts.is_empty() {
        errors.push(FieldError::new("accounts", "Add the utility account to enroll."));
    }
    let mut accounts = Vec::with_capacity(request.accounts.len());
    for (index, account) in request.accounts.iter().enumerate() {
        match parse_account(account, index) {
            Ok(account) => accounts.push(account),
            Err(account_errors) => errors.extend(account_errors),
        }
    }

    match customer {
        Some(customer) if errors.is_empty() => Ok(ValidContractDetails { customer, accounts }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_accepts_five_digits_and_zip_plus_four() {
        assert_eq!(ZipCode::parse("60601").unwrap().zip5(), "60601");
        assert_eq!(ZipCode::parse(" 60601-1234 ").unwrap().to_string(), "60601-1234");
        assert_eq!(ZipCode::parse("606011234").unwrap().to_string(), "60601-1234");
    }

    #[test]
    fn zip_rejects_wrong_lengths_and_letters() {
        for bad in ["", "6060", "606012", "6060A", "60601-12", "60601-ABCD"] {
            assert!(ZipCode::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn phone_normalises_common_formats() {
        for input in ["(312) 555-0142", "312-555-0142", "312.555.0142", "+1 312 555 0142", "13125550142"] {
            assert_eq!(PhoneNumber::parse(input).unwrap().digits(), "3125550142", "{input}");
        }
        assert_eq!(PhoneNumber::parse("3125550142").unwrap().to_string(), "(312) 555-0142");
    }

    #[test]
    fn phone_rejects_short_and_invalid_numbers() {
        assert!(PhoneNumber::parse("555-0142").unwrap_err().contains("yours has 7"));
        assert!(PhoneNumber::parse("(012) 555-0142").is_err());
        assert!(PhoneNumber::parse("312-CALL-NOW").is_err());
    }

    #[test]
    fn email_lowercases_domain_and_rejects_garbage() {
        assert_eq!(EmailAddress::parse(" Ops@Acme.COM ").unwrap().as_str(), "Ops@acme.com");
        for bad in ["", "acme.com", "ops@", "ops@acme", "ops@acme..com", "o ps@acme.com"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn state_code_accepts_lowercase_and_dc() {
        assert_eq!(StateCode::parse("il").unwrap().as_str(), "IL");
        assert_eq!(StateCode::parse("DC").unwrap().as_str(), "DC");
        assert!(StateCode::parse("ZZ").is_err());
    }

    #[test]
    fn fein_normalises_to_the_irs_layout() {
        assert_eq!(Fein::parse("364123456").unwrap().as_str(), "36-4123456");
        assert_eq!(Fein::parse(" 36 4123456 ").unwrap().as_str(), "36-4123456");
    }

    #[test]
    fn fein_rejects_unassigned_prefixes_and_lengths() {
        assert_eq!(
            Fein::parse("07-1234567").unwrap_err(),
            "No FEIN starts with 07; check the number on your IRS letter or tax return."
        );
        assert!(Fein::parse("36-412345").unwrap_err().contains("yours has 8"));
        assert!(Fein::parse("36-41234AB").is_err());
    }

    fn valid_request() -> CreateContractRequest {
        CreateContractRequest {
            quote_id: "q_1".into(),
            customer: Customer {
                legal_name: "Lakeview Bakery LLC".into(),
                contact_name: "Dana Whitfield".into(),
                email: "dana@lakeviewbakery.com".into(),
                phone: "312-555-0142".into(),
            },
            accounts: vec![UtilityAccount {
                utility_code: "COMED".into(),
                account_number: "01234-56789".into(),
                service_address: Address {
                    line1: "100 W Randolph St".into(),
                    line2: String::new(),
                    city: "Chicago".into(),
                    state: "IL".into(),
                    zip: "60601".into(),
                },
            }],
        }
    }

    #[test]
    fn contract_details_parse_when_valid() {
        let details = parse_contract_details(&valid_request()).unwrap();
        assert_eq!(details.accounts[0].account_number.as_str(), "0123456789");
    }

    #[test]
    fn contract_details_report_every_bad_field() {
        let mut request = valid_request();
        request.customer.email = "dana".into();
        request.accounts[0].account_number = "12345".into();
        request.accounts[0].service_address.zip = "606".into();

        let errors = parse_contract_details(&request).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["customer.email", "accounts[0].account_number", "accounts[0].service_address.zip"]);
        assert!(errors[1].message.contains("ComEd account numbers have 10 digits; yours has 5"), "{}", errors[1].message);
    }

    #[test]
    fn contract_details_need_an_account() {
        let mut request = valid_request();
        request.accounts.clear();
        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(errors[0].field, "accounts");
    }
}
