//! Step 2's state and submission: the business, its signer, the billing address and one or more
//! utility accounts, checked with the same `shopper_types::validation` code the proxy runs, then
//! sent as a contract request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::api::{
    Address, BusinessType, CreateContractRequest, Customer, Offer, UtilityAccount, error_code,
};
use shopper_types::validation::parse_contract_details;
use shopper_types::{AccountField, FieldError, UtilityRequirements};

use crate::api::{ApiClient, RequestError};
use crate::state::Choice;
use crate::steps::form_fields::FormErrors;

/// A failure of the last submission, other than per-field errors.
#[derive(Clone, Debug, PartialEq)]
pub enum SubmitFailure {
    /// The chosen price is no longer valid and the proxy has no replacement, so the customer
    /// must get prices again.
    QuoteExpired,
    /// The chosen price expired or moved. The offer at today's price is the replacement.
    NewPrice { offer: Offer, expired: bool },
    Request(RequestError),
}

/// The inputs of one postal address.
#[derive(Clone, Copy)]
pub struct AddressInputs {
    pub line1: RwSignal<String>,
    pub line2: RwSignal<String>,
    pub city: RwSignal<String>,
    pub state: RwSignal<String>,
    pub zip: RwSignal<String>,
}

impl AddressInputs {
    fn new() -> AddressInputs {
        let text = || RwSignal::new(String::new());
        AddressInputs { line1: text(), line2: text(), city: text(), state: text(), zip: text() }
    }

    /// Reads the address; inside an effect this subscribes to every input.
    pub fn value(&self) -> Address {
        Address {
            line1: self.line1.get(),
            line2: self.line2.get(),
            city: self.city.get(),
            state: self.state.get(),
            zip: self.zip.get(),
        }
    }

    pub fn fill(&self, address: &Address) {
        self.line1.set(address.line1.clone());
        self.line2.set(address.line2.clone());
        self.city.set(address.city.clone());
        self.state.set(address.state.clone());
        self.zip.set(address.zip.clone());
    }
}

/// The inputs of one utility account: its identifiers and its service address.
#[derive(Clone, Copy)]
pub struct AccountInputs {
    pub account_number: RwSignal<String>,
    pub name_key: RwSignal<String>,
    pub pod_id: RwSignal<String>,
    pub service_address: AddressInputs,
}

impl AccountInputs {
    fn new() -> AccountInputs {
        let text = || RwSignal::new(String::new());
        AccountInputs {
            account_number: text(),
            name_key: text(),
            pod_id: text(),
            service_address: AddressInputs::new(),
        }
    }

    pub fn identifier(&self, field: AccountField) -> RwSignal<String> {
        match field {
            AccountField::AccountNumber => self.account_number,
            AccountField::NameKey => self.name_key,
            AccountField::PodId => self.pod_id,
        }
    }
}

/// The inputs of step 2 and the state of their submission.
#[derive(Clone, Copy)]
pub struct DetailsForm {
    pub legal_name: RwSignal<String>,
    pub dba: RwSignal<String>,
    pub fein: RwSignal<String>,
    pub tax_exempt: RwSignal<bool>,
    /// A [`BusinessType`] value such as `llc`, or empty while none is chosen.
    pub business_type: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub contact_title: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub authorized_signer: RwSignal<bool>,
    /// True while bills go to the first account's service address.
    pub billing_same: RwSignal<bool>,
    pub billing: AddressInputs,
    pub accounts: RwSignal<Vec<AccountInputs>>,
    /// The identifier fields of the offer's utility, from the proxy; `None` until they arrive.
    pub requirements: RwSignal<Option<UtilityRequirements>>,
    /// The failed request for a utility's requirements, with that utility's code.
    pub requirements_error: RwSignal<Option<(String, RequestError)>>,
    pub errors: FormErrors,
    /// The field paths the error summary lists, set on each submission; empty hides it.
    pub summary: RwSignal<Vec<String>>,
    pub submitting: RwSignal<bool>,
    pub failure: RwSignal<Option<SubmitFailure>>,
    /// The last request sent and its idempotency key. The key is reused while the request is
    /// unchanged, so a double click or a retry after a lost response returns the same contract.
    pub(crate) sent: RwSignal<Option<(CreateContractRequest, String)>>,
    /// The app's owner. Accounts added later get their signals from it, so they outlive the
    /// step's view, which is rebuilt each time the customer comes back to step 2.
    owner: StoredValue<Option<Owner>>,
}

