//! Save and resume of step 2: what the customer typed survives a reload and the trip to the
//! signing page.
//!
//! The draft lives in sessionStorage under a key scoped to the partner key and the widget
//! instance, so it ends with the browser tab and never mixes two widgets. Nothing personal goes
//! to localStorage. The draft is removed when the contract reaches a final status.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shopper_types::api::{Address, CreateContractRequest, Customer, Offer, UtilityAccount, UtilitySummary};

use crate::config::WidgetConfig;
use crate::state::{Choice, Flow, Step};
use crate::steps::details::DetailsForm;
use crate::storage;

/// The sessionStorage item name of the draft.
const DRAFT: &str = "details-draft";

/// The chosen offer, as saved: [`Choice`] with serde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct SavedChoice {
    offer: Offer,
    utility: UtilitySummary,
    zip: String,
    state: String,
}

/// Everything step 2 shows, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Draft {
    /// The offer the form was for, so a reload on step 2 can come back to it.
    choice: Option<SavedChoice>,
    /// True when the customer was on step 2.
    on_details: bool,
    customer: Customer,
    billing_same: bool,
    billing: Address,
    accounts: Vec<UtilityAccount>,
    /// The last contract request sent and its idempotency key. Sending the same details again
    /// after a reload then returns the same contract instead of creating a second one.
    #[serde(default)]
    sent: Option<(CreateContractRequest, String)>,
}

impl Draft {
    /// Reads the form and the flow; inside an effect this subscribes to every input.
    fn capture(form: &DetailsForm, flow: Flow) -> Draft {
        let choice = flow.choice.get();
        let utility_code = choice.as_ref().map(|choice| choice.utility.code.clone()).unwrap_or_default();
        Draft {
            choice: choice.map(|choice| SavedChoice {
                offer: choice.offer,
                utility: choice.utility,
                zip: choice.zip,
                state: choice.state,
            }),
            on_details: flow.step.get() == Step::Details,
            customer: form.customer(),
            billing_same: form.billing_same.get(),
            billing: form.billing.value(),
            accounts: form.account_values_as_typed(&utility_code),
            sent: form.sent.get(),
        }
    }

    fn fill(&self, form: &DetailsForm) {
        form.sent.set(self.sent.clone());
        form.fill_customer(&self.customer);
        form.billing_same.set(self.billing_same);
        form.billing.fill(&self.billing);
        form.set_account_count(self.accounts.len());
        for (inputs, account) in form.accounts.get_untracked().iter().zip(&self.accounts) {
            inputs.account_number.set(account.account_number.clone());
            inputs.name_key.set(account.name_key.clone());
            inputs.pod_id.set(account.pod_id.clone());
            inputs.service_address.fill(&account.service_address);
        }
    }
}

/// Fills the form from a saved draft, and goes back to step 2 when the customer was there,
/// unless `returning` (from the signing page) decides the step.
pub fn restore(config: &WidgetConfig, flow: Flow, form: DetailsForm, returning: bool) {
    let Some(saved) = storage::load_item(config, DRAFT) else {
        return;
    };
    let draft = match serde_json::from_str::<Draft>(&saved) {
        Ok(draft) => draft,
        Err(error) => {
            // A draft from an older widget version: start with an empty form.
            web_sys::console::warn_1(&format!("Commercial Shopper: ignored a saved form: {error}").into());
            storage::forget_item(config, DRAFT);
            return;
        }
    };

    draft.fill(&form);
    let Some(choice) = draft.choice else {
        return;
    };
    // The chosen offer also lets step 3 offer "Change your details" after a reload or a return.
    flow.choice.set(Some(Choice { offer: choice.offer, utility: choice.utility, zip: choice.zip, state: choice.state }));
    if draft.on_details && !returning {
        flow.step.set(Step::Details);
    }
}

/// Saves the draft after every change to the form or the flow.
pub fn keep(config: &WidgetConfig, flow: Flow, form: DetailsForm) {
    let config = config.clone();
    Effect::new(move |previous: Option<Draft>| {
        let draft = Draft::capture(&form, flow);
        if previous.as_ref() != Some(&draft) {
            match serde_json::to_string(&draft) {
                Ok(json) => storage::save_item(&config, DRAFT, &json),
                Err(error) => web_sys::console::warn_1(&format!("Commercial Shopper: cannot save the form: {error}").into()),
            }
        }
        draft
    });
}

/// Removes the saved draft, once the contract it was for has reached a final status.
pub fn forget(config: &WidgetConfig) {
    storage::forget_item(config, DRAFT);
}
