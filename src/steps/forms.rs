//! Step 2: the business, its signer, the billing address and the utility accounts, then
//! "Review and sign".
//!
//! Each field is checked when the customer leaves it, and all of them on submit. A failed submit
//! shows an error summary with a link to each invalid field and moves focus to the first one.
//! The proxy's per-field errors (422 `fields`) land on the same inputs by their paths.

use leptos::html::Form;
use leptos::prelude::*;
use shopper_types::api::BusinessType;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::ApiClient;
use crate::components::{ErrorNotice, NewPriceNotice};
use crate::config::WidgetConfig;
use crate::format;
use crate::state::{Choice, Flow, Step};
use crate::steps::accounts::{AccountsSection, AddressFields, AddressAutocomplete};
use crate::steps::details::{DetailsForm, SubmitFailure};
use crate::steps::form_fields::{FormCheckbox, FormInput, FormSelect, field_id};
use crate::steps::quote::PricingForm;
use crate::steps::signing;
use crate::text;

/// The autocomplete tokens of the billing address: the `billing` section of the address fields.
const BILLING_AUTOCOMPLETE: AddressAutocomplete = AddressAutocomplete {
    line1: "billing address-line1",
    line2: "billing address-line2",
    city: "billing address-level2",
    state: "billing address-level1",
    zip: "billing postal-code",
};

