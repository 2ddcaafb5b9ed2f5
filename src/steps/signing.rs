//! Step 3: hand the customer to the signing page, and show how they came back.
//!
//! A signing URL is single use and expires within minutes, so it is minted on each click and
//! never stored. In redirect mode the whole page leaves; the contract id waits in sessionStorage
//! and the return URL names the contract and this widget.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::api::{PartnerConfig, SigningMode, SigningSessionRequest};

use crate::api::ApiClient;
use crate::components::ErrorNotice;
use crate::config::WidgetConfig;
use crate::signing_return::{self, SigningEvent};
use crate::state::{Flow, SigningPhase, Step};
use crate::steps::status::ContractPanel;
use crate::{popup, storage, text};

/// Mints a signing session for the contract and sends the customer to it.
pub fn open_signing(flow: Flow, api: ApiClient, config: WidgetConfig, mode: SigningMode, contract_id: String) {
    flow.contract_id.set(Some(contract_id.clone()));
    flow.signing.set(SigningPhase::Opening);
    flow.step.set(Step::Sign);

    spawn_local(async move {
        let return_url = signing_return::return_url(&config, &contract_id).unwrap_or_default();
        let session = match api
            .signing_session(
                &contract_id,
                &SigningSessionRequest {
                    return_url,
                    mode: Some(mode),
                },
            )
            .await
        {
            Ok(session) => session,
            Err(error) => {
                flow.signing.set(SigningPhase::Failed(error));
                return;
            }
        };

        match mode {
            SigningMode::Redirect => {
                storage::save_contract_id(&config, &contract_id);
                let assigned = web_sys::window().map(|window| window.location().assign(&session.url));
                if !matches!(assigned, Some(Ok(()))) {
                    flow.signing.set(SigningPhase::Link {
                        url: session.url,
                        popup: false,
                    });
                }
            }
            // A window opened after an await is blocked by most browsers, so the customer opens
            // the signing page with a link, which counts as their own click.
            SigningMode::Popup => flow.signing.set(SigningPhase::Link {
                url: session.url,
                popup: true,
            }),
        }
    });
}

#[component]
pub fn SignStep() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let api = expect_context::<ApiClient>();
    let config = expect_context::<WidgetConfig>();
    let partner = expect_context::<PartnerConfig>();
    if partner.signing_mode == SigningMode::Popup {
        popup::listen_for_signing_message(&config, flow);
    }

    let sign_again = Callback::new(move |()| {
        if let Some(contract_id) = flow.contract_id.get_untracked() {
            open_signing(flow, api.clone(), config.clone(), partner.signing_mode, contract_id);
        }
    });
    let start_over = {
        let config = expect_context::<WidgetConfig>();
        Callback::new(move |()| {
            storage::forget_contract_id(&config);
            flow.start_over();
        })
    };

    let body = move || {
        match flow.signing.get() {
            SigningPhase::Opening => view! {
                <p class="cs-loading" role="status">
                    <span class="cs-spinner" aria-hidden="true"></span>
                    {text::OPENING_SIGNING}
                </p>
            }
            .into_any(),
            SigningPhase::Failed(error) => {
                let retry = error.is_retryable().then_some(sign_again);
                view! {
                    <ErrorNotice message=error.user_message() retry=retry />
                    <button type="button" class="cs-button cs-button-secondary" on:click=move |_| start_over.run(())>
                        {text::START_OVER}
                    </button>
                }
                .into_any()
            }
            // `rel="opener"` keeps `window.opener` in the new window, which the return page posts to;
            // browsers drop it by default for `target="_blank"`.
            SigningPhase::Link { url, popup: in_popup } => view! {
                <p class="cs-notice" role="status">{if in_popup { text::POPUP_OPEN } else { text::SIGN_WITH_LINK }}</p>
                <a
                    class="cs-button cs-button-primary"
                    href=url
                    target=in_popup.then_some("_blank")
                    rel=in_popup.then_some("opener")
                >
                    {text::OPEN_SIGNING_PAGE}
                </a>
                <Panel follow=true />
            }
            .into_any(),
            SigningPhase::Returned(event) => {
                view! { <Outcome event=event sign_again=sign_again start_over=start_over /> }.into_any()
            }
        }
    };

    view! {
        <section class="cs-form">
            <h2 class="cs-step-heading" tabindex="-1">{text::SIGN_HEADING}</h2>
            {body}
        </section>
    }
}

/// The message for a return from the signing page, and what the customer can do next.
#[component]
fn Outcome(event: SigningEvent, sign_again: Callback<()>, start_over: Callback<()>) -> impl IntoView {
    let class = if event.is_signed() {
        "cs-notice cs-notice-success"
    } else {
        "cs-notice"
    };
    let actions = (!event.is_signed()).then(|| {
        view! {
            <div class="cs-actions">
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| start_over.run(())>
                    {text::START_OVER}
                </button>
                <button type="button" class="cs-button cs-button-primary" on:click=move |_| sign_again.run(())>
                    {text::SIGN_AGAIN}
                </button>
            </div>
        }
    });

    view! {
        <p class=class role="status">{event.message()}</p>
        {actions}
        <Panel follow=event.is_signed() />
    }
}

/// Shows the contract panel for the contract in the flow, if there is one.
#[component]
fn Panel(follow: bool) -> impl IntoView {
    let flow = expect_context::<Flow>();
    flow.contract_id
        .get_untracked()
        .map(|contract_id| view! { <ContractPanel contract_id=contract_id follow=follow /> })
}
