//! The "1 Prices, 2 Your details, 3 Sign" progress list at the top of the widget.

use leptos::prelude::*;

use crate::state::Step;
use crate::text;

fn label(step: Step) -> &'static str {
    match step {
        Step::Prices => text::STEP_PRICES,
        Step::Details => text::STEP_DETAILS,
        Step::Sign => text::STEP_SIGN,
    }
}

/// Shows which step is current (`aria-current="step"`) and which are done.
#[component]
pub fn StepIndicator(step: RwSignal<Step>) -> impl IntoView {
    let items = Step::ALL.into_iter().map(|item| {
        let state = move || {
            let current = step.get();
            if item == current {
                "current"
            } else if item.number() < current.number() {
                "done"
            } else {
                "upcoming"
            }
        };
        view! {
            <li class="cs-step" data-state=state aria-current=move || (step.get() == item).then_some("step")>
                <span class="cs-step-number" aria-hidden="true">{item.number()}</span>
                <span class="cs-step-label">{label(item)}</span>
                {move || {
                    (state() == "done")
                        .then(|| view! { <span class="cs-visually-hidden">{format!(" ({})", text::STEP_COMPLETED)}</span> })
                }}
            </li>
        }
    });

    view! { <ol class="cs-steps" aria-label=text::PROGRESS_LABEL>{items.collect_view()}</ol> }
}
