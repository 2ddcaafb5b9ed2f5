//! The utility accounts of step 2: one or more, each with the identifier fields its utility's
//! requirements list and its service address. The customer adds and removes accounts; the
//! first one always stays.

use leptos::html::Form;
use leptos::prelude::*;
use shopper_types::AccountField;
use shopper_types::requirements::FieldRequirement;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::ApiClient;
use crate::components::{ErrorNotice, Loading};
use crate::config::WidgetConfig;
use crate::state::Choice;
use crate::steps::details::{AccountInputs, AddressInputs, DetailsForm};
use crate::steps::form_fields::{FormErrors, FormInput, field_id};
use crate::text;

/// The `autocomplete` token of each address field.
#[derive(Clone, Copy)]
pub struct AddressAutocomplete {
    pub line1: &'static str,
    pub line2: &'static str,
    pub city: &'static str,
    pub state: &'static str,
    pub zip: &'static str,
}

/// The autocomplete tokens of a service address.
const SERVICE_AUTOCOMPLETE: AddressAutocomplete = AddressAutocomplete {
    line1: "address-line1",
    line2: "address-line2",
    city: "address-level2",
    state: "address-level1",
    zip: "postal-code",
};

#[component]
pub fn AccountsSection(
    form: DetailsForm,
    choice: Choice,
    check: Callback<String>,
    form_ref: NodeRef<Form>,
) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let utility_name = choice.utility.name.clone();
    let state = choice.state.clone();

    let add = {
        let config = config.clone();
        move |_| {
            let index = form.add_account(&state);
            let account_id = field_id(&config, &format!("accounts[{index}]"));
            focus_after_render(form_ref, format!("[id='{account_id}'] input"));
        }
    };
    let remove = Callback::new({
        let config = config.clone();
        move |index: usize| {
            form.remove_account(index);
            // Focus goes to the account that took the removed one's place, or to the last one.
            let count = form.accounts.with_untracked(Vec::len);
            let next = index.min(count - 1);
            let account_id = field_id(&config, &format!("accounts[{next}]"));
            focus_after_render(form_ref, format!("[id='{account_id}']"));
        }
    });

    let accounts = move || {
        let accounts = form.accounts.get();
        let count = accounts.len();
        accounts
            .into_iter()
            .enumerate()
            .map(|(index, inputs)| {
                view! {
                    <AccountFields index=index count=count inputs=inputs form=form
                        utility_name=utility_name.clone() check=check remove=remove />
                }
            })
            .collect_view()
    };

    view! {
        <section class="cs-section cs-accounts" aria-labelledby=field_id(&config, "accounts-heading")>
            <h3 class="cs-subheading" id=field_id(&config, "accounts-heading")>{text::ACCOUNTS_HEADING}</h3>
            <p class="cs-hint">{text::ACCOUNTS_HINT}</p>
            <RequirementsStatus form=form utility_code=choice.utility.code.clone() />
            {accounts}
            <div>
                <button type="button" class="cs-button cs-button-secondary" on:click=add>{text::ADD_ACCOUNT}</button>
            </div>
        </section>
    }
}

/// Says that the utility's requirements are loading, or why they failed with a way to retry.
#[component]
fn RequirementsStatus(form: DetailsForm, utility_code: String) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    move || {
        if form.requirements.with(Option::is_some) {
            return None;
        }
        Some(match form.requirements_error.get() {
            None => view! { <Loading message=text::LOADING_REQUIREMENTS /> }.into_any(),
            Some((_, error)) => {
                let retry = {
                    let (api, utility_code) = (api.clone(), utility_code.clone());
                    Callback::new(move |()| form.load_requirements(api.clone(), utility_code.clone()))
                };
                view! { <ErrorNotice message=error.user_message() retry=Some(retry) /> }.into_any()
            }
        })
    }
}