/// Shows the details form for the offer in `flow.choice`, which the caller checked is set.
#[component]
pub fn DetailsStep(choice: Choice) -> impl IntoView {
    let form = expect_context::<DetailsForm>();
    let flow = expect_context::<Flow>();
    let api = expect_context::<ApiClient>();
    form.prefill_location(&choice);
    form.load_requirements(api.clone(), choice.utility.code.clone());

    let form_ref = NodeRef::<Form>::new();
    // The choice is read when used, because a changed price replaces its offer.
    let check = Callback::new(move |path: String| {
        if let Some(choice) = flow.choice.get_untracked() {
            form.validate_field(&choice, &path);
        }
    });
    let config = expect_context::<WidgetConfig>();
    let submit = Callback::new(move |()| {
        let Some(choice) = flow.choice.get_untracked() else {
            return;
        };
        let config = config.clone();
        form.submit(api.clone(), choice, move || focus_first_invalid(form_ref), move |contract_id| {
            signing::review_contract(flow, &config, contract_id);
        });
    });

    view! {
        <form
            class="cs-form"
            novalidate
            node_ref=form_ref
            on:submit=move |event| {
                event.prevent_default();
                submit.run(());
            }
        >
            <h2 class="cs-step-heading" tabindex="-1">{text::DETAILS_HEADING}</h2>
            {move || flow.choice.get().map(|choice| view! { <ChosenOffer choice=choice /> })}
            <ErrorSummary form=form form_ref=form_ref />
            <BusinessSection form=form check=check />
            <SignerSection form=form check=check />
            <AccountsSection form=form choice=choice.clone() check=check form_ref=form_ref />
            <BillingSection form=form check=check />
            <SubmitFailureNotice form=form retry=submit />
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

/// Moves focus to the first field marked invalid, once the messages are drawn. When no input is
/// invalid, as for an error about an account's utility, focus goes to the error summary.
fn focus_first_invalid(form_ref: NodeRef<Form>) {
    request_animation_frame(move || {
        let Some(form) = form_ref.get_untracked() else {
            return;
        };
        let target = form
            .query_selector("[aria-invalid='true']")
            .ok()
            .flatten()
            .or_else(|| form.query_selector(".cs-error-summary").ok().flatten());
        if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
            let _ = target.focus();
        }
    });
}

/// Focuses the input of a field path, for a link in the error summary.
fn focus_field(form_ref: NodeRef<Form>, id: &str) {
    let Some(form) = form_ref.get_untracked() else {
        return;
    };
    let input = form.query_selector(&format!("[id='{id}']")).ok().flatten();
    if let Some(input) = input.and_then(|input| input.dyn_into::<HtmlElement>().ok()) {
        let _ = input.focus();
    }
}

/// Lists the problems found on submit, each linked to its field. It shrinks as the customer
/// fixes fields, and disappears when none is left.
#[component]
fn ErrorSummary(form: DetailsForm, form_ref: NodeRef<Form>) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let listed = move || {
        let errors = form.errors.all();
        form.summary
            .get()
            .into_iter()
            .filter_map(|path| errors.iter().find(|error| error.field == path).cloned())
            .collect::<Vec<_>>()
    };

    move || {
        let errors = listed();
        (!errors.is_empty()).then(|| {
            let items = errors
                .into_iter()
                .map(|error| {
                    let id = field_id(&config, &error.field);
                    let href = format!("#{id}");
                    view! {
                        <li>
                            <a
                                href=href
                                on:click=move |event| {
                                    // The default would change the partner page's URL and could
                                    // not reach an element inside the shadow root.
                                    event.prevent_default();
                                    focus_field(form_ref, &id);
                                }
                            >
                                {text::summary_item(section_of(&error.field), &error.message)}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="cs-error-summary" role="alert" tabindex="-1">
                    <p class="cs-error-summary-heading">{text::ERROR_SUMMARY_HEADING}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// Names the part of the form a field path is in, when the same field appears in several:
/// "Account 2" or "Billing address".
fn section_of(path: &str) -> Option<String> {
    if path.starts_with("billing_address.") {
        return Some(text::BILLING_LEGEND.to_owned());
    }
    let index: usize = path.strip_prefix("accounts[")?.split_once(']')?.0.parse().ok()?;
    Some(text::account_number_label(index + 1))
}

#[component]
fn BusinessSection(form: DetailsForm, check: Callback<String>) -> impl IntoView {
    let business_types: Vec<(&'static str, &'static str)> =
        BusinessType::ALL.iter().map(|business_type| (business_type.as_str(), business_type.label())).collect();
    // The FEIN's rule depends on the business type, so a new type re-checks a FEIN message.
    let check_type = Callback::new(move |path: String| {
        check.run(path);
        if form.errors.get("customer.fein").is_some() {
            check.run("customer.fein".into());
        }
    });

    view! {
        <fieldset class="cs-fieldset cs-section">
            <legend>{text::BUSINESS_LEGEND}</legend>
            <FormInput path="customer.legal_name".into() label=text::LEGAL_NAME_LABEL hint=text::LEGAL_NAME_HINT
                value=form.legal_name errors=form.errors on_blur=check autocomplete="organization" />
            <FormInput path="customer.dba".into() label=text::DBA_LABEL hint=text::DBA_HINT value=form.dba
                errors=form.errors on_blur=check required=false />
            <div class="cs-grid">
                <FormSelect path="customer.business_type".into() label=text::BUSINESS_TYPE_LABEL
                    value=form.business_type options=business_types placeholder=text::BUSINESS_TYPE_PLACEHOLDER
                    errors=form.errors on_check=check_type />
                <FormInput path="customer.fein".into() label=text::FEIN_LABEL hint=text::FEIN_HINT value=form.fein
                    errors=form.errors on_blur=check inputmode="numeric" />
            </div>
            <FormCheckbox path="customer.tax_exempt".into() label=text::TAX_EXEMPT_LABEL hint=text::TAX_EXEMPT_HINT
                checked=form.tax_exempt errors=form.errors on_change=check />
        </fieldset>
    }
}

#[component]
fn SignerSection(form: DetailsForm, check: Callback<String>) -> impl IntoView {
    view! {
        <fieldset class="cs-fieldset cs-section">
            <legend>{text::SIGNER_LEGEND}</legend>
            <div class="cs-grid">
                <FormInput path="customer.contact_name".into() label=text::CONTACT_NAME_LABEL value=form.contact_name
                    errors=form.errors on_blur=check autocomplete="name" />
                <FormInput path="customer.contact_title".into() label=text::CONTACT_TITLE_LABEL value=form.contact_title
                    errors=form.errors on_blur=check autocomplete="organization-title" />
                <FormInput path="customer.email".into() label=text::EMAIL_LABEL value=form.email errors=form.errors
                    on_blur=check input_type="email" autocomplete="email" />
                <FormInput path="customer.phone".into() label=text::PHONE_LABEL value=form.phone errors=form.errors
                    on_blur=check input_type="tel" autocomplete="tel" />
            </div>
            <FormCheckbox path="customer.authorized_signer".into() label=text::AUTHORIZED_SIGNER_LABEL
                checked=form.authorized_signer errors=form.errors on_change=check />
        </fieldset>
    }
}

#[component]
fn BillingSection(form: DetailsForm, check: Callback<String>) -> impl IntoView {
    let on_same_change = Callback::new(move |_path: String| {
        if form.billing_same.get_untracked() {
            form.errors.clear_prefix("billing_address.");
        }
    });

    view! {
        <fieldset class="cs-fieldset cs-section">
            <legend>{text::BILLING_LEGEND}</legend>
            <FormCheckbox path="billing_same".into() label=text::BILLING_SAME_LABEL checked=form.billing_same
                errors=form.errors on_change=on_same_change />
            {move || (!form.billing_same.get()).then(|| view! {
                <AddressFields prefix="billing_address".into() inputs=form.billing errors=form.errors check=check
                    autocomplete=BILLING_AUTOCOMPLETE />
            })}
        </fieldset>
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
    let price_again = Callback::new(move |()| {
        form.failure.set(None);
        flow.step.set(Step::Prices);
        pricing.see_prices(api.clone());
    });
    move || match form.failure.get() {
        None => ().into_any(),
        Some(SubmitFailure::QuoteExpired) => view! {
            <div class="cs-notice cs-notice-error" role="alert">
                <p>{text::QUOTE_EXPIRED}</p>
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| price_again.run(())>
                    {text::GET_FRESH_PRICES}
                </button>
            </div>
        }
        .into_any(),
        Some(SubmitFailure::NewPrice { offer, expired }) => {
            let chosen_rate = flow.choice.with_untracked(|choice| choice.as_ref().map(|choice| choice.offer.rate));
            let new_rate = format::rate(offer.rate, offer.unit);
            let accept_label = if chosen_rate == Some(offer.rate) {
                text::CONTINUE_AT_SAME_PRICE
            } else {
                text::CONTINUE_AT_NEW_PRICE
            };
            let message = match chosen_rate {
                Some(chosen_rate) if expired && chosen_rate == offer.rate => {
                    text::price_expired_same(&offer.supplier, &new_rate)
                }
                Some(chosen_rate) => {
                    let old_rate = format::rate(chosen_rate, offer.unit);
                    text::price_changed(&offer.supplier, &new_rate, &old_rate, expired)
                }
                None => text::price_changed(&offer.supplier, &new_rate, "", expired),
            };
            let accept = Callback::new(move |()| {
                flow.choice.update(|choice| {
                    if let Some(choice) = choice {
                        choice.offer = offer.clone();
                    }
                });
                form.failure.set(None);
                retry.run(());
            });
            view! {
                <NewPriceNotice
                    message=message
                    back_label=text::GET_FRESH_PRICES
                    back=price_again
                    accept_label=accept_label
                    accept=accept
                />
            }
            .into_any()
        }
        Some(SubmitFailure::Request(error)) => {
            let retry = error.is_retryable().then_some(retry);
            view! { <ErrorNotice message=error.user_message() retry=retry /> }.into_any()
        }
    }
}
