//! A labelled text input with its hint and error message, wired for screen readers.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::config::WidgetConfig;

/// Error messages by field path (`customer.email`, `accounts[0].account_number`), the names that
/// `shopper_types::validation` and the proxy's `fields` use.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<HashMap<String, String>>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors(RwSignal::new(HashMap::new()))
    }

    pub fn get(&self, path: &str) -> Option<String> {
        self.0.with(|errors| errors.get(path).cloned())
    }

    pub fn set(&self, path: &str, message: Option<String>) {
        self.0.update(|errors| match message {
            Some(message) => {
                errors.insert(path.to_owned(), message);
            }
            None => {
                errors.remove(path);
            }
        });
    }

}

/// Renders a text input. Its error appears below it, sets `aria-invalid`, and is linked with
/// `aria-describedby` together with the hint.
#[component]
pub fn TextField(
    /// The field path, which also names the input.
    path: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: FieldErrors,
    /// Runs when the input loses focus, to validate this field.
    on_blur: Callback<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = "text")] input_type: &'static str,
    /// The `autocomplete` token, such as `email` or `organization`.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let id = config.element_id(&path.replace(['.', '[', ']'], "-"));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();

    let error = move || errors.get(path);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.as_str());
            }
            if error().is_some() {
                ids.push(error_id.as_str());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    view! {
        <div class="cs-field" class:cs-field-invalid=move || error().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="cs-hint" id=hint_id>{move || hint.get()}</p> })}
            <input
                id=id
                name=path
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input:target=move |event| value.set(event.target().value())
                on:blur=move |_| on_blur.run(path)
            />
            {move || error_line(error_id.clone(), error())}
        </div>
    }
}

/// Renders a field's error message, or an empty line of the same height when there is none, so
/// an error that appears or clears as a field loses focus never moves the control being clicked.
pub fn error_line(error_id: String, message: Option<String>) -> AnyView {
    match message {
        Some(message) => view! { <p class="cs-error" id=error_id>{message}</p> }.into_any(),
        None => view! { <p class="cs-error-slot" aria-hidden="true"></p> }.into_any(),
    }
}
