//! The inputs of the details step: text inputs, a select and checkboxes, each named by its field
//! path (`accounts[1].service_address.zip`), so that browser and proxy errors land on it.
//!
//! Unlike `components::TextField`, the path is a `String`, because account fields are numbered.

use leptos::prelude::*;
use shopper_types::FieldError;

use crate::components::error_line;
use crate::config::WidgetConfig;

/// Error messages of the details step by field path, in the order they were found, which is the
/// order of the form. The summary lists them in this order.
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<Vec<FieldError>>);

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors(RwSignal::new(Vec::new()))
    }

    pub fn get(&self, path: &str) -> Option<String> {
        self.0
            .with(|errors| errors.iter().find(|error| error.field == path).map(|error| error.message.clone()))
    }

    /// Shows or clears one field's message, keeping the others in place.
    pub fn set(&self, path: &str, message: Option<String>) {
        self.0.update(|errors| {
            let position = errors.iter().position(|error| error.field == path);
            match (position, message) {
                (Some(position), Some(message)) => errors[position].message = message,
                (None, Some(message)) => errors.push(FieldError::new(path, message)),
                (Some(position), None) => {
                    errors.remove(position);
                }
                (None, None) => {}
            }
        });
    }

    pub fn replace(&self, errors: &[FieldError]) {
        self.0.set(errors.to_vec());
    }

    pub fn all(&self) -> Vec<FieldError> {
        self.0.get()
    }

    /// Clears the messages of every field whose path starts with `prefix`, for a section that
    /// the customer hid.
    pub fn clear_prefix(&self, prefix: &str) {
        self.0.update(|errors| errors.retain(|error| !error.field.starts_with(prefix)));
    }

    /// Drops the errors of a removed account and renumbers those of the accounts after it, so
    /// each message stays on the account it was about.
    pub fn remove_account(&self, removed: usize) {
        self.0.update(|errors| {
            errors.retain(|error| account_index(&error.field) != Some(removed));
            for error in errors.iter_mut() {
                if let Some(index) = account_index(&error.field).filter(|index| *index > removed) {
                    let rest = &error.field[format!("accounts[{index}]").len()..];
                    error.field = format!("accounts[{}]{rest}", index - 1);
                }
            }
        });
    }
}

/// Reads the account index of a path such as `accounts[2].pod_id`.
fn account_index(path: &str) -> Option<usize> {
    path.strip_prefix("accounts[")?.split_once(']')?.0.parse().ok()
}

/// Builds the element id of a field path, unique per widget instance.
pub fn field_id(config: &WidgetConfig, path: &str) -> String {
    config.element_id(&path.replace(['.', '[', ']'], "-"))
}

/// The element ids of one field and its current error, which every input kind shares.
struct FieldParts {
    id: String,
    /// Present when the field shows a hint.
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
}

impl FieldParts {
    fn new(config: &WidgetConfig, path: &str, errors: FormErrors, has_hint: bool) -> FieldParts {
        let id = field_id(config, path);
        let path = path.to_owned();
        FieldParts {
            hint_id: has_hint.then(|| format!("{id}-hint")),
            error_id: format!("{id}-error"),
            error: Signal::derive(move || errors.get(&path)),
            id,
        }
    }

