//! The utilities lookup of step 1: which utilities serve the typed ZIP code, and which of them
//! to price.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::ZipCode;
use shopper_types::api::{UtilitiesResponse, UtilitySummary, error_code};

use crate::api::{ApiClient, RequestError};
use crate::steps::quote::{PricingForm, Results, UTILITY, ZIP};
use crate::text;

/// The utilities lookup for the ZIP code typed last.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Idle,
    Loading(String),
    Found { zip: String, response: UtilitiesResponse },
    Failed { zip: String, message: String },
}

impl PricingForm {
    /// Returns the looked-up utilities that supply the chosen commodity.
    pub fn candidates(&self) -> Vec<UtilitySummary> {
        let commodity = self.commodity.get();
        self.lookup.with(|lookup| match lookup {
            Lookup::Found { response, .. } => response
                .utilities
                .iter()
                .filter(|utility| utility.commodity == commodity)
                .cloned()
                .collect(),
            _ => Vec::new(),
        })
    }

    /// Returns the state of the looked-up ZIP code, once known.
    pub fn found_state(&self) -> Option<String> {
        self.lookup.with(|lookup| match lookup {
            Lookup::Found { response, .. } => Some(response.state.clone()),
            _ => None,
        })
    }

    /// Validates the ZIP code, shows any error, and returns its five digits.
    pub fn checked_zip(&self) -> Option<String> {
        let parsed = ZipCode::parse(&self.zip.get_untracked());
        self.errors.set(ZIP, parsed.as_ref().err().cloned());
        parsed.ok().map(|zip| zip.zip5().to_owned())
    }

    /// Starts a lookup for a valid ZIP code when the customer leaves the field.
    pub fn look_up_typed_zip(self, api: ApiClient) {
        if let Some(zip) = self.checked_zip() {
            spawn_local(async move {
                // A failure is shown in the ZIP code's status line.
                let _ = self.look_up(&api, zip).await;
            });
        }
    }

    /// Returns the utilities of `zip`, from the last lookup when it was for the same ZIP code.
    pub(super) async fn look_up(self, api: &ApiClient, zip: String) -> Result<UtilitiesResponse, RequestError> {
        if let Lookup::Found { zip: found, response } = self.lookup.get_untracked()
            && found == zip
        {
            return Ok(response);
        }

        // Offers priced for another ZIP code would now read as if they were for this one.
        if self
            .results
            .with_untracked(|results| matches!(results, Results::Offers(priced) if priced.zip != zip))
        {
            self.results.set(Results::Idle);
        }
        self.lookup.set(Lookup::Loading(zip.clone()));
        let result = api.utilities(&zip).await;
        match &result {
            Ok(response) => self.lookup.set(Lookup::Found {
                zip,
                response: response.clone(),
            }),
            Err(error) => {
                let message = lookup_message(error, &zip);
                self.lookup.set(Lookup::Failed { zip, message });
            }
        }
        result
    }

    /// Picks the utility to price: the only one for the commodity, or the one the customer chose.
    /// Otherwise returns the results to show instead of offers.
    pub(super) fn pick_utility(&self, zip: &str) -> Result<UtilitySummary, Results> {
        let candidates = untrack(|| self.candidates());
        let chosen = self.utility_code.get_untracked();
        let picked = match candidates.as_slice() {
            [] => {
                let commodity = self.commodity.get_untracked();
                return Err(Results::Unavailable(text::no_utility_for(commodity, zip)));
            }
            [only] => Some(only.clone()),
            several => several.iter().find(|utility| utility.code == chosen).cloned(),
        };
        self.errors
            .set(UTILITY, picked.is_none().then(|| text::UTILITY_REQUIRED.to_owned()));
        picked.ok_or(Results::Idle)
    }
}

/// Words the reason a ZIP code cannot be priced for the customer.
fn lookup_message(error: &RequestError, zip: &str) -> String {
    match error.code() {
        Some(error_code::NO_CHOICE_MARKET) => text::no_choice_market(zip),
        Some(error_code::UNKNOWN_ZIP) => text::unknown_zip(zip),
        _ => match error.field_errors().first() {
            Some(field) => field.message.clone(),
            None => error.user_message(),
        },
    }
}
