//! The widget's root: loads the partner's configuration, applies its theme, and shows the
//! header, the step indicator and the current step.

use leptos::html::Div;
use leptos::prelude::*;
use shopper_types::Environment;
use shopper_types::api::Theme;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::ApiClient;
use crate::components::{ErrorNotice, Loading, PartnerHeader, StepIndicator};
use crate::config::WidgetConfig;
use crate::{signing_return, storage};
use crate::state::{Flow, SigningPhase, Step};
use crate::steps::{self, DetailsForm, DetailsStep, PricingForm, PricingStep, SignStep};
use crate::text;

#[component]
pub fn App(config: WidgetConfig) -> impl IntoView {
    let api = ApiClient::new(&config);
    let flow = Flow::new();
    provide_context(config.clone());
    provide_context(api.clone());
    provide_context(flow);
    provide_context(PricingForm::new());
    let details = DetailsForm::new();
    provide_context(details);

    // Coming back from the signing page goes straight to step 3.
    let signing_return = signing_return::take(&config);
    let returning = signing_return.is_some();
    if let Some(signing_return) = signing_return {
        flow.contract_id.set(Some(signing_return.contract_id));
        flow.signing.set(SigningPhase::Returned(signing_return.event));
        flow.step.set(Step::Sign);
    }
    // What the customer typed in step 2 survives a reload and the signing page.
    steps::restore_draft(&config, flow, details, returning);
    steps::keep_draft(&config, flow, details);
    // A reload on step 3 comes back to the contract, which shows its status or can be signed.
    if !returning
        && flow.step.get_untracked() != Step::Details
        && let Some(contract_id) = storage::saved_contract_id(&config)
    {
        flow.contract_id.set(Some(contract_id));
        flow.signing.set(SigningPhase::Review);
        flow.step.set(Step::Sign);
    }

    let partner = LocalResource::new(move || {
        let api = api.clone();
        async move { api.partner_config().await }
    });
    let root = NodeRef::<Div>::new();
    Effect::new(move || {
        if let (Some(root), Some(Ok(partner))) = (root.get(), partner.get()) {
            apply_theme(&root, &partner.theme);
        }
    });
    focus_heading_on_step_change(root, flow.step);

    let test_mode = config.environment() == Environment::Test;
    let content = move || match partner.get() {
        None => view! { <Loading message=text::LOADING /> }.into_any(),
        Some(Err(error)) => {
            let retry = error.is_retryable().then(|| Callback::new(move |()| partner.refetch()));
            view! {
                <p class="cs-partner-name">{text::UNAVAILABLE}</p>
                <ErrorNotice message=error.user_message() retry=retry />
            }
            .into_any()
        }
        Some(Ok(partner)) => {
            provide_context(partner.clone());
            view! {
                <PartnerHeader partner=partner test_mode=test_mode />
                <StepIndicator step=flow.step />
                <div class="cs-body">{move || current_step(flow)}</div>
            }
            .into_any()
        }
    };

    view! { <div class="cs-widget" node_ref=root>{content}</div> }
}

fn current_step(flow: Flow) -> AnyView {
    match flow.step.get() {
        Step::Prices => view! { <PricingStep /> }.into_any(),
        Step::Details => match flow.choice.get_untracked() {
            Some(choice) => view! { <DetailsStep choice=choice /> }.into_any(),
            None => view! { <PricingStep /> }.into_any(),
        },
        Step::Sign => view! { <SignStep /> }.into_any(),
    }
}

/// Sets the partner's colours as CSS custom properties, which widget.css reads. CSSOM changes
/// are allowed under a Content-Security-Policy that forbids inline style attributes.
fn apply_theme(root: &HtmlElement, theme: &Theme) {
    let style = root.style();
    for (name, value) in [
        ("--cs-primary", &theme.primary_color),
        ("--cs-accent", &theme.accent_color),
    ] {
        // An invalid colour is ignored by the browser, which keeps the default.
        let _ = style.set_property(name, value);
    }
}

/// Moves keyboard and screen reader focus to the new step's heading after each step change, but
/// not on first render, so the widget never takes focus from the partner's page by itself.
fn focus_heading_on_step_change(root: NodeRef<Div>, step: RwSignal<Step>) {
    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        if previous.is_some_and(|previous| previous != current)
            && let Some(root) = root.get_untracked()
        {
            request_animation_frame(move || {
                let heading = root.query_selector(".cs-step-heading").ok().flatten();
                if let Some(heading) = heading.and_then(|heading| heading.dyn_into::<HtmlElement>().ok()) {
                    let _ = heading.focus();
                }
            });
        }
        current
    });
}