    /// Returns the field's `aria-describedby`: its hint id, then its error id while it has an
    /// error.
    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + use<> {
        let (hint_id, error_id, error) = (self.hint_id.clone(), self.error_id.clone(), self.error);
        move || {
            let ids: Vec<String> = hint_id.iter().cloned().chain(error.get().map(|_| error_id.clone())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// Renders a labelled text input. Its error appears below it, sets `aria-invalid`, and is linked
/// with `aria-describedby` together with the hint.
#[component]
pub fn FormInput(
    /// The field path, which also names the input.
    path: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    errors: FormErrors,
    /// Runs with the path when the input loses focus, unless it is empty and shows no error:
    /// tabbing through an empty form leaves it quiet, and submitting reports what is missing.
    on_blur: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    /// The `autocomplete` token, such as `email` or `address-line1`.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let parts = FieldParts::new(&expect_context::<WidgetConfig>(), &path, errors, hint.is_some());
    let aria_described_by = parts.described_by();
    let FieldParts { id, hint_id, error_id, error } = parts;
    let blur_path = path.clone();

    view! {
        <div class="cs-field" class:cs-field-invalid={
                move || error.get().is_some()
        }>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="cs-hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                name=path
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid={
                    move || error.get().map(|_| "true")
                }
                aria-describedby=aria_described_by
                prop:value=move || value.get()
                on:input:target=move |event| value.set(event.target().value())
                on:blur={
                    move |_| {
                        if !value.with_untracked(|value| value.trim().is_empty()) || error.get().is_some() {
                            on_blur.run(blur_path.clone());
                        }
                    }
                }
            />
            {move || error_line(error_id.clone(), error.get())}
        </div>
    }
}

/// Renders a labelled select whose first, empty option is a placeholder such as "Choose the
/// business type".
#[component]
pub fn FormSelect(
    path: String,
    #[prop(into)] label: String,
    /// The chosen option's value; empty while nothing is chosen.
    value: RwSignal<String>,
    /// `(value, label)` of each option.
    options: Vec<(&'static str, &'static str)>,
    placeholder: &'static str,
    errors: FormErrors,
    /// Runs with the path when the choice changes or the select loses focus.
    on_check: Callback<String>,
) -> impl IntoView {
    let parts = FieldParts::new(&expect_context::<WidgetConfig>(), &path, errors, false);
    let aria_described_by = parts.described_by();
    let FieldParts { id, error_id, error, .. } = parts;
    let (change_path, blur_path) = (path.clone(), path.clone());

    view! {
        <div class="cs-field" class:cs-field-invalid={
                move || error.get().is_some()
        }>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=path
                required=true
                aria-invalid={
                    move || error.get().map(|_| "true")
                }
                aria-describedby=aria_described_by
                prop:value=move || value.get()
                on:change:target=move |event| {
                    value.set(event.target().value());
                    on_check.run(change_path.clone());
                }
                on:blur=move |_| on_check.run(blur_path.clone())
            >
                <option value="" selected=move || value.with(String::is_empty)>{placeholder}</option>
                {options
                    .into_iter()
                    .map(|(option, label)| {
                        view! { <option value=option selected=move || value.with(|value| value == option)>{label}</option> }
                    })
                    .collect_view()}
            </select>
            {move || error_line(error_id.clone(), error.get())}
        </div>
    }
}

/// Renders a checkbox with its label to the right and an optional hint below.
#[component]
pub fn FormCheckbox(
    path: String,
    #[prop(into)] label: String,
    checked: RwSignal<bool>,
    errors: FormErrors,
    /// Runs with the path when the box is ticked or cleared.
    on_change: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let parts = FieldParts::new(&expect_context::<WidgetConfig>(), &path, errors, hint.is_some());
    let aria_described_by = parts.described_by();
    let FieldParts { id, hint_id, error_id, error } = parts;
    let change_path = path.clone();

    view! {
        <div class="cs-field cs-check" class:cs-field-invalid={
                move || error.get().is_some()
        }>
            <div class="cs-check-row">
                <input
                    id=id.clone()
                    name=path
                    type="checkbox"
                    aria-invalid={
                            move || error.get().map(|_| "true")
                    }
                    aria-describedby=aria_described_by
                    prop:checked=move || checked.get()
                    on:change:target=move |event| {
                        checked.set(event.target().checked());
                        on_change.run(change_path.clone());
                    }
                />
                <label for=id>{label}</label>
            </div>
            {hint.map(|hint| view! { <p class="cs-hint" id=hint_id.clone()>{hint}</p> })}
            {move || error_line(error_id.clone(), error.get())}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_index_read_from_path() {
        assert_eq!(account_index("accounts[2].pod_id"), Some(2));
        assert_eq!(account_index("accounts[10].service_address.zip"), Some(10));
        assert_eq!(account_index("customer.email"), None);
        assert_eq!(account_index("accounts"), None);
    }
}