impl DetailsForm {
    pub fn new() -> DetailsForm {
        let text = || RwSignal::new(String::new());
        DetailsForm {
            legal_name: text(),
            dba: text(),
            fein: text(),
            tax_exempt: RwSignal::new(false),
            business_type: text(),
            contact_name: text(),
            contact_title: text(),
            email: text(),
            phone: text(),
            authorized_signer: RwSignal::new(false),
            billing_same: RwSignal::new(true),
            billing: AddressInputs::new(),
            accounts: RwSignal::new(vec![AccountInputs::new()]),
            requirements: RwSignal::new(None),
            requirements_error: RwSignal::new(None),
            errors: FormErrors::new(),
            summary: RwSignal::new(Vec::new()),
            submitting: RwSignal::new(false),
            failure: RwSignal::new(None),
            sent: RwSignal::new(None),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// Fills the first service address's state and ZIP code from the priced location, and each
    /// other account's state, unless typed.
    pub fn prefill_location(&self, choice: &Choice) {
        for (index, account) in self.accounts.get_untracked().iter().enumerate() {
            let address = account.service_address;
            if index == 0 && address.zip.get_untracked().trim().is_empty() {
                address.zip.set(choice.zip.clone());
            }
            if address.state.get_untracked().trim().is_empty() {
                address.state.set(choice.state.clone());
            }
        }
    }

    /// Fetches the identifier fields of the offer's utility from the proxy, unless the form
    /// already has them for this utility.
    pub fn load_requirements(&self, api: ApiClient, utility_code: String) {
        let loaded = self.requirements.with_untracked(|requirements| {
            requirements.as_ref().is_some_and(|requirements| requirements.utility_code.eq_ignore_ascii_case(&utility_code))
        });
        if loaded {
            return;
        }
        self.requirements.set(None);
        self.requirements_error.set(None);
        let (requirements, requirements_error) = (self.requirements, self.requirements_error);
        spawn_local(async move {
            match api.utility_requirements(&utility_code).await {
                Ok(loaded) => requirements.set(Some(loaded)),
                Err(error) => requirements_error.set(Some((utility_code, error))),
            }
        });
    }

    /// Adds an empty account in the priced state, and returns its index.
    pub fn add_account(&self, state: &str) -> usize {
        let account = match self.owner.get_value() {
            Some(owner) => owner.with(AccountInputs::new),
            None => AccountInputs::new(),
        };
        account.service_address.state.set(state.to_owned());
        self.accounts.update(|accounts| accounts.push(account));
        self.accounts.with_untracked(Vec::len) - 1
    }

    /// Removes an account, keeping at least one, and moves the other accounts' messages with them.
    pub fn remove_account(&self, index: usize) {
        if self.accounts.with_untracked(Vec::len) <= 1 {
            return;
        }
        self.accounts.update(|accounts| {
            accounts.remove(index);
        });
        self.errors.remove_account(index);
        self.summary.update(|paths| paths.clear());
    }

    /// Replaces the accounts with `count` empty ones.
    pub fn set_account_count(&self, count: usize) {
        let count = count.max(1);
        let make = || match self.owner.get_value() {
            Some(owner) => owner.with(AccountInputs::new),
            None => AccountInputs::new(),
        };
        let current = self.accounts.get_untracked();
        if current.len() != count {
            let mut accounts: Vec<AccountInputs> = current.into_iter().take(count).collect();
            while accounts.len() < count {
                accounts.push(make());
            }
            self.accounts.set(accounts);
        }
    }

    fn is_required(&self, field: AccountField) -> bool {
        self.requirements.with_untracked(|requirements| {
            requirements
                .as_ref()
                .is_some_and(|requirements| requirements.fields.iter().any(|requirement| requirement.field == field))
        })
    }

    /// Reads the business and signer; inside an effect this subscribes to every input.
    pub fn customer(&self) -> Customer {
        Customer {
            legal_name: self.legal_name.get(),
            dba: self.dba.get(),
            fein: self.fein.get(),
            tax_exempt: self.tax_exempt.get(),
            business_type: BusinessType::parse(&self.business_type.get()),
            contact_name: self.contact_name.get(),
            contact_title: self.contact_title.get(),
            email: self.email.get(),
            phone: self.phone.get(),
            authorized_signer: self.authorized_signer.get(),
        }
    }

    pub fn fill_customer(&self, customer: &Customer) {
        self.legal_name.set(customer.legal_name.clone());
        self.dba.set(customer.dba.clone());
        self.fein.set(customer.fein.clone());
        self.tax_exempt.set(customer.tax_exempt);
        self.business_type.set(customer.business_type.map(BusinessType::as_str).unwrap_or_default().to_owned());
        self.contact_name.set(customer.contact_name.clone());
        self.contact_title.set(customer.contact_title.clone());
        self.email.set(customer.email.clone());
        self.phone.set(customer.phone.clone());
        self.authorized_signer.set(customer.authorized_signer);
    }

    /// Reads every account as typed, with the identifiers that the utility's requirements do
    /// not list left empty, so a value typed for another utility is never sent.
    pub fn account_values(&self, utility_code: &str) -> Vec<UtilityAccount> {
        let keep = |field: AccountField, value: String| if self.is_required(field) { value } else { String::new() };
        self.account_values_as_typed(utility_code)
            .into_iter()
            .map(|account| UtilityAccount {
                name_key: keep(AccountField::NameKey, account.name_key),
                pod_id: keep(AccountField::PodId, account.pod_id),
                ..account
            })
            .collect()
    }

    /// Reads every account exactly as typed; inside an effect this subscribes to every input.
    pub fn account_values_as_typed(&self, utility_code: &str) -> Vec<UtilityAccount> {
        self.accounts
            .get()
            .iter()
            .map(|account| UtilityAccount {
                utility_code: utility_code.to_owned(),
                account_number: account.account_number.get(),
                name_key: account.name_key.get(),
                pod_id: account.pod_id.get(),
                service_address: account.service_address.value(),
            })
            .collect()
    }

    pub fn request(&self, choice: &Choice) -> CreateContractRequest {
        untrack(|| CreateContractRequest {
            quote_id: choice.offer.quote_id.clone(),
            customer: self.customer(),
            accounts: self.account_values(&choice.utility.code),
            billing_address: (!self.billing_same.get()).then(|| self.billing.value()),
        })
    }

    /// Re-checks one field when the customer leaves or changes it, and shows or clears its
    /// message.
    pub fn validate_field(&self, choice: &Choice, path: &str) {
        let message = parse_contract_details(&self.request(choice))
            .err()
            .and_then(|errors| errors.into_iter().find(|error| error.field == path))
            .map(|error| error.message);
        self.errors.set(path, message);
    }

    /// Shows every error at once: next to each field, and in the summary.
    pub fn show_errors(&self, errors: &[FieldError]) {
        self.errors.replace(errors);
        self.summary.set(errors.iter().map(|error| error.field.clone()).collect());
    }

    /// Checks every field, sends the contract request, and calls `on_created` with the
    /// contract id. Field errors, from the browser or the proxy, go next to their inputs and
    /// into the summary; `on_invalid` then moves focus.
    pub fn submit(
        self,
        api: ApiClient,
        choice: Choice,
        on_invalid: impl Fn() + 'static,
        on_created: impl FnOnce(String) + 'static,
    ) {
        if self.submitting.get_untracked() {
            return;
        }
        let request = self.request(&choice);
        if let Err(errors) = parse_contract_details(&request) {
            self.show_errors(&errors);
            on_invalid();
            return;
        }
        self.show_errors(&[]);
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
                Err(error) if !error.field_errors().is_empty() => {
                    self.show_errors(error.field_errors());
                    on_invalid();
                }
                Err(error) => self.show_failure(error),
            }
        });
    }

    fn show_failure(&self, error: RequestError) {
        let failure = match (error.code(), error.offer()) {
            (Some(code @ (error_code::QUOTE_EXPIRED | error_code::PRICE_CHANGED)), Some(offer)) => {
                SubmitFailure::NewPrice {
                    offer: offer.clone(),
                    expired: code == error_code::QUOTE_EXPIRED,
                }
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
