//! Status lines and messages: a spinner with what is loading, an error with an optional retry
//! button, and a price that moved or expired.

use leptos::prelude::*;

use crate::text;

/// Shows a spinner with what is loading, announced politely to screen readers (`role="status"`).
#[component]
pub fn Loading(message: &'static str) -> impl IntoView {
    view! {
        <p class="cs-loading" role="status">
            <span class="cs-spinner" aria-hidden="true"></span>
            {message}
        </p>
    }
}

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

/// Shows a price that moved or expired, with a way back and a button that accepts today's price.
#[component]
pub fn NewPriceNotice(
    #[prop(into)] message: Signal<String>,
    /// The label of the way back, such as "Start over".
    back_label: &'static str,
    back: Callback<()>,
    /// The label of the accepting button: "Continue at the new price", or "Continue at this
    /// price" when today's rate is the same.
    #[prop(into)]
    accept_label: Signal<&'static str>,
    /// The action that accepts today's price.
    accept: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="cs-notice cs-notice-error" role="alert">
            <p>{message}</p>
            <div class="cs-actions">
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| back.run(())>
                    {back_label}
                </button>
                <button type="button" class="cs-button cs-button-primary" on:click=move |_| accept.run(())>
                    {accept_label}
                </button>
            </div>
        </div>
    }
}
