//! Step 2's state and submission: the business details, checked with the same
//! `shopper_types::validation` code the proxy runs, then sent as a contract request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::api::{Address, CreateContractRequest, Customer, Offer, UtilityAccount, error_code};
use shopper_types::validation::parse_contract_details;

use crate::api::{ApiClient, RequestError};
use crate::components::FieldErrors;
use crate::state::Choice;

/// A failure of the last submission, other than per-field errors.
#[derive(Clone, Debug, PartialEq)]
pub enum SubmitFailure {
    /// The chosen price is no longer valid and the proxy has no replacement, so the customer
    /// must get prices again.
    QuoteExpired,
    /// The price moved since the quote. The offer at today's price is the replacement.
    PriceChanged(Offer),
    Request(RequestError),
}

/// The inputs of step 2 and the state of their submission.
#[derive(Clone, Copy)]
pub struct DetailsForm {
    pub legal_name: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub line1: RwSignal<String>,
    pub line2: RwSignal<String>,
    pub city: RwSignal<String>,
    pub state: RwSignal<String>,
    pub zip: RwSignal<String>,
    pub account_number: RwSignal<String>,
    pub errors: FieldErrors,
    pub submitting: RwSignal<bool>,
    pub failure: RwSignal<Option<SubmitFailure>>,
    /// The last request sent and its idempotency key. The key is reused while the request is
    /// unchanged, so a double click or a retry after a lost response returns the same contract.
    sent: RwSignal<Option<(CreateContractRequest, String)>>,
}

impl DetailsForm {
    pub fn new() -> DetailsForm {
        let text = || RwSignal::new(String::new());
        DetailsForm {
            legal_name: text(),
            contact_name: text(),
            email: text(),
            phone: text(),
            line1: text(),
            line2: text(),
            city: text(),
            state: text(),
            zip: text(),
            account_number: text(),
            errors: FieldErrors::new(),
            submitting: RwSignal::new(false),
            failure: RwSignal::new(None),
            sent: RwSignal::new(None),
        }
    }

    /// Fills the service address's state and ZIP code from the priced location, unless typed.
    pub fn prefill_location(&self, choice: &Choice) {
        if self.zip.get_untracked().trim().is_empty() {
            self.zip.set(choice.zip.clone());
        }
        if self.state.get_untracked().trim().is_empty() {
            self.state.set(choice.state.clone());
        }
    }

    pub fn request(&self, choice: &Choice) -> CreateContractRequest {
        let value = |signal: RwSignal<String>| signal.get_untracked();
        CreateContractRequest {
            quote_id: choice.offer.quote_id.clone(),
            customer: Customer {
                legal_name: value(self.legal_name),
                contact_name: value(self.contact_name),
                email: value(self.email),
                phone: value(self.phone),
            },
            accounts: vec![UtilityAccount {
                utility_code: choice.utility.code.clone(),
                account_number: value(self.account_number),
                service_address: Address {
                    line1: value(self.line1),
                    line2: value(self.line2),
                    city: value(self.city),
                    state: value(self.state),
                    zip: value(self.zip),
                },
            }],
        }
    }

    /// Re-checks one field when the customer leaves it, and shows or clears its message.
    pub fn validate_field(&self, choice: &Choice, path: &str) {
        let message = parse_contract_details(&self.request(choice))
            .err()
            .and_then(|errors| errors.into_iter().find(|error| error.field == path))
            .map(|error| error.message);
        self.errors.set(path, message);
    }

    /// Checks every field, sends the contract request, and calls `on_created` with the
    /// contract id. Field errors, from the browser or the proxy, go next to their inputs.
    pub fn submit(self, api: ApiClient, choice: Choice, on_created: impl FnOnce(String) + 'static) {
        if self.submitting.get_untracked() {
            return;
        }
        let request = self.request(&choice);
        if let Err(errors) = parse_contract_details(&request) {
            self.errors.replace(&errors);
            return;
        }
        self.errors.replace(&[]);
        self.failure.set(None);

        let idempotency_key = match self.sent.get_untracked() {
            Some((sent, key)) if sent == request => key,
            _ => new_idempotency_key(),
        };
        self.sent.set(Some((request.clone(), idempotency_key.clone())));

        self.submitting.set(true);
        spawn_local(async move {
            let result = api.create_contract(&request, &idempotency_key).await;
            self.submitting.set(false);
            match result {
                Ok(contract) => on_created(contract.id),
                Err(error) => self.show_failure(error),
            }
        });
    }

    fn show_failure(&self, error: RequestError) {
        if !error.field_errors().is_empty() {
            self.errors.replace(error.field_errors());
            return;
        }
        let failure = match (error.code(), error.offer()) {
            (Some(error_code::QUOTE_EXPIRED | error_code::PRICE_CHANGED), Some(offer)) => {
                SubmitFailure::PriceChanged(offer.clone())
            }
            (
                Some(
                    error_code::QUOTE_EXPIRED
                    | error_code::PRICE_CHANGED
                    | error_code::QUOTE_NOT_FOUND
                    | error_code::OFFER_UNAVAILABLE,
                ),
                _,
            ) => SubmitFailure::QuoteExpired,
            _ => SubmitFailure::Request(error),
        };
        self.failure.set(Some(failure));
    }
}

/// 128 random bits as 32 hex digits, from the browser's CSPRNG. `crypto.randomUUID` would be
/// shorter, but it exists only in secure contexts and partner pages may be plain http in testing.
fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // NOTE: without Web Crypto the key falls back to Math.random, which is unique enough to
        // tell submissions apart but not unpredictable.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
