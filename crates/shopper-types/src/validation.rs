//! Contact and address values, parsed once at the edge ("parse, don't validate").
//!
//! Each `parse` accepts the value as people type it (spaces, dashes, brackets) and returns the
//! normalised form, or a message that names what is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api::{Address, BusinessType, CreateContractRequest, Customer, UtilityAccount};
use crate::identifiers::{AccountNumber, identifier_rule};
use crate::requirements::{AccountField, NameKey, UtilityRequirements, field_rule, utility_requirements};

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

/// Checks an optional free-text field: empty is fine, but not absurdly long.
fn optional_text(value: &str, what: &str, max_chars: usize) -> Result<Option<String>, String> {
    let trimmed = value.trim();
    if trimmed.chars().count() > max_chars {
        return Err(format!("The {what} is longer than {max_chars} characters."));
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// A customer whose every field has been checked and normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidCustomer {
    pub legal_name: String,
    pub dba: Option<String>,
    /// `None` only for a sole proprietorship that gave none.
    pub fein: Option<Fein>,
    pub tax_exempt: bool,
    pub business_type: BusinessType,
    pub contact_name: String,
    pub contact_title: String,
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

/// A utility account whose identifiers match what its utility requires.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAccount {
    pub utility_code: String,
    pub account_number: AccountNumber,
    /// Set exactly when the utility's requirements list [`AccountField::NameKey`].
    pub name_key: Option<NameKey>,
    /// Set exactly when the utility's requirements list [`AccountField::PodId`].
    pub pod_id: Option<AccountNumber>,
    pub service_address: ValidAddress,
}

/// The customer part of a contract request, checked field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidContractDetails {
    pub customer: ValidCustomer,
    pub accounts: Vec<ValidAccount>,
    /// `None` when bills go to the first account's service address.
    pub billing_address: Option<ValidAddress>,
}

impl ValidContractDetails {
    /// The address the supplier bills: the billing address, or else the first account's
    /// service address.
    pub fn billing_address(&self) -> &ValidAddress {
        self.billing_address.as_ref().unwrap_or(&self.accounts[0].service_address)
    }
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

    /// Records the errors of a nested parse and returns its value.
    fn nested<T>(&mut self, result: Result<T, Vec<FieldError>>) -> Option<T> {
        result.map_err(|errors| self.0.extend(errors)).ok()
    }

    fn into_result<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(self.0),
        }
    }
}

/// Parses the FEIN, which a sole proprietorship may leave empty. An unknown business type makes
/// the FEIN required, so a filled-in FEIN is always checked.
fn parse_fein(value: &str, business_type: Option<BusinessType>) -> Result<Option<Fein>, String> {
    if value.trim().is_empty() && business_type.is_some_and(BusinessType::fein_optional) {
        return Ok(None);
    }
    Fein::parse(value).map(Some)
}

/// Parses the business and its signer. Field paths start with `customer.` and follow the order
/// of the form, so the first error is the first invalid field on screen.
pub fn parse_customer(customer: &Customer) -> Result<ValidCustomer, Vec<FieldError>> {
    let mut errors = Errors::default();
    let field = |name: &str| format!("customer.{name}");

    let legal_name = errors.check(field("legal_name"), required_text(&customer.legal_name, "legal business name", 120));
    let dba = errors.check(field("dba"), optional_text(&customer.dba, "DBA name", 120));
    let business_type = errors.check(field("business_type"), customer.business_type.ok_or_else(|| "Choose the business type.".to_owned()));
    let fein = errors.check(field("fein"), parse_fein(&customer.fein, customer.business_type));
    let contact_name = errors.check(field("contact_name"), required_text(&customer.contact_name, "contact name", 80));
    let contact_title =
        errors.check(field("contact_title"), required_text(&customer.contact_title, "contact's job title", 80));
    let email = errors.check(field("email"), EmailAddress::parse(&customer.email));
    let phone = errors.check(field("phone"), PhoneNumber::parse(&customer.phone));
    if !customer.authorized_signer {
        errors.0.push(FieldError::new(field("authorized_signer"), "Confirm that you are authorised to sign for this business."));
    }

    let customer = match (legal_name, dba, fein, business_type, contact_name, contact_title, email, phone) {
        (Some(legal_name), Some(dba), Some(fein), Some(business_type), Some(contact_name), Some(contact_title), Some(email), Some(phone)) => {
            Some(ValidCustomer {
                legal_name,
                dba,
                fein,
                tax_exempt: customer.tax_exempt,
                business_type,
                contact_name,
                contact_title,
                email,
                phone,
            })
        }
        _ => None,
    };
    errors.into_result(customer)
}

