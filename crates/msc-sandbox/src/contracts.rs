//! Contracts in memory, scoped to the partner that created them.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use shopper_types::{Commodity, ContractStatus};

use crate::SandboxPartner;
use crate::pricing::{MatrixRow, PriceId, product_name, product_slug, valid_until};

/// The statuses of a contract that can still be signed, and so re-priced.
pub const UNSIGNED: [ContractStatus; 2] = [ContractStatus::Created, ContractStatus::AwaitingSignature];

/// A status a contract reached, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub status: ContractStatus,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct ContractCustomer {
    pub legal_name: String,
    pub contact_name: String,
    pub email: String,
    /// Ten digits.
    pub phone: String,
}

#[derive(Clone, Debug)]
pub struct ContractAccount {
    pub utility_code: String,
    /// Normalised by the utility's identifier rule.
    pub account_number: String,
    pub service_address: String,
}

/// The priced product a contract was created from.
#[derive(Clone, Debug)]
pub struct ContractPrice {
    pub price_id: String,
    pub supplier: String,
    pub product_name: String,
    pub utility_code: String,
    pub commodity: Commodity,
    pub start_month: String,
    pub term_months: u32,
    /// The supplier's matrix price, in dollars per kWh or therm.
    pub supplier_rate: f64,
    /// The broker's fee in the same unit, included in `rate`.
    pub broker_fee: f64,
    /// The rate the customer signs: the supplier's price plus the broker's fee.
    pub rate: f64,
    /// Dollars owed for leaving before the end of the term.
    pub early_termination_fee: f64,
    /// Share of the electricity matched with renewable energy certificates, in percent.
    pub green_percent: u8,
    /// Usage change, in percent of the contracted annual usage, before the supplier may re-price.
    pub swing_percent: u8,
    /// The path segment of the product's disclosure page, `/disclosures/{product_slug}`.
    pub product_slug: String,
}

impl ContractPrice {
    /// Returns the end of the price's validity, from the price date in its id.
    pub fn valid_until(&self) -> Option<DateTime<Utc>> {
        PriceId::parse(&self.price_id).map(|id| valid_until(id.price_date))
    }

    /// Copies the terms of a rate matrix row, which the contract keeps after the matrix is gone,
    /// and adds the broker's fee to the supplier's rate.
    pub fn from_row(row: &MatrixRow, broker_fee: f64) -> ContractPrice {
        let commodity = row.utility.commodity;
        ContractPrice {
            price_id: row.price_id.to_string(),
            supplier: row.supplier.name.to_owned(),
            product_name: product_name(commodity, row.green_percent),
            utility_code: row.utility.code.to_owned(),
            commodity,
            start_month: row.start_month.to_string(),
            term_months: row.term_months,
            supplier_rate: row.rate,
            broker_fee,
            rate: row.rate + broker_fee,
            early_termination_fee: row.early_termination_fee,
            green_percent: row.green_percent,
            swing_percent: row.supplier.swing_percent,
            product_slug: product_slug(row.supplier, commodity, row.green_percent),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Contract {
    pub id: String,
    pub partner: Arc<SandboxPartner>,
    /// The partner's own id for the contract, echoed in webhooks.
    pub external_reference: String,
    pub price: ContractPrice,
    pub customer: ContractCustomer,
    pub accounts: Vec<ContractAccount>,
    pub status_history: Vec<StatusChange>,
    pub created_at: DateTime<Utc>,
}

impl Contract {
    pub fn status(&self) -> ContractStatus {
        self.status_history.last().map(|change| change.status).unwrap_or(ContractStatus::Created)
    }
}

/// The reason a status change was not applied.
#[derive(Debug, PartialEq)]
pub enum TransitionError {
    NotFound,
    /// The contract's status is not one the change may start from.
    WrongStatus(ContractStatus),
}

#[derive(Default)]
pub struct ContractStore {
    contracts: RwLock<HashMap<String, Contract>>,
}

impl ContractStore {
    /// Stores a new contract and returns it with `true`. If the partner already has a contract
    /// with the same external reference, returns that one with `false`, so a retry creates nothing.
    pub fn insert_or_existing(&self, contract: Contract) -> (Contract, bool) {
        let mut contracts = self.contracts.write().expect("contract store lock poisoned");
        let existing = contracts.values().find(|known| {
            known.partner.partner_id == contract.partner.partner_id && known.external_reference == contract.external_reference
        });
        if let Some(existing) = existing {
            return (existing.clone(), false);
        }
        contracts.insert(contract.id.clone(), contract.clone());
        (contract, true)
    }

    /// Returns the contract with this id if it belongs to the partner.
    pub fn get_for_partner(&self, id: &str, partner_id: &str) -> Option<Contract> {
        let contracts = self.contracts.read().expect("contract store lock poisoned");
        contracts.get(id).filter(|contract| contract.partner.partner_id == partner_id).cloned()
    }

    pub fn get(&self, id: &str) -> Option<Contract> {
        self.contracts.read().expect("contract store lock poisoned").get(id).cloned()
    }

    /// Succeeds when the contract's status is one of `expected`.
    pub fn check_status(&self, id: &str, expected: &[ContractStatus]) -> Result<(), TransitionError> {
        let contracts = self.contracts.read().expect("contract store lock poisoned");
        let current = contracts.get(id).ok_or(TransitionError::NotFound)?.status();
        if expected.contains(&current) { Ok(()) } else { Err(TransitionError::WrongStatus(current)) }
    }

    /// Moves an unsigned contract to a new price and returns it. Checking and writing happen
    /// under one lock, so a contract signed meanwhile keeps the price it was signed at.
    pub fn reprice(&self, id: &str, price: ContractPrice) -> Result<Contract, TransitionError> {
        let mut contracts = self.contracts.write().expect("contract store lock poisoned");
        let contract = contracts.get_mut(id).ok_or(TransitionError::NotFound)?;
        let current = contract.status();
        if !current.is_unsigned() {
            return Err(TransitionError::WrongStatus(current));
        }
        contract.price = price;
        Ok(contract.clone())
    }

    /// Moves a contract to `to` if its status is one of `from`, and returns the change.
    /// Checking and writing happen under one lock, so two signers cannot both succeed.
    pub fn transition(&self, id: &str, from: &[ContractStatus], to: ContractStatus) -> Result<(Contract, StatusChange), TransitionError> {
        let mut contracts = self.contracts.write().expect("contract store lock poisoned");
        let contract = contracts.get_mut(id).ok_or(TransitionError::NotFound)?;
        let current = contract.status();
        if !from.contains(&current) {
            return Err(TransitionError::WrongStatus(current));
        }
        let change = StatusChange { status: to, at: Utc::now() };
        contract.status_history.push(change.clone());
        Ok((contract.clone(), change))
    }
}
