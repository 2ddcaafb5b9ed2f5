//! Step 1: the pricing inputs (ZIP code, energy type, utility, usage, current rate, start
//! month) and the offers they return.

use leptos::prelude::*;
use shopper_types::Commodity;

use crate::api::ApiClient;
use crate::components::TextField;
use crate::config::WidgetConfig;
use crate::format;
use crate::steps::lookup::Lookup;
use crate::steps::offers::OffersList;
use crate::steps::quote::{self, PricingForm, Results};
use crate::steps::usage_fields::UsageFields;
use crate::text;

#[component]
pub fn PricingStep() -> impl IntoView {
    let form = expect_context::<PricingForm>();
    let api = expect_context::<ApiClient>();
    let config = expect_context::<WidgetConfig>();

    let on_blur = {
        let api = api.clone();
        Callback::new(move |path: &'static str| match path {
            quote::ZIP => form.look_up_typed_zip(api.clone()),
            // A required field left empty is flagged on "See prices", not while tabbing through.
            quote::USAGE | quote::MONTHLY_BILL if form.errors.get(path).is_none() => {
                let typed = if path == quote::USAGE {
                    form.usage
                } else {
                    form.monthly_bill
                };
                if !typed.with_untracked(|typed| typed.trim().is_empty()) {
                    form.validate_field(path);
                }
            }
            path => form.validate_field(path),
        })
    };
    let see_prices = Callback::new(move |()| form.see_prices(api.clone()));
    let loading = move || form.results.with(|results| *results == Results::Loading);

    view! {
        <form
            class="cs-form"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                see_prices.run(());
            }
        >
            <h2 class="cs-step-heading" tabindex="-1">{text::PRICES_HEADING}</h2>
            <div class="cs-grid">
                <TextField
                    path=quote::ZIP
                    label=text::ZIP_LABEL
                    hint=text::ZIP_HINT
                    value=form.zip
                    errors=form.errors
                    on_blur=on_blur
                    autocomplete="postal-code"
                    inputmode="numeric"
                />
                <CommodityChoice form=form name=config.element_id("commodity") />
            </div>
            <p
                class="cs-zip-status"
                class:cs-zip-status-failed=move || form.lookup.with(|lookup| matches!(lookup, Lookup::Failed { .. }))
                aria-live="polite"
            >
                {move || zip_status(&form)}
            </p>
            <UtilitySelect form=form id=config.element_id("utility") />
            <UsageFields form=form on_blur=on_blur />
            <div class="cs-grid">
                <div class="cs-field">
                    <label for=config.element_id("start-month")>{text::START_MONTH_LABEL}</label>
                    <select
                        id=config.element_id("start-month")
                        on:change:target=move |event| form.start_month.set(event.target().value())
                    >
                        {format::start_months()
                            .into_iter()
                            .map(|month| {
                                let label = format::month_label(&month);
                                let selected = {
                                    let month = month.clone();
                                    move || form.start_month.with(|chosen| *chosen == month)
                                };
                                view! { <option value=month prop:selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <button type="submit" class="cs-button cs-button-primary" disabled=loading aria-busy=move || loading().then_some("true")>
                {move || if loading() { text::FINDING_PRICES } else { text::SEE_PRICES }}
            </button>
        </form>
        <OffersList form=form retry=see_prices />
    }
}

fn zip_status(form: &PricingForm) -> String {
    form.lookup.with(|lookup| match lookup {
        Lookup::Loading(_) => text::CHECKING_ZIP.to_owned(),
        Lookup::Found { response, .. } => {
            let names: Vec<String> = response.utilities.iter().map(|utility| utility.name.clone()).collect();
            text::served_by(&names, &response.state)
        }
        Lookup::Failed { message, .. } => message.clone(),
        Lookup::Idle => String::new(),
    })
}

/// Renders the electricity and natural gas radio buttons.
#[component]
fn CommodityChoice(form: PricingForm, name: String) -> impl IntoView {
    let option = move |commodity: Commodity, label: &'static str| {
        view! {
            <label class="cs-radio">
                <input
                    type="radio"
                    name=name.clone()
                    value=commodity.as_str()
                    prop:checked=move || form.commodity.get() == commodity
                    on:change=move |_| form.commodity.set(commodity)
                />
                {label}
            </label>
        }
    };

    view! {
        <fieldset class="cs-fieldset">
            <legend>{text::COMMODITY_LEGEND}</legend>
            <div class="cs-radios">{option(Commodity::Electricity, text::ELECTRICITY)} {option(Commodity::Gas, text::GAS)}</div>
        </fieldset>
    }
}

/// Renders the utility list, only when several utilities supply the chosen energy at the ZIP code.
#[component]
fn UtilitySelect(form: PricingForm, id: String) -> impl IntoView {
    let error_id = format!("{id}-error");
    move || {
        let candidates = form.candidates();
        if candidates.len() < 2 {
            return None;
        }
        let error = move || form.errors.get(quote::UTILITY);
        let options = candidates
            .into_iter()
            .map(|utility| {
                let code = utility.code.clone();
                let selected = move || form.utility_code.with(|chosen| *chosen == code);
                view! { <option value=utility.code prop:selected=selected>{utility.name}</option> }
            })
            .collect_view();
        let (id, error_id) = (id.clone(), error_id.clone());
        let message_id = error_id.clone();
        Some(view! {
            <div class="cs-field" class:cs-field-invalid=move || error().is_some()>
                <label for=id.clone()>{text::UTILITY_LABEL}</label>
                <select
                    id=id.clone()
                    aria-invalid=move || error().map(|_| "true")
                    aria-describedby=move || error().map(|_| error_id.clone())
                    on:change:target=move |event| {
                        form.utility_code.set(event.target().value());
                        form.errors.set(quote::UTILITY, None);
                    }
                >
                    <option value="">{text::UTILITY_PLACEHOLDER}</option>
                    {options}
                </select>
                {move || error().map(|message| view! { <p class="cs-error" id=message_id.clone()>{message}</p> })}
            </div>
        })
    }
}
