//! Step 2: the business, its contact and the utility account to enroll, then "Review and sign".

use leptos::prelude::*;
use shopper_types::api::PartnerConfig;

use crate::api::ApiClient;
use crate::components::{ErrorNotice, TextField};
use crate::config::WidgetConfig;
use crate::format;
use crate::state::{Choice, Flow, Step};
use crate::steps::details::{DetailsForm, SubmitFailure};
use crate::steps::quote::PricingForm;
use crate::steps::signing;
use crate::text;

const ACCOUNT: &str = "accounts[0].account_number";

/// Shows the details form for the offer in `flow.choice`, which the caller checked is set.
#[component]
pub fn DetailsStep(choice: Choice) -> impl IntoView {
    let form = expect_context::<DetailsForm>();
    let flow = expect_context::<Flow>();
    let api = expect_context::<ApiClient>();
    let config = expect_context::<WidgetConfig>();
    let partner = expect_context::<PartnerConfig>();
    form.prefill_location(&choice);

    // The choice is read when used, because a changed price replaces its offer.
    let on_blur = Callback::new(move |path: &'static str| {
        if let Some(choice) = flow.choice.get_untracked() {
            form.validate_field(&choice, path);
        }
    });
    let submit = Callback::new(move |()| {
        let Some(choice) = flow.choice.get_untracked() else {
            return;
        };
        let (api, config, signing_mode) = (api.clone(), config.clone(), partner.signing_mode);
        form.submit(api.clone(), choice, move |contract_id| {
            signing::open_signing(flow, api, config, signing_mode, contract_id);
        });
    });
    let account_label = text::account_label(&choice.utility.identifier_label);
    let account_hint = choice.utility.identifier_hint.clone();

    view! {
        <form
            class="cs-form"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                submit.run(());
            }
        >
            <h2 class="cs-step-heading" tabindex="-1">{text::DETAILS_HEADING}</h2>
            {move || flow.choice.get().map(|choice| view! { <ChosenOffer choice=choice /> })}
            <TextField path="customer.legal_name" label=text::LEGAL_NAME_LABEL hint=text::LEGAL_NAME_HINT
                value=form.legal_name errors=form.errors on_blur=on_blur autocomplete="organization" />
            <div class="cs-grid">
                <TextField path="customer.contact_name" label=text::CONTACT_NAME_LABEL value=form.contact_name
                    errors=form.errors on_blur=on_blur autocomplete="name" />
                <TextField path="customer.email" label=text::EMAIL_LABEL value=form.email errors=form.errors
                    on_blur=on_blur input_type="email" autocomplete="email" />
                <TextField path="customer.phone" label=text::PHONE_LABEL value=form.phone errors=form.errors
                    on_blur=on_blur input_type="tel" autocomplete="tel" />
            </div>
            <fieldset class="cs-fieldset">
                <legend>{text::SERVICE_ADDRESS_LEGEND}</legend>
                <TextField path="accounts[0].service_address.line1" label=text::LINE1_LABEL value=form.line1
                    errors=form.errors on_blur=on_blur autocomplete="address-line1" />
                <TextField path="accounts[0].service_address.line2" label=text::LINE2_LABEL value=form.line2
                    errors=form.errors on_blur=on_blur autocomplete="address-line2" required=false />
                <div class="cs-grid cs-grid-address">
                    <TextField path="accounts[0].service_address.city" label=text::CITY_LABEL value=form.city
                        errors=form.errors on_blur=on_blur autocomplete="address-level2" />
                    <TextField path="accounts[0].service_address.state" label=text::STATE_LABEL value=form.state
                        errors=form.errors on_blur=on_blur autocomplete="address-level1" />
                    <TextField path="accounts[0].service_address.zip" label=text::ADDRESS_ZIP_LABEL value=form.zip
                        errors=form.errors on_blur=on_blur autocomplete="postal-code" inputmode="numeric" />
                </div>
            </fieldset>
            <TextField path=ACCOUNT label=account_label hint=account_hint value=form.account_number
                errors=form.errors on_blur=on_blur inputmode="numeric" />
            <SubmitFailureNotice form=form retry=submit />
            {move || (!form.errors.is_empty()).then(|| view! { <p class="cs-error" role="alert">{text::FIX_ERRORS}</p> })}
            <div class="cs-actions">
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| flow.step.set(Step::Prices)>
                    {text::CHANGE_OFFER}
                </button>
                <button
                    type="submit"
                    class="cs-button cs-button-primary"
                    disabled=move || form.submitting.get()
                    aria-busy=move || form.submitting.get().then_some("true")
                >
                    {move || if form.submitting.get() { text::CREATING_CONTRACT } else { text::REVIEW_AND_SIGN }}
                </button>
            </div>
        </form>
    }
}

/// Shows a one-line reminder of the chosen offer.
#[component]
fn ChosenOffer(choice: Choice) -> impl IntoView {
    let offer = choice.offer;
    let rate = format::rate(offer.rate, offer.unit);
    let details = format!(
        "{}, {}, {} · {}",
        text::offer_summary(&offer.supplier, &rate),
        text::term_months(offer.term_months),
        format::month_label(&offer.start_month),
        choice.utility.name
    );
    view! {
        <div class="cs-summary">
            <p class="cs-summary-label">{text::CHOSEN_OFFER}</p>
            <p>{details}</p>
        </div>
    }
}

#[component]
fn SubmitFailureNotice(
    form: DetailsForm,
    /// Submits the form again.
    retry: Callback<()>,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let pricing = expect_context::<PricingForm>();
    let api = expect_context::<ApiClient>();
    let price_again = move |_| {
        form.failure.set(None);
        flow.step.set(Step::Prices);
        pricing.see_prices(api.clone());
    };
    move || match form.failure.get() {
        None => ().into_any(),
        Some(SubmitFailure::QuoteExpired) => view! {
            <div class="cs-notice cs-notice-error" role="alert">
                <p>{text::QUOTE_EXPIRED}</p>
                <button type="button" class="cs-button cs-button-secondary" on:click=price_again.clone()>
                    {text::GET_FRESH_PRICES}
                </button>
            </div>
        }
        .into_any(),
        Some(SubmitFailure::PriceChanged(offer)) => {
            let message = text::price_changed(&offer.supplier, &format::rate(offer.rate, offer.unit));
            let accept = move |_| {
                flow.choice.update(|choice| {
                    if let Some(choice) = choice {
                        choice.offer = offer.clone();
                    }
                });
                form.failure.set(None);
                retry.run(());
            };
            view! {
                <div class="cs-notice cs-notice-error" role="alert">
                    <p>{message}</p>
                    <div class="cs-actions">
                        <button type="button" class="cs-button cs-button-secondary" on:click=price_again.clone()>
                            {text::GET_FRESH_PRICES}
                        </button>
                        <button type="button" class="cs-button cs-button-primary" on:click=accept>
                            {text::CONTINUE_AT_NEW_PRICE}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
        Some(SubmitFailure::Request(error)) => {
            let retry = error.is_retryable().then_some(retry);
            view! { <ErrorNotice message=error.user_message() retry=retry /> }.into_any()
        }
    }
}
