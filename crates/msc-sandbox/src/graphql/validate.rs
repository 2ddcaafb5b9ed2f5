//! Checks `createContract` input field by field and builds the contract to store.

use std::sync::Arc;

use chrono::Utc;
use shopper_types::api::BusinessType;
use shopper_types::requirements::field_rule;
use shopper_types::{
    AccountField, EmailAddress, Fein, FieldError, NameKey, PhoneNumber, StateCode, ZipCode, identifier_rule,
    utility_requirements,
};

use super::{AddressInput, ContractAccountInput, ContractCustomerInput, CreateContractInput};
use crate::SandboxPartner;
use crate::contracts::{Contract, ContractAccount, ContractCustomer, ContractPrice, StatusChange};
use crate::market;
use crate::pricing::MatrixRow;
use shopper_types::ContractStatus;

/// The maximum length of an external reference, in bytes.
const MAX_EXTERNAL_REFERENCE_LENGTH: usize = 200;

/// Returns the new contract, or every problem found; field paths use the schema's camelCase names.
pub fn build_contract(input: CreateContractInput, row: &MatrixRow, partner: Arc<SandboxPartner>) -> Result<Contract, Vec<FieldError>> {
    let mut errors = Vec::new();

    let external_reference = input.external_reference.trim().to_owned();
    if external_reference.is_empty() || external_reference.len() > MAX_EXTERNAL_REFERENCE_LENGTH {
        errors.push(FieldError::new("externalReference", format!("Send your own contract id, 1 to {MAX_EXTERNAL_REFERENCE_LENGTH} characters.")));
    }

    let customer = &input.customer;
    let legal_name = required_text(&customer.legal_name, "customer.legalName", "Enter the legal business name as on the utility bill.", &mut errors);
    let contact_name = required_text(&customer.contact_name, "customer.contactName", "Enter the contact's name.", &mut errors);
    let email = EmailAddress::parse(&customer.email).map_err(|message| errors.push(FieldError::new("customer.email", message))).ok();
    let phone = PhoneNumber::parse(&customer.phone).map_err(|message| errors.push(FieldError::new("customer.phone", message))).ok();
    check_business(customer, &mut errors);
    if let Some(billing_address) = &input.billing_address {
        check_address(billing_address, "billingAddress", &mut errors);
    }
    errors.extend(check_broker_fee(input.broker_fee, row));

    if input.accounts.is_empty() {
        errors.push(FieldError::new("accounts", "Add at least one utility account to enroll."));
    }
    let accounts: Vec<ContractAccount> = input
        .accounts
        .iter()
        .enumerate()
        .filter_map(|(index, account)| check_account(account, index, row, &mut errors))
        .collect();

    if !errors.is_empty() {
        return Err(errors);
    }

    let now = Utc::now();
    Ok(Contract {
        id: format!("ctr_{}", uuid::Uuid::new_v4().simple()),
        partner,
        external_reference,
        price: ContractPrice::from_row(row, input.broker_fee),
        customer: ContractCustomer {
            legal_name,
            contact_name,
            email: email.map(|email| email.as_str().to_owned()).unwrap_or_default(),
            phone: phone.map(|phone| phone.digits().to_owned()).unwrap_or_default(),
        },
        accounts,
        status_history: vec![StatusChange { status: ContractStatus::Created, at: now }],
        created_at: now,
    })
}

/// Returns the error for a broker fee outside 0 up to the supplier's rate.
pub fn check_broker_fee(broker_fee: f64, row: &MatrixRow) -> Option<FieldError> {
    let valid = broker_fee.is_finite() && (0.0..=row.rate).contains(&broker_fee);
    (!valid).then(|| {
        FieldError::new(
            "brokerFee",
            format!("The broker fee must be between 0 and the supplier's rate of {:.5}; it is {broker_fee}.", row.rate),
        )
    })
}

fn required_text(value: &str, field: &str, message: &str, errors: &mut Vec<FieldError>) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push(FieldError::new(field, message));
    }
    trimmed.to_owned()
}

