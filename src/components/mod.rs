//! Building blocks shared by the steps.

mod field;
mod header;
mod notice;
mod step_indicator;

pub use field::{FieldErrors, TextField, error_line};
pub use header::PartnerHeader;
pub use notice::{ErrorNotice, Loading, NewPriceNotice};
pub use step_indicator::StepIndicator;
