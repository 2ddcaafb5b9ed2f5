//! Types shared by the Commercial Shopper widget, the partner proxy and the platform sandbox.
//!
//! - [`api`]: the JSON the widget exchanges with the proxy under `/v1`.
//! - [`upstream`]: the wire format of the broker platform (pricing REST, contracting GraphQL,
//!   status webhooks) that the proxy calls and the sandbox serves.
//! - [`validation`] and [`identifiers`]: values parsed once at the edge, so the browser and the
//!   server always agree on what is valid.

pub mod api;
pub mod identifiers;
pub mod requirements;
pub mod upstream;
pub mod validation;

pub use identifiers::{AccountNumber, IdentifierRule, identifier_rule};
pub use requirements::{AccountField, NameKey, UtilityRequirements, utility_requirements};
pub use validation::{EmailAddress, Fein, FieldError, PhoneNumber, StateCode, ZipCode};

use serde::{Deserialize, Serialize};

/// The energy a contract supplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commodity {
    Electricity,
    Gas,
}

impl Commodity {
    /// The unit that usage and rates are quoted in: kWh for electricity, therms for gas.
    pub fn unit(self) -> EnergyUnit {
        match self {
            Commodity::Electricity => EnergyUnit::Kwh,
            Commodity::Gas => EnergyUnit::Therm,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Commodity::Electricity => "electricity",
            Commodity::Gas => "gas",
        }
    }

    pub fn parse(value: &str) -> Option<Commodity> {
        match value {
            "electricity" | "electric" => Some(Commodity::Electricity),
            "gas" => Some(Commodity::Gas),
            _ => None,
        }
    }
}

/// The unit of annual usage and of a rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergyUnit {
    Kwh,
    Therm,
}

impl EnergyUnit {
    /// The unit as printed after a number: "kWh" or "therm".
    pub fn label(self) -> &'static str {
        match self {
            EnergyUnit::Kwh => "kWh",
            EnergyUnit::Therm => "therm",
        }
    }
}

/// The platform environment a key belongs to. Each key's prefix names its environment: `pk_test_…` or `pk_live_…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    Test,
    Live,
}

impl Environment {
    /// Reads the environment from a publishable key's prefix.
    pub fn of_publishable_key(key: &str) -> Option<Environment> {
        if key.starts_with("pk_test_") {
            Some(Environment::Test)
        } else if key.starts_with("pk_live_") {
            Some(Environment::Live)
        } else {
            None
        }
    }
}

/// Where a contract is in its life, from creation to the supplier's decision.
///
/// The platform's status webhooks are the source of truth; the signing return event only tells
/// the widget that the customer left the signing page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// Created upstream, not yet sent for signature.
    Created,
    /// A signing session was opened and the customer has not finished it.
    AwaitingSignature,
    Signed,
    /// Sent to the supplier for enrollment with the utility.
    SubmittedToSupplier,
    Accepted,
    Rejected,
    Declined,
    Cancelled,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 8] = [
        ContractStatus::Created,
        ContractStatus::AwaitingSignature,
        ContractStatus::Signed,
        ContractStatus::SubmittedToSupplier,
        ContractStatus::Accepted,
        ContractStatus::Rejected,
        ContractStatus::Declined,
        ContractStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Created => "created",
            ContractStatus::AwaitingSignature => "awaiting_signature",
            ContractStatus::Signed => "signed",
            ContractStatus::SubmittedToSupplier => "submitted_to_supplier",
            ContractStatus::Accepted => "accepted",
            ContractStatus::Rejected => "rejected",
            ContractStatus::Declined => "declined",
            ContractStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<ContractStatus> {
        ContractStatus::ALL.into_iter().find(|status| status.as_str() == value)
    }

    /// The order of a status along the happy path, so that a webhook that arrives late never
    /// moves a contract backwards. Final states share the highest rank.
    pub fn rank(self) -> u8 {
        match self {
            ContractStatus::Created => 0,
            ContractStatus::AwaitingSignature => 1,
            ContractStatus::Signed => 2,
            ContractStatus::SubmittedToSupplier => 3,
            ContractStatus::Accepted
            | ContractStatus::Rejected
            | ContractStatus::Declined
            | ContractStatus::Cancelled => 4,
        }
    }

    /// True while the contract can still be signed, and so re-priced.
    pub fn is_unsigned(self) -> bool {
        self.rank() <= ContractStatus::AwaitingSignature.rank()
    }

    /// True when no further status change is expected.
    pub fn is_final(self) -> bool {
        self.rank() == 4
    }

    /// The status as a customer reads it.
    pub fn label(self) -> &'static str {
        match self {
            ContractStatus::Created => "Created",
            ContractStatus::AwaitingSignature => "Awaiting signature",
            ContractStatus::Signed => "Signed",
            ContractStatus::SubmittedToSupplier => "Submitted to supplier",
            ContractStatus::Accepted => "Accepted",
            ContractStatus::Rejected => "Rejected",
            ContractStatus::Declined => "Declined",
            ContractStatus::Cancelled => "Cancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_status_round_trips_through_its_name() {
        for status in ContractStatus::ALL {
            assert_eq!(ContractStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn contract_status_serializes_as_snake_case() {
        let json = serde_json::to_string(&ContractStatus::SubmittedToSupplier).unwrap();
        assert_eq!(json, "\"submitted_to_supplier\"");
    }

    #[test]
    fn environment_read_from_key_prefix() {
        assert_eq!(Environment::of_publishable_key("pk_test_abc"), Some(Environment::Test));
        assert_eq!(Environment::of_publishable_key("pk_live_abc"), Some(Environment::Live));
        assert_eq!(Environment::of_publishable_key("sk_test_abc"), None);
    }
}
