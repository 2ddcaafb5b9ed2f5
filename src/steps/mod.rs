//! The three steps of the flow. Each `*_step` view reads its state from context; the state and
//! requests of steps 1 and 2 live in `quote` and `details`.

mod details;
mod forms;
mod offers;
mod pricing;
mod quote;
mod signing;
mod status;
mod timeline;

pub use details::DetailsForm;
pub use forms::DetailsStep;
pub use pricing::PricingStep;
pub use quote::PricingForm;
pub use signing::SignStep;