/// Checks one account against the price's utility and that utility's identifier format.
fn check_account(account: &ContractAccountInput, index: usize, row: &MatrixRow, errors: &mut Vec<FieldError>) -> Option<ContractAccount> {
    let prefix = format!("accounts[{index}]");
    let errors_before = errors.len();
    let utility = row.utility;

    if !account.utility_code.eq_ignore_ascii_case(utility.code) {
        errors.push(FieldError::new(
            format!("{prefix}.utilityCode"),
            format!("The price is for {}; every account must be a {} account.", utility.code, utility.name),
        ));
    }
    let rule = identifier_rule(utility.code).expect("every utility in the market data has an identifier rule");
    let account_number = rule
        .parse(&account.account_number)
        .map_err(|message| errors.push(FieldError::new(format!("{prefix}.accountNumber"), message)))
        .ok();

    check_extra_identifiers(account, &prefix, utility.code, errors);

    let address = &account.service_address;
    let address_prefix = format!("{prefix}.serviceAddress");
    required_text(&address.line1, &format!("{address_prefix}.line1"), "Enter the street address.", errors);
    required_text(&address.city, &format!("{address_prefix}.city"), "Enter the city.", errors);
    match StateCode::parse(&address.state) {
        Ok(state) if state.as_str() != utility.state => errors.push(FieldError::new(
            format!("{address_prefix}.state"),
            format!("{} serves {}, not {}; check the service address.", utility.name, state_name(utility.state), state.as_str()),
        )),
        Ok(_) => {}
        Err(message) => errors.push(FieldError::new(format!("{address_prefix}.state"), message)),
    }
    let zip = ZipCode::parse(&address.zip).map_err(|message| errors.push(FieldError::new(format!("{address_prefix}.zip"), message))).ok();

    if errors.len() > errors_before {
        return None;
    }
    let line2 = if address.line2.trim().is_empty() { String::new() } else { format!(", {}", address.line2.trim()) };
    Some(ContractAccount {
        utility_code: utility.code.to_owned(),
        account_number: account_number?.as_str().to_owned(),
        service_address: format!("{}{line2}, {}, {} {}", address.line1.trim(), address.city.trim(), utility.state, zip?),
    })
}

fn state_name(code: &str) -> &str {
    market::state(code).map(|state| state.name).unwrap_or(code)
}

/// Checks the business fields that partners may leave empty: a FEIN or business type, when sent,
/// must be valid.
fn check_business(customer: &ContractCustomerInput, errors: &mut Vec<FieldError>) {
    if !customer.fein.trim().is_empty()
        && let Err(message) = Fein::parse(&customer.fein)
    {
        errors.push(FieldError::new("customer.fein", message));
    }
    if !customer.business_type.is_empty() && BusinessType::parse(&customer.business_type).is_none() {
        let known: Vec<&str> = BusinessType::ALL.iter().map(|business_type| business_type.as_str()).collect();
        errors.push(FieldError::new(
            "customer.businessType",
            format!("\"{}\" is not a business type; use one of {}.", customer.business_type, known.join(", ")),
        ));
    }
}

/// Checks the name key and point-of-delivery ID against the utility's sign-up requirements.
fn check_extra_identifiers(account: &ContractAccountInput, prefix: &str, utility_code: &str, errors: &mut Vec<FieldError>) {
    let Some(requirements) = utility_requirements(utility_code) else {
        return;
    };
    let required = |field: AccountField| requirements.fields.iter().any(|requirement| requirement.field == field);
    let name = requirements.utility_name.as_str();

    if required(AccountField::NameKey) {
        if let Err(message) = NameKey::parse(&account.name_key, name) {
            errors.push(FieldError::new(format!("{prefix}.nameKey"), message));
        }
    } else if !account.name_key.trim().is_empty() {
        errors.push(FieldError::new(format!("{prefix}.nameKey"), format!("{name} accounts have no name key; send it empty.")));
    }

    match field_rule(utility_code, AccountField::PodId) {
        Some(rule) if required(AccountField::PodId) => {
            if let Err(message) = rule.parse(&account.pod_id) {
                errors.push(FieldError::new(format!("{prefix}.podId"), message));
            }
        }
        _ if !account.pod_id.trim().is_empty() => errors.push(FieldError::new(
            format!("{prefix}.podId"),
            format!("{name} accounts have no point of delivery ID; send it empty."),
        )),
        _ => {}
    }
}

/// Checks a postal address anywhere in the United States.
fn check_address(address: &AddressInput, prefix: &str, errors: &mut Vec<FieldError>) {
    required_text(&address.line1, &format!("{prefix}.line1"), "Enter the street address.", errors);
    required_text(&address.city, &format!("{prefix}.city"), "Enter the city.", errors);
    if let Err(message) = StateCode::parse(&address.state) {
        errors.push(FieldError::new(format!("{prefix}.state"), message));
    }
    if let Err(message) = ZipCode::parse(&address.zip) {
        errors.push(FieldError::new(format!("{prefix}.zip"), message));
    }
}