/// Parses an address; `prefix` is the field path of the address, such as `accounts[0].service_address`.
pub fn parse_address(address: &Address, prefix: &str) -> Result<ValidAddress, Vec<FieldError>> {
    let mut errors = Errors::default();
    let line1 = errors.check(format!("{prefix}.line1"), required_text(&address.line1, "street address", 100));
    let line2 = errors.check(format!("{prefix}.line2"), optional_text(&address.line2, "suite or unit", 60));
    let city = errors.check(format!("{prefix}.city"), required_text(&address.city, "city", 60));
    let state = errors.check(format!("{prefix}.state"), StateCode::parse(&address.state));
    let zip = errors.check(format!("{prefix}.zip"), ZipCode::parse(&address.zip));
    let address = match (line1, line2, city, state, zip) {
        (Some(line1), Some(line2), Some(city), Some(state), Some(zip)) => {
            Some(ValidAddress { line1, line2: line2.unwrap_or_default(), city, state, zip })
        }
        _ => None,
    };
    errors.into_result(address)
}

/// Parses one identifier field that `requirements` lists, with that utility's rule.
fn parse_identifier(
    requirements: &UtilityRequirements,
    field: AccountField,
    value: &str,
) -> Result<AccountNumber, String> {
    match field_rule(&requirements.utility_code, field) {
        Some(rule) => rule.parse(value),
        None => Err(format!("{} has no rule for the {}.", requirements.utility_name, field.as_str())),
    }
}

/// Parses one utility account; `index` is its position in the request. The account carries
/// exactly the identifier fields its utility's requirements list: each one is checked with that
/// utility's rule, and a value in a field the utility does not use is rejected.
pub fn parse_account(account: &UtilityAccount, index: usize) -> Result<ValidAccount, Vec<FieldError>> {
    let prefix = format!("accounts[{index}]");
    let mut errors = Errors::default();

    let Some(requirements) = utility_requirements(&account.utility_code) else {
        errors.0.push(FieldError::new(
            format!("{prefix}.utility_code"),
            format!("\"{}\" is not a utility we can enroll; choose the utility again.", account.utility_code),
        ));
        errors.nested(parse_address(&account.service_address, &format!("{prefix}.service_address")));
        return Err(errors.0);
    };
    let required = |field: AccountField| requirements.fields.iter().any(|requirement| requirement.field == field);
    let utility_name = requirements.utility_name.as_str();

    let account_number = errors.check(
        format!("{prefix}.account_number"),
        parse_identifier(&requirements, AccountField::AccountNumber, &account.account_number),
    );
    let name_key = match (required(AccountField::NameKey), account.name_key.trim().is_empty()) {
        (true, _) => errors.check(format!("{prefix}.name_key"), NameKey::parse(&account.name_key, utility_name)).map(Some),
        (false, true) => Some(None),
        (false, false) => errors.check(format!("{prefix}.name_key"), Err(format!("{utility_name} accounts have no name key; leave it empty."))),
    };
    let pod_id = match (required(AccountField::PodId), account.pod_id.trim().is_empty()) {
        (true, _) => errors
            .check(format!("{prefix}.pod_id"), parse_identifier(&requirements, AccountField::PodId, &account.pod_id))
            .map(Some),
        (false, true) => Some(None),
        (false, false) => errors.check(
            format!("{prefix}.pod_id"),
            Err(format!("{utility_name} accounts have no point of delivery ID; leave it empty.")),
        ),
    };
    let service_address = errors.nested(parse_address(&account.service_address, &format!("{prefix}.service_address")));

    let account = match (account_number, name_key, pod_id, service_address) {
        (Some(account_number), Some(name_key), Some(pod_id), Some(service_address)) => Some(ValidAccount {
            utility_code: requirements.utility_code.clone(),
            account_number,
            name_key,
            pod_id,
            service_address,
        }),
        _ => None,
    };
    errors.into_result(account)
}

