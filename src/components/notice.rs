//! An error message with an optional retry button.

use leptos::prelude::*;

use crate::text;

/// Announced to screen readers as soon as it appears (`role="alert"`).
#[component]
pub fn ErrorNotice(
    message: String,
    /// Shown as a "Try again" button when the same request may succeed later.
    #[prop(optional_no_strip)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="cs-notice cs-notice-error" role="alert">
            <p>{message}</p>
            {retry.map(|retry| view! {
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| retry.run(())>
                    {text::RETRY}
                </button>
            })}
        </div>
    }
}
