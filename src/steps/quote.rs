//! Step 1's state and the request for offers. The utilities lookup is in `lookup`.
//!
//! The state lives in the app, not in the step's view, so going back from step 2 shows the same
//! inputs, filters and offers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::Commodity;
use shopper_types::api::{QuoteRequest, QuoteResponse, UtilitySummary};

use crate::api::{ApiClient, RequestError};
use crate::components::FieldErrors;
use crate::format;
use crate::steps::estimates;
use crate::steps::lookup::Lookup;
use crate::steps::offer_filters::OfferFilters;
use crate::steps::usage::{self, UsageMode};

/// Field paths of the pricing inputs, for [`FieldErrors`].
pub const ZIP: &str = "zip";
pub const USAGE: &str = "usage";
pub const MONTHLY_BILL: &str = "monthly_bill";
pub const CURRENT_RATE: &str = "current_rate";
pub const UTILITY: &str = "utility";

/// Offers priced for one utility and ZIP code, kept together so "Choose" uses what was priced
/// even if the inputs changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedOffers {
    pub response: QuoteResponse,
    pub utility: UtilitySummary,
    pub zip: String,
    pub state: String,
    pub commodity: Commodity,
    /// The annual usage the costs were estimated for, in kWh or therms.
    pub annual_usage: u64,
    /// True when that usage was estimated from a monthly bill.
    pub usage_estimated: bool,
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

/// The usage as typed, before the ZIP code's state is known.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TypedUsage {
    /// kWh or therms a year.
    Annual(u64),
    /// Dollars a month.
    MonthlyBill(f64),
}

/// The inputs and results of step 1.
#[derive(Clone, Copy)]
pub struct PricingForm {
    pub zip: RwSignal<String>,
    pub commodity: RwSignal<Commodity>,
    /// The chosen utility's code; empty until the customer picks one of several.
    pub utility_code: RwSignal<String>,
    pub usage_mode: RwSignal<UsageMode>,
    /// Annual usage as typed.
    pub usage: RwSignal<String>,
    /// A typical monthly bill in dollars, as typed.
    pub monthly_bill: RwSignal<String>,
    /// The current supply rate in dollars per unit, as typed; optional.
    pub current_rate: RwSignal<String>,
    pub start_month: RwSignal<String>,
    pub errors: FieldErrors,
    pub lookup: RwSignal<Lookup>,
    pub results: RwSignal<Results>,
    pub filters: OfferFilters,
    /// Number of price requests sent, so only the newest request's response is shown.
    request_count: RwSignal<u64>,
}

impl PricingForm {
    pub fn new() -> PricingForm {
        PricingForm {
            zip: RwSignal::new(String::new()),
            commodity: RwSignal::new(Commodity::Electricity),
            utility_code: RwSignal::new(String::new()),
            usage_mode: RwSignal::new(UsageMode::Annual),
            usage: RwSignal::new(String::new()),
            monthly_bill: RwSignal::new(String::new()),
            current_rate: RwSignal::new(String::new()),
            start_month: RwSignal::new(format::start_months().into_iter().next().unwrap_or_default()),
            errors: FieldErrors::new(),
            lookup: RwSignal::new(Lookup::Idle),
            results: RwSignal::new(Results::Idle),
            filters: OfferFilters::new(),
            request_count: RwSignal::new(0),
        }
    }

    /// Re-checks one usage field when the customer leaves it, and shows or clears its message.
    pub fn validate_field(&self, path: &str) {
        let typed = |field: RwSignal<String>| field.get_untracked();
        let error = match path {
            USAGE => format::parse_usage(&typed(self.usage)).err(),
            MONTHLY_BILL => usage::parse_monthly_bill(&typed(self.monthly_bill)).err(),
            CURRENT_RATE => usage::parse_current_rate(&typed(self.current_rate), self.commodity.get_untracked()).err(),
            _ => return,
        };
        self.errors.set(path, error);
    }

    /// Validates the usage in the chosen mode and shows any error.
    fn checked_usage(&self) -> Option<TypedUsage> {
        let (path, typed) = match self.usage_mode.get_untracked() {
            UsageMode::Annual => (
                USAGE,
                format::parse_usage(&self.usage.get_untracked()).map(TypedUsage::Annual),
            ),
            UsageMode::MonthlyBill => {
                let bill = usage::parse_monthly_bill(&self.monthly_bill.get_untracked());
                (MONTHLY_BILL, bill.map(TypedUsage::MonthlyBill))
            }
        };
        self.errors.set(path, typed.as_ref().err().cloned());
        typed.ok()
    }

    /// Validates the inputs and, when they are valid, fetches the offers for every term. Invalid
    /// inputs clear the offers shown for earlier ones.
    pub fn see_prices(self, api: ApiClient) {
        let zip = self.checked_zip();
        let usage = self.checked_usage();
        self.validate_field(CURRENT_RATE);
        // Offers priced for the earlier inputs no longer match what the form shows, so they go,
        // together with any request still running for them.
        let request_number = self.request_count.get_untracked() + 1;
        self.request_count.set(request_number);
        let (Some(zip), Some(usage)) = (zip, usage) else {
            self.results.set(Results::Idle);
            return;
        };
        if self.errors.get(CURRENT_RATE).is_some() {
            self.results.set(Results::Idle);
            return;
        }

        self.results.set(Results::Loading);
        spawn_local(async move {
            let results = self.fetch_offers(&api, zip, usage).await;
            if self.request_count.get_untracked() == request_number {
                self.results.set(results);
            }
        });
    }

    async fn fetch_offers(self, api: &ApiClient, zip: String, usage: TypedUsage) -> Results {
        let found = match self.look_up(api, zip.clone()).await {
            Ok(found) => found,
            // The ZIP code's status line explains a ZIP code that cannot be priced.
            Err(error) if !error.is_retryable() => return Results::Idle,
            Err(error) => return Results::Failed(error),
        };
        let utility = match self.pick_utility(&zip) {
            Ok(utility) => utility,
            Err(results) => return results,
        };

        let commodity = self.commodity.get_untracked();
        let annual_usage = match usage {
            TypedUsage::Annual(usage) => usage,
            TypedUsage::MonthlyBill(bill) => {
                let price = estimates::all_in_price(&found.state, commodity);
                estimates::annual_usage_from_bill(bill, price, commodity)
            }
        };
        let request = QuoteRequest {
            zip: zip.clone(),
            utility_code: utility.code.clone(),
            commodity,
            annual_usage,
            start_month: self.start_month.get_untracked(),
            // Every term, for the chart; the term filter narrows the list.
            term_months: None,
        };
        match api.quotes(&request).await {
            Ok(mut response) => {
                response.offers.sort_by(|a, b| a.rate.total_cmp(&b.rate));
                Results::Offers(PricedOffers {
                    response,
                    utility,
                    zip,
                    state: found.state,
                    commodity,
                    annual_usage,
                    usage_estimated: matches!(usage, TypedUsage::MonthlyBill(_)),
                })
            }
            Err(error) => Results::Failed(error),
        }
    }
}
