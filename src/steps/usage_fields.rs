//! The usage inputs of step 1: annual kWh or therms, or a typical monthly bill from which the
//! usage is estimated, and the optional current rate that savings are measured against.

use leptos::prelude::*;
use shopper_types::Commodity;

use crate::components::TextField;
use crate::config::WidgetConfig;
use crate::format;
use crate::steps::estimates;
use crate::steps::quote::{self, PricingForm};
use crate::steps::usage::{self, UsageMode};
use crate::text;

#[component]
pub fn UsageFields(
    form: PricingForm,
    /// Runs when an input loses focus, to validate it.
    on_blur: Callback<&'static str>,
) -> impl IntoView {
    let name = expect_context::<WidgetConfig>().element_id("usage-mode");
    let option = move |mode: UsageMode, label: &'static str| {
        view! {
            <label class="cs-radio">
                <input
                    type="radio"
                    name=name.clone()
                    value=match mode {
                        UsageMode::Annual => "annual",
                        UsageMode::MonthlyBill => "monthly-bill",
                    }
                    prop:checked=move || form.usage_mode.get() == mode
                    on:change=move |_| {
                        form.usage_mode.set(mode);
                        form.errors.set(quote::USAGE, None);
                        form.errors.set(quote::MONTHLY_BILL, None);
                    }
                />
                {label}
            </label>
        }
    };

    let usage_input = move || match form.usage_mode.get() {
        UsageMode::Annual => view! {
            <TextField
                path=quote::USAGE
                label=Signal::derive(move || text::usage_label(form.commodity.get()))
                hint=Signal::derive(move || text::usage_hint(form.commodity.get()))
                value=form.usage
                errors=form.errors
                on_blur=on_blur
                inputmode="numeric"
            />
        }
        .into_any(),
        UsageMode::MonthlyBill => view! {
            <div>
                <TextField
                    path=quote::MONTHLY_BILL
                    label=Signal::derive(move || text::monthly_bill_label(form.commodity.get()))
                    hint=text::MONTHLY_BILL_HINT
                    value=form.monthly_bill
                    errors=form.errors
                    on_blur=on_blur
                    inputmode="decimal"
                />
                <p class="cs-estimate" aria-live="polite">{move || usage_estimate(&form)}</p>
            </div>
        }
        .into_any(),
    };

    view! {
        <fieldset class="cs-fieldset">
            <legend>{text::USAGE_MODE_LEGEND}</legend>
            <div class="cs-radios">
                {option(UsageMode::Annual, text::USAGE_MODE_ANNUAL)}
                {option(UsageMode::MonthlyBill, text::USAGE_MODE_BILL)}
            </div>
        </fieldset>
        <div class="cs-grid">
            {usage_input}
            <TextField
                path=quote::CURRENT_RATE
                label=Signal::derive(move || text::current_rate_label(form.commodity.get()))
                hint=text::CURRENT_RATE_HINT
                value=form.current_rate
                errors=form.errors
                on_blur=on_blur
                inputmode="decimal"
                required=false
            />
        </div>
    }
}

/// Words the usage estimated from the typed bill, or nothing while the bill is not a valid
/// amount. Before the ZIP code is looked up, the estimate uses the national average price.
fn usage_estimate(form: &PricingForm) -> String {
    let Ok(bill) = usage::parse_monthly_bill(&form.monthly_bill.get()) else {
        return String::new();
    };
    let commodity: Commodity = form.commodity.get();
    let state = form.found_state();
    let price = estimates::all_in_price(state.as_deref().unwrap_or_default(), commodity);
    let annual = estimates::annual_usage_from_bill(bill, price, commodity);

    let usage = format::group_thousands(annual);
    let rate = format::rate(price.dollars_per_unit, commodity.unit());
    let state = state.filter(|_| price.for_state);
    text::usage_estimate(&usage, commodity, &rate, state.as_deref())
}
