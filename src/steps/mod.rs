//! The three steps of the flow. Each `*_step` view reads its state from context; the state and
//! requests of steps 1 and 2 live in `quote` and `details`.

mod accounts;
mod chart_data;
mod chart_markup;
mod cost_chart;
mod countdown;
mod details;
mod draft;
mod estimates;
mod filter_bar;
mod form_fields;
mod forms;
mod lookup;
mod offer_card;
mod offer_filters;
mod offer_states;
mod offers;
mod pricing;
mod quote;
mod reprice;
mod signing;
mod status;
mod timeline;
mod usage;
mod usage_fields;

pub use details::DetailsForm;
pub use draft::{forget as forget_draft, keep as keep_draft, restore as restore_draft};
pub use forms::DetailsStep;
pub use pricing::PricingStep;
pub use quote::PricingForm;
pub use signing::SignStep;
