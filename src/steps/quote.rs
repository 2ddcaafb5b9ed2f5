//! Step 1's state and requests: look up the utilities of a ZIP code, then ask for offers.
//!
//! The state lives in the app, not in the step's view, so going back from step 2 shows the same
//! inputs and offers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::api::{QuoteRequest, QuoteResponse, UtilitiesResponse, UtilitySummary, error_code};
use shopper_types::{Commodity, ZipCode};

use crate::api::{ApiClient, RequestError};
use crate::components::FieldErrors;
use crate::format;
use crate::text;

/// Field paths of the pricing inputs, for [`FieldErrors`].
pub const ZIP: &str = "zip";
pub const USAGE: &str = "usage";
pub const UTILITY: &str = "utility";

/// The term offered first: most commercial fixed-price contracts run 12 months.
const DEFAULT_TERM_MONTHS: &str = "12";

/// The utilities lookup for the ZIP code typed last.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Idle,
    Loading(String),
    Found { zip: String, response: UtilitiesResponse },
    Failed { zip: String, message: String },
}

/// Offers priced for one utility and ZIP code, kept together so "Choose" uses what was priced
/// even if the inputs changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedOffers {
    pub response: QuoteResponse,
    pub utility: UtilitySummary,
    pub zip: String,
    pub state: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Results {
    Idle,
    Loading,
    Offers(PricedOffers),
    /// Nothing to price, with the reason for the customer.
    Unavailable(String),
    Failed(RequestError),
}

/// The inputs and results of step 1.
#[derive(Clone, Copy)]
pub struct PricingForm {
    pub zip: RwSignal<String>,
    pub commodity: RwSignal<Commodity>,
    /// The chosen utility's code; empty until the customer picks one of several.
    pub utility_code: RwSignal<String>,
    pub usage: RwSignal<String>,
    pub start_month: RwSignal<String>,
    /// Contract length in months; empty for every length.
    pub term: RwSignal<String>,
    pub errors: FieldErrors,
    pub lookup: RwSignal<Lookup>,
    pub results: RwSignal<Results>,
}

impl PricingForm {
    pub fn new() -> PricingForm {
        PricingForm {
            zip: RwSignal::new(String::new()),
            commodity: RwSignal::new(Commodity::Electricity),
            utility_code: RwSignal::new(String::new()),
            usage: RwSignal::new(String::new()),
            start_month: RwSignal::new(format::start_months().into_iter().next().unwrap_or_default()),
            term: RwSignal::new(DEFAULT_TERM_MONTHS.to_owned()),
            errors: FieldErrors::new(),
            lookup: RwSignal::new(Lookup::Idle),
            results: RwSignal::new(Results::Idle),
        }
    }

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
                self.look_up(&api, zip).await;
            });
        }
    }

    /// Returns the utilities of `zip`, from the last lookup when it was for the same ZIP code.
    async fn look_up(self, api: &ApiClient, zip: String) -> Option<UtilitiesResponse> {
        if let Lookup::Found { zip: found, response } = self.lookup.get_untracked()
            && found == zip
        {
            return Some(response);
        }

        self.lookup.set(Lookup::Loading(zip.clone()));
        let result = api.utilities(&zip).await;
        match result {
            Ok(response) => {
                self.lookup.set(Lookup::Found {
                    zip,
                    response: response.clone(),
                });
                Some(response)
            }
            Err(error) => {
                let message = lookup_message(&error, &zip);
                self.lookup.set(Lookup::Failed { zip, message });
                None
            }
        }
    }

    /// Validates the inputs and, when they are valid, fetches the offers.
    pub fn see_prices(self, api: ApiClient) {
        let zip = self.checked_zip();
        let usage = format::parse_usage(&self.usage.get_untracked());
        self.errors.set(USAGE, usage.as_ref().err().cloned());
        let (Some(zip), Ok(usage)) = (zip, usage) else {
            return;
        };

        self.results.set(Results::Loading);
        spawn_local(async move {
            let results = self.fetch_offers(&api, zip, usage).await;
            self.results.set(results);
        });
    }

    async fn fetch_offers(self, api: &ApiClient, zip: String, usage: u64) -> Results {
        let Some(found) = self.look_up(api, zip.clone()).await else {
            return Results::Idle;
        };
        let utility = match self.pick_utility(&zip) {
            Ok(utility) => utility,
            Err(results) => return results,
        };

        let commodity = self.commodity.get_untracked();
        let request = QuoteRequest {
            zip: zip.clone(),
            utility_code: utility.code.clone(),
            commodity,
            annual_usage: usage,
            start_month: self.start_month.get_untracked(),
            term_months: self.term.get_untracked().parse().ok(),
        };
        match api.quotes(&request).await {
            Ok(mut response) => {
                response.offers.sort_by(|a, b| a.rate.total_cmp(&b.rate));
                Results::Offers(PricedOffers {
                    response,
                    utility,
                    zip,
                    state: found.state,
                })
            }
            Err(error) => Results::Failed(error),
        }
    }

    /// Picks the utility to price: the only one for the commodity, or the one the customer chose.
    /// Otherwise returns the results to show instead of offers.
    fn pick_utility(&self, zip: &str) -> Result<UtilitySummary, Results> {
        let candidates = self.candidates_untracked();
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

    fn candidates_untracked(&self) -> Vec<UtilitySummary> {
        untrack(|| self.candidates())
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