/// Returns an error for an account whose utility and identifier repeat one of the `earlier`
/// accounts of the request, because a utility enrolls each account once. Identifiers are
/// compared in their normalised form, so `01234-56789` repeats `0123456789`.
fn duplicate_error(earlier: &[UtilityAccount], account: &UtilityAccount, index: usize) -> Option<FieldError> {
    let normalise = |account: &UtilityAccount| {
        let rule = identifier_rule(&account.utility_code)?;
        Some((rule.utility_code, rule.parse(&account.account_number).ok()?))
    };
    let (utility_code, number) = normalise(account)?;
    let first = earlier.iter().position(|earlier| normalise(earlier) == Some((utility_code, number.clone())))?;
    Some(FieldError::new(
        format!("accounts[{index}].account_number"),
        format!("Account {} has this {} already; enter each account once.", first + 1, identifier_label(utility_code)),
    ))
}

fn identifier_label(utility_code: &str) -> &'static str {
    identifier_rule(utility_code).map(|rule| rule.label).unwrap_or("account number")
}

/// Parses everything a contract request carries besides the quote id, and returns every problem
/// at once so the customer can fix them in one pass. Errors come in the order of the form: the
/// business and signer, the billing address, then each account.
pub fn parse_contract_details(request: &CreateContractRequest) -> Result<ValidContractDetails, Vec<FieldError>> {
    let mut errors = Errors::default();
    let customer = errors.nested(parse_customer(&request.customer));
    let billing_address = match &request.billing_address {
        Some(address) => errors.nested(parse_address(address, "billing_address")).map(Some),
        None => Some(None),
    };

    if request.accounts.is_empty() {
        errors.0.push(FieldError::new("accounts", "Add the utility account to enroll."));
    }
    let mut accounts = Vec::with_capacity(request.accounts.len());
    for (index, account) in request.accounts.iter().enumerate() {
        // The identifier comes first in the form, so its duplicate error precedes the address's.
        let duplicate = duplicate_error(&request.accounts[..index], account, index);
        let parsed = parse_account(account, index);
        errors.0.extend(duplicate);
        if let Some(account) = errors.nested(parsed) {
            accounts.push(account);
        }
    }

    let details = match (customer, billing_address) {
        (Some(customer), Some(billing_address)) => Some(ValidContractDetails {
            customer,
            accounts,
            billing_address,
        }),
        _ => None,
    };
    errors.into_result(details)
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

    fn comed_account(account_number: &str) -> UtilityAccount {
        UtilityAccount {
            utility_code: "COMED".into(),
            account_number: account_number.into(),
            service_address: Address {
                line1: "100 W Randolph St".into(),
                line2: String::new(),
                city: "Chicago".into(),
                state: "IL".into(),
                zip: "60601".into(),
            },
            ..UtilityAccount::default()
        }
    }

    fn valid_request() -> CreateContractRequest {
        CreateContractRequest {
            quote_id: "q_1".into(),
            customer: Customer {
                legal_name: "Lakeview Bakery LLC".into(),
                dba: "Lakeview Bakery".into(),
                fein: "36-4123456".into(),
                tax_exempt: false,
                business_type: Some(BusinessType::Llc),
                contact_name: "Dana Whitfield".into(),
                contact_title: "Owner".into(),
                email: "dana@lakeviewbakery.com".into(),
                phone: "312-555-0142".into(),
                authorized_signer: true,
            },
            accounts: vec![comed_account("01234-56789")],
            billing_address: None,
        }
    }

    fn error_fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|error| error.field.as_str()).collect()
    }

    fn message_for<'a>(errors: &'a [FieldError], field: &str) -> &'a str {
        let error = errors.iter().find(|error| error.field == field);
        &error.unwrap_or_else(|| panic!("no error for {field} in {errors:?}")).message
    }

    #[test]
    fn contract_details_parse_when_valid() {
        let details = parse_contract_details(&valid_request()).unwrap();
        assert_eq!(details.accounts[0].account_number.as_str(), "0123456789");
        assert_eq!(details.customer.fein.as_ref().map(Fein::as_str), Some("36-4123456"));
        assert_eq!(details.customer.dba.as_deref(), Some("Lakeview Bakery"));
        assert_eq!(details.billing_address().city, "Chicago");
    }

    #[test]
    fn contract_details_report_every_bad_field() {
        let mut request = valid_request();
        request.customer.email = "dana".into();
        request.accounts[0].account_number = "12345".into();
        request.accounts[0].service_address.zip = "606".into();

        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(error_fields(&errors), ["customer.email", "accounts[0].account_number", "accounts[0].service_address.zip"]);
        assert!(errors[1].message.contains("ComEd account numbers have 10 digits; yours has 5"), "{}", errors[1].message);
    }

    #[test]
    fn contract_details_need_an_account() {
        let mut request = valid_request();
        request.accounts.clear();
        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(errors[0].field, "accounts");
    }

    #[test]
    fn customer_errors_follow_the_form_order() {
        let request = CreateContractRequest { customer: Customer::default(), ..valid_request() };
        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(
            error_fields(&errors),
            [
                "customer.legal_name",
                "customer.business_type",
                "customer.fein",
                "customer.contact_name",
                "customer.contact_title",
                "customer.email",
                "customer.phone",
                "customer.authorized_signer",
            ]
        );
        assert_eq!(message_for(&errors, "customer.authorized_signer"), "Confirm that you are authorised to sign for this business.");
        assert_eq!(message_for(&errors, "customer.business_type"), "Choose the business type.");
    }

    #[test]
    fn fein_required_unless_sole_proprietorship() {
        let cases = [
            (Some(BusinessType::Llc), "", false),
            (Some(BusinessType::Corporation), "", false),
            (Some(BusinessType::Nonprofit), "", false),
            (None, "", false),
            (Some(BusinessType::SoleProprietorship), "", true),
            (Some(BusinessType::SoleProprietorship), "  ", true),
            (Some(BusinessType::SoleProprietorship), "07-1234567", false),
            (Some(BusinessType::SoleProprietorship), "36-4123456", true),
        ];
        for (business_type, fein, valid) in cases {
            let mut customer = valid_request().customer;
            customer.business_type = business_type;
            customer.fein = fein.into();
            let fein_error = parse_customer(&customer).err().is_some_and(|errors| errors.iter().any(|e| e.field == "customer.fein"));
            assert_eq!(!fein_error, valid, "{business_type:?} with FEIN {fein:?}");
        }
    }

    #[test]
    fn sole_proprietor_without_fein_has_none() {
        let mut customer = valid_request().customer;
        customer.business_type = Some(BusinessType::SoleProprietorship);
        customer.fein = String::new();
        assert_eq!(parse_customer(&customer).unwrap().fein, None);
    }

    #[test]
    fn signer_must_confirm_authority() {
        let mut customer = valid_request().customer;
        customer.authorized_signer = false;
        let errors = parse_customer(&customer).unwrap_err();
        assert_eq!(error_fields(&errors), ["customer.authorized_signer"]);
    }

    #[test]
    fn dba_and_line2_are_optional_but_bounded() {
        let mut request = valid_request();
        request.customer.dba = String::new();
        assert_eq!(parse_contract_details(&request).unwrap().customer.dba, None);

        request.customer.dba = "x".repeat(121);
        request.accounts[0].service_address.line2 = "y".repeat(61);
        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(error_fields(&errors), ["customer.dba", "accounts[0].service_address.line2"]);
    }

    #[test]
    fn billing_address_checked_when_given() {
        let mut request = valid_request();
        request.billing_address = Some(Address { line1: "PO Box 5".into(), city: "Chicago".into(), state: "XX".into(), zip: "6060".into(), ..Address::default() });
        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(error_fields(&errors), ["billing_address.state", "billing_address.zip"]);

        request.billing_address.as_mut().unwrap().state = "il".into();
        request.billing_address.as_mut().unwrap().zip = "60690-0005".into();
        let details = parse_contract_details(&request).unwrap();
        assert_eq!(details.billing_address().line1, "PO Box 5");
        assert_eq!(details.billing_address().state.as_str(), "IL");
    }

    #[test]
    fn duplicate_account_rejected_on_the_repeat() {
        let mut request = valid_request();
        request.accounts.push(comed_account("9876543210"));
        request.accounts.push(comed_account("0123456789"));

        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(error_fields(&errors), ["accounts[2].account_number"]);
        assert_eq!(errors[0].message, "Account 1 has this account number already; enter each account once.");
    }

    #[test]
    fn duplicate_found_even_when_its_address_is_invalid() {
        let mut request = valid_request();
        let mut repeat = comed_account("0123456789");
        repeat.service_address.city = String::new();
        request.accounts.push(repeat);

        let errors = parse_contract_details(&request).unwrap_err();
        assert_eq!(error_fields(&errors), ["accounts[1].account_number", "accounts[1].service_address.city"]);
    }

    /// One account per case: utility, account number, name key, POD ID, and the field paths
    /// expected to be invalid (empty for a valid account).
    #[test]
    fn accounts_checked_against_their_utility_requirements() {
        let cases: &[(&str, &str, &str, &str, &[&str])] = &[
            ("COMED", "0123456789", "", "", &[]),
            ("COMED", "012345678", "", "", &["accounts[0].account_number"]),
            ("COMED", "0123456789", "LAKE", "", &["accounts[0].name_key"]),
            ("COMED", "0123456789", "", "PE000123456789012345", &["accounts[0].pod_id"]),
            ("NATGRID_MA", "0123456789", "lake", "", &[]),
            ("NATGRID_MA", "0123456789", "", "", &["accounts[0].name_key"]),
            ("NATGRID_MA", "0123456789", "LAK3", "", &["accounts[0].name_key"]),
            ("EVERSOURCE_CT", "51234567890", "BAKE", "", &[]),
            ("EVERSOURCE_CT", "41234567890", "BAKE", "", &["accounts[0].account_number"]),
            ("PSEG", "0123456789", "", "PE 0001 2345 6789 0123 45", &[]),
            ("PSEG", "0123456789", "", "", &["accounts[0].pod_id"]),
            ("PSEG", "0123456789", "", "PG000123456789012345", &["accounts[0].pod_id"]),
            ("PSEG_GAS", "0123456789", "", "PG000123456789012345", &[]),
            ("ONCOR", "1044372-0001234567", "", "", &[]),
            ("ONCOR", "10089010001234567", "", "", &["accounts[0].account_number"]),
            ("NOPE", "0123456789", "", "", &["accounts[0].utility_code"]),
        ];
        for &(utility_code, account_number, name_key, pod_id, invalid) in cases {
            let account = UtilityAccount {
                utility_code: utility_code.into(),
                name_key: name_key.into(),
                pod_id: pod_id.into(),
                ..comed_account(account_number)
            };
            let fields: Vec<String> = match parse_account(&account, 0) {
                Ok(_) => Vec::new(),
                Err(errors) => errors.into_iter().map(|error| error.field).collect(),
            };
            assert_eq!(fields, invalid, "{utility_code} {account_number:?} name key {name_key:?} POD ID {pod_id:?}");
        }
    }

    #[test]
    fn account_messages_name_what_the_utility_expects() {
        let account = UtilityAccount { utility_code: "NATGRID_MA".into(), name_key: "LA".into(), ..comed_account("012345678") };
        let errors = parse_account(&account, 1).unwrap_err();
        assert_eq!(message_for(&errors, "accounts[1].account_number"), "National Grid account numbers have 10 digits; yours has 9.");
        assert_eq!(message_for(&errors, "accounts[1].name_key"), "National Grid name keys have 4 letters; \"LA\" is not one.");

        let account = UtilityAccount { pod_id: "PE1".into(), ..comed_account("0123456789") };
        let errors = parse_account(&account, 0).unwrap_err();
        assert_eq!(message_for(&errors, "accounts[0].pod_id"), "ComEd accounts have no point of delivery ID; leave it empty.");
    }

    #[test]
    fn valid_account_keeps_normalised_identifiers() {
        let account = UtilityAccount {
            utility_code: "pseg".into(),
            pod_id: "pe-000123456789012345".into(),
            ..comed_account("01234 56789")
        };
        let account = parse_account(&account, 0).unwrap();
        assert_eq!(account.utility_code, "PSEG");
        assert_eq!(account.pod_id.as_ref().map(AccountNumber::as_str), Some("PE000123456789012345"));
        assert_eq!(account.name_key, None);
    }

    #[test]
    fn old_clients_requests_still_deserialize() {
        let json = r#"{"quote_id":"q","customer":{"legal_name":"A","contact_name":"B","email":"b@a.com","phone":"3125550142"},
            "accounts":[{"utility_code":"COMED","account_number":"0123456789","service_address":{"line1":"1 Main","city":"Chicago","state":"IL","zip":"60601"}}]}"#;
        let request: CreateContractRequest = serde_json::from_str(json).unwrap();
        assert_eq!(request.billing_address, None);
        assert_eq!(request.customer.business_type, None);
        assert!(!request.customer.authorized_signer);
        assert_eq!(request.accounts[0].name_key, "");
    }

    #[test]
    fn business_type_serializes_as_snake_case() {
        for business_type in BusinessType::ALL {
            let json = serde_json::to_string(&business_type).unwrap();
            assert_eq!(json, format!("\"{}\"", business_type.as_str()));
            assert_eq!(BusinessType::parse(business_type.as_str()), Some(business_type));
        }
    }
}