/// Renders one account: its identifiers, its service address, and a Remove button when it is not
/// the only one.
#[component]
fn AccountFields(
    index: usize,
    count: usize,
    inputs: AccountInputs,
    form: DetailsForm,
    utility_name: String,
    check: Callback<String>,
    remove: Callback<usize>,
) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let number = index + 1;
    let prefix = format!("accounts[{index}]");
    let identifiers = {
        let (prefix, utility_name) = (prefix.clone(), utility_name.clone());
        move || {
            let requirements = form.requirements.get()?;
            let fields = requirements
                .fields
                .into_iter()
                .map(|requirement| identifier_input(&prefix, &utility_name, requirement, inputs, form.errors, check))
                .collect_view();
            Some(fields)
        }
    };

    view! {
        <fieldset class="cs-fieldset cs-account" id=field_id(&config, &prefix) tabindex="-1">
            <legend>{text::account_legend(number, &utility_name)}</legend>
            {identifiers}
            <AddressFields prefix=format!("{prefix}.service_address") inputs=inputs.service_address errors=form.errors
                check=check autocomplete=SERVICE_AUTOCOMPLETE legend=text::SERVICE_ADDRESS_LEGEND />
            {(count > 1).then(|| view! {
                <div>
                    <button
                        type="button"
                        class="cs-link"
                        aria-label=text::remove_account_label(number)
                        on:click=move |_| remove.run(index)
                    >
                        {text::REMOVE}
                    </button>
                </div>
            })}
        </fieldset>
    }
}

fn identifier_input(
    prefix: &str,
    utility_name: &str,
    requirement: FieldRequirement,
    inputs: AccountInputs,
    errors: FormErrors,
    check: Callback<String>,
) -> impl IntoView + use<> {
    // Rules with a letter prefix (PSE&G's PE/PG) and name keys need letters on a phone keyboard.
    let inputmode = (requirement.field == AccountField::AccountNumber).then_some("numeric");
    let hint = if requirement.hint.contains("bill") {
        requirement.hint.clone()
    } else {
        text::identifier_hint(&requirement.hint, utility_name)
    };
    view! {
        <FormInput path=format!("{prefix}.{}", requirement.field.as_str()) label=requirement.label hint=hint
            value=inputs.identifier(requirement.field) errors=errors on_blur=check inputmode=inputmode.unwrap_or("text") />
    }
}

/// Renders the inputs of one postal address, under the field paths `{prefix}.line1` to
/// `{prefix}.zip`.
#[component]
pub fn AddressFields(
    prefix: String,
    inputs: AddressInputs,
    errors: FormErrors,
    check: Callback<String>,
    autocomplete: AddressAutocomplete,
    /// A legend for the address's own fieldset; none puts the fields straight in the parent's.
    #[prop(optional)]
    legend: Option<&'static str>,
) -> impl IntoView {
    let path = |name: &str| format!("{prefix}.{name}");
    let fields = view! {
        <FormInput path=path("line1") label=text::LINE1_LABEL value=inputs.line1 errors=errors on_blur=check
            autocomplete=autocomplete.line1 />
        <FormInput path=path("line2") label=text::LINE2_LABEL value=inputs.line2 errors=errors on_blur=check
            autocomplete=autocomplete.line2 required=false />
        <div class="cs-grid cs-grid-address">
            <FormInput path=path("city") label=text::CITY_LABEL value=inputs.city errors=errors on_blur=check
                autocomplete=autocomplete.city />
            <FormInput path=path("state") label=text::STATE_LABEL value=inputs.state errors=errors on_blur=check
                autocomplete=autocomplete.state />
            <FormInput path=path("zip") label=text::ADDRESS_ZIP_LABEL value=inputs.zip errors=errors on_blur=check
                autocomplete=autocomplete.zip inputmode="numeric" />
        </div>
    };
    match legend {
        Some(legend) => view! {
            <fieldset class="cs-fieldset">
                <legend>{legend}</legend>
                {fields}
            </fieldset>
        }
        .into_any(),
        None => fields.into_any(),
    }
}

/// Focuses the first element that matches `selector` once the accounts have been drawn again.
fn focus_after_render(form_ref: NodeRef<Form>, selector: String) {
    request_animation_frame(move || {
        let element = form_ref.get_untracked().and_then(|form| form.query_selector(&selector).ok().flatten());
        if let Some(element) = element.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}
