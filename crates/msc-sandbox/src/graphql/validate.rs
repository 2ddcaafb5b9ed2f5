//! Checks `createContract` input field by field and builds the contract to store.

use std::sync::Arc;

use chrono::Utc;
use shopper_types::{EmailAddress, FieldError, PhoneNumber, StateCode, ZipCode, identifier_rule};

use super::{ContractAccountInput, CreateContractInput};
use crate::SandboxPartner;
use crate::contracts::{Contract, ContractAccount, ContractCustomer, ContractPrice, StatusChange};
use crate::market;
use crate::pricing::{MatrixRow, product_name};
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
    let commodity = row.utility.commodity;
    Ok(Contract {
        id: format!("ctr_{}", uuid::Uuid::new_v4().simple()),
        partner,
        external_reference,
        price: ContractPrice {
            price_id: row.price_id.to_string(),
            supplier: row.supplier.name.to_owned(),
            product_name: product_name(commodity, row.green_percent),
            utility_code: row.utility.code.to_owned(),
            commodity,
            start_month: row.start_month.to_string(),
            term_months: row.term_months,
            rate: row.rate,
        },
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
