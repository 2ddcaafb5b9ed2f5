//! Step 3: the contract to review, the handoff to the signing page, and the way back.
//!
//! A signing URL works once and expires within minutes, so one is minted on each "Sign now"
//! click and never stored. In redirect mode the whole page leaves for the signing page. The
//! contract id waits in sessionStorage, and the return URL names the contract and this widget. In
//! popup mode the signing page opens in a window that is opened in the click handler itself, and
//! the outcome comes back by `postMessage` (see [`crate::popup`]). A contract whose price expired
//! cannot be signed. The widget then shows the same offer at today's price, and moves the
//! contract to it once the customer accepts.

use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::ContractStatus;
use shopper_types::api::{Contract, Offer, PartnerConfig, SigningMode, SigningSessionRequest, error_code};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::{ApiClient, RequestError};
use crate::components::{ErrorNotice, Loading, NewPriceNotice};
use crate::config::WidgetConfig;
use crate::popup::{self, SigningWindow};
use crate::signing_return::{self, NextStep, SigningEvent};
use crate::state::{Flow, SigningPhase, Step};
use crate::steps::status::ContractPanel;
use crate::{format, storage, text};

/// Shows step 3 for a newly created contract, ready for the customer to read and sign. The
/// contract id is saved, so a reload comes back to it.
pub fn review_contract(flow: Flow, config: &WidgetConfig, contract_id: String) {
    storage::save_contract_id(config, &contract_id);
    flow.contract_id.set(Some(contract_id));
    flow.signing.set(SigningPhase::Review);
    flow.step.set(Step::Sign);
}

/// Mints a signing session for the contract in `flow` and sends the customer to it.
///
/// Must run synchronously in a click handler: in popup mode it opens the signing window before
/// its first `await`. When the browser blocks that window, signing falls back to a redirect.
fn start_signing(
    flow: Flow,
    api: ApiClient,
    config: WidgetConfig,
    partner_mode: SigningMode,
    window: StoredValue<Option<SigningWindow>, LocalStorage>,
) {
    let Some(contract_id) = flow.contract_id.get_untracked() else {
        return;
    };
    if flow.signing.get_untracked() == SigningPhase::Opening {
        return;
    }
    let popup = match partner_mode {
        SigningMode::Popup => SigningWindow::open_blank(&config),
        SigningMode::Redirect => None,
    };
    let mode = if popup.is_some() {
        SigningMode::Popup
    } else {
        SigningMode::Redirect
    };
    flow.signing.set(SigningPhase::Opening);

    spawn_local(async move {
        let return_url = signing_return::return_url(&config, &contract_id).unwrap_or_default();
        let request = SigningSessionRequest {
            return_url,
            mode: Some(mode),
        };
        let session = match api.signing_session(&contract_id, &request).await {
            Ok(session) => session,
            Err(error) => {
                if let Some(popup) = &popup {
                    popup.close();
                }
                flow.signing.set(failure_phase(error));
                return;
            }
        };

        match popup {
            Some(popup) if popup.is_closed() => flow.signing.set(SigningPhase::PopupClosed),
            Some(popup) => match popup.navigate(&session.url) {
                Ok(()) => {
                    window.set_value(Some(popup.clone()));
                    flow.signing.set(SigningPhase::InPopup);
                    popup::watch_for_closed_window(flow, popup);
                }
                Err(_) => flow.signing.set(SigningPhase::Link { url: session.url }),
            },
            None => {
                storage::save_contract_id(&config, &contract_id);
                let assigned = web_sys::window().map(|window| window.location().assign(&session.url));
                if !matches!(assigned, Some(Ok(()))) {
                    flow.signing.set(SigningPhase::Link { url: session.url });
                }
            }
        }
    });
}

/// Returns the phase for a failed request: the offer at today's price when the contract's price
/// expired, and the error otherwise.
fn failure_phase(error: RequestError) -> SigningPhase {
    match error.offer() {
        Some(offer) if error.code() == Some(error_code::QUOTE_EXPIRED) => SigningPhase::NewPrice(offer.clone()),
        _ => SigningPhase::Failed(error),
    }
}

/// Moves the contract in `flow` to the accepted quote, then shows the review again with the new
/// rate. A second click while the first request runs does nothing.
fn accept_new_price(flow: Flow, api: ApiClient, quote_id: String) {
    let Some(contract_id) = flow.contract_id.get_untracked() else {
        return;
    };
    if flow.signing.get_untracked() == SigningPhase::Repricing {
        return;
    }
    flow.signing.set(SigningPhase::Repricing);

    spawn_local(async move {
        match api.reprice_contract(&contract_id, &quote_id).await {
            Ok(_) => flow.signing.set(SigningPhase::Review),
            Err(error) => flow.signing.set(failure_phase(error)),
        }
    });
}

/// The state of a contract that is past signing, as step 3 shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Settled {
    Signed,
    Declined,
    Cancelled,
}

impl Settled {
    fn of(status: ContractStatus) -> Option<Settled> {
        match status {
            _ if status.is_unsigned() => None,
            ContractStatus::Declined => Some(Settled::Declined),
            ContractStatus::Cancelled => Some(Settled::Cancelled),
            _ => Some(Settled::Signed),
        }
    }
}

/// Returns true for the phases that offer to sign, which a settled contract replaces.
fn offers_signing(phase: &SigningPhase) -> bool {
    match phase {
        SigningPhase::Review | SigningPhase::PopupClosed | SigningPhase::Failed(_) => true,
        SigningPhase::Returned(event) => matches!(event.next_step(), NextStep::SignAgain(_)),
        _ => false,
    }
}

/// Moves focus to the step's heading when the phase changes, because the button that had focus
/// is gone. The heading scrolls into view and screen readers read the new content from there.
/// On first render it takes focus only after a return from the signing page, so the widget
/// never takes focus from the partner's page by itself.
fn focus_heading_on_phase_change(flow: Flow, section: NodeRef<Section>) {
    Effect::new(move |previous: Option<Option<SigningPhase>>| {
        let phase = flow.signing.get();
        let section = section.get()?;
        let changed = match previous.flatten() {
            Some(previous) => previous != phase,
            None => matches!(phase, SigningPhase::Returned(_)),
        };
        // While the signing page opens or the price updates, focus stays where it is.
        let passing = matches!(
            phase,
            SigningPhase::Opening | SigningPhase::Repricing | SigningPhase::InPopup
        );
        if changed && !passing {
            request_animation_frame(move || {
                let heading = section.query_selector(".cs-step-heading").ok().flatten();
                if let Some(heading) = heading.and_then(|heading| heading.dyn_into::<HtmlElement>().ok()) {
                    let _ = heading.focus();
                }
            });
        }
        Some(phase)
    });
}

/// The contract's rate as its panel last showed it. When the price expires at "Sign now", the
/// notice names this rate at once instead of waiting for the contract to load again.
#[derive(Clone, Copy)]
struct ShownRate(RwSignal<Option<String>>);

#[component]
pub fn SignStep() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let api = expect_context::<ApiClient>();
    let config = expect_context::<WidgetConfig>();
    let partner = expect_context::<PartnerConfig>();
    provide_context(ShownRate(RwSignal::new(None)));
    if partner.signing_mode == SigningMode::Popup {
        popup::listen_for_signing_message(&config, flow);
    }

    let window = StoredValue::new_local(None::<SigningWindow>);
    let sign = {
        let config = config.clone();
        Callback::new(move |()| start_signing(flow, api.clone(), config.clone(), partner.signing_mode, window))
    };
    let start_over = Callback::new(move |()| {
        storage::forget_contract_id(&config);
        flow.signing.set(SigningPhase::Review);
        flow.start_over();
    });
    let show_window = move |_| window.with_value(|window| window.iter().for_each(SigningWindow::focus));
    let section = NodeRef::<Section>::new();
    focus_heading_on_phase_change(flow, section);

    // A reload, or a return from a used link, can show a contract that is already signed or
    // declined. The contract panel reports the status, and the step then shows it in place of
    // an offer to sign.
    let settled = RwSignal::new(None::<Settled>);
    let on_status = Callback::new(move |status: ContractStatus| {
        let now = Settled::of(status);
        if now.is_some() && settled.get_untracked() != now {
            settled.set(now);
        }
    });

    let body = move || {
        let phase = flow.signing.get();
        if let Some(settled) = settled.get()
            && offers_signing(&phase)
        {
            return view! { <SettledContract settled=settled start_over=start_over /> }.into_any();
        }
        match phase {
            SigningPhase::Review => {
                view! { <Review mode=partner.signing_mode sign=sign on_status=on_status /> }.into_any()
            }
            SigningPhase::Opening => view! { <Loading message=text::OPENING_SIGNING /> }.into_any(),
            SigningPhase::Failed(error) => {
                let retry = error.is_retryable().then_some(sign);
                view! {
                    <ErrorNotice message=error.user_message() retry=retry />
                    <div class="cs-actions">
                        <button type="button" class="cs-button cs-button-secondary" on:click=move |_| start_over.run(())>
                            {text::START_OVER}
                        </button>
                    </div>
                    <Panel follow=false on_status=on_status />
                }
                .into_any()
            }
            SigningPhase::NewPrice(offer) => view! { <NewPrice offer=offer start_over=start_over /> }.into_any(),
            SigningPhase::Repricing => view! { <Loading message=text::UPDATING_PRICE /> }.into_any(),
            SigningPhase::Link { url } => view! {
                <p class="cs-notice" role="status">{text::SIGN_WITH_LINK}</p>
                <a class="cs-button cs-button-primary" href=url>{text::OPEN_SIGNING_PAGE}</a>
                <Panel follow=false />
            }
            .into_any(),
            SigningPhase::InPopup => view! {
                <p class="cs-notice" role="status">{text::IN_POPUP}</p>
                <div class="cs-actions">
                    <button type="button" class="cs-button cs-button-secondary" on:click=show_window>
                        {text::SHOW_SIGNING_WINDOW}
                    </button>
                </div>
                <Panel follow=false />
            }
            .into_any(),
            SigningPhase::PopupClosed => view! {
                <p class="cs-notice" role="status">{text::POPUP_CLOSED}</p>
                <SignAgainActions label=text::SIGN_NOW sign=sign start_over=start_over />
                <Panel follow=false on_status=on_status />
            }
            .into_any(),
            SigningPhase::Returned(event) => {
                view! { <Outcome event=event sign=sign start_over=start_over on_status=on_status /> }.into_any()
            }
        }
    };

    view! {
        <section class="cs-form cs-signing" node_ref=section>
            <h2 class="cs-step-heading" tabindex="-1">{text::SIGN_HEADING}</h2>
            {body}
        </section>
    }
}

/// Shows the new contract with a link to its PDF, before the customer signs.
#[component]
fn Review(
    mode: SigningMode,
    sign: Callback<()>,
    /// Called with each status the contract's panel learns.
    on_status: Callback<ContractStatus>,
) -> impl IntoView {
    let intro = match mode {
        SigningMode::Popup => text::REVIEW_INTRO_POPUP,
        SigningMode::Redirect => text::REVIEW_INTRO_REDIRECT,
    };

    view! {
        <p>{intro}</p>
        <Panel follow=false on_status=on_status />
        <div class="cs-actions">
            <ChangeDetails />
            <button type="button" class="cs-button cs-button-primary" on:click=move |_| sign.run(())>
                {text::SIGN_NOW}
            </button>
        </div>
    }
}

/// Shows the same offer at today's price after the contract's price expired, for the customer to
/// accept before signing.
#[component]
fn NewPrice(offer: Offer, start_over: Callback<()>) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let api = expect_context::<ApiClient>();
    let ShownRate(expired_rate) = expect_context::<ShownRate>();
    let new_rate = format::rate(offer.rate, offer.unit);
    let accept_label = Signal::derive({
        let new_rate = new_rate.clone();
        move || {
            if expired_rate.with(|old| old.as_deref() == Some(new_rate.as_str())) {
                text::CONTINUE_AT_SAME_PRICE
            } else {
                text::CONTINUE_AT_NEW_PRICE
            }
        }
    });
    let message = Signal::derive({
        let supplier = offer.supplier.clone();
        move || expired_rate.with(|old| text::contract_price_expired(&supplier, &new_rate, old.as_deref()))
    });
    let accept = Callback::new(move |()| accept_new_price(flow, api.clone(), offer.quote_id.clone()));

    view! {
        <NewPriceNotice
            message=message
            back_label=text::START_OVER
            back=start_over
            accept_label=accept_label
            accept=accept
        />
        <Panel follow=false />
    }
}

/// Shows the message for a return from the signing page, and what the customer can do next.
#[component]
fn Outcome(
    event: SigningEvent,
    sign: Callback<()>,
    start_over: Callback<()>,
    /// Called with each status the contract's panel learns.
    on_status: Callback<ContractStatus>,
) -> impl IntoView {
    let class = if event.is_signed() {
        "cs-notice cs-notice-success"
    } else {
        "cs-notice"
    };
    let actions = match event.next_step() {
        NextStep::FollowStatus => None,
        NextStep::SignAgain(label) => {
            Some(view! { <SignAgainActions label=label sign=sign start_over=start_over /> }.into_any())
        }
        NextStep::StartOver => Some(view! { <DeclinedActions start_over=start_over /> }.into_any()),
    };
    let follow = matches!(event.next_step(), NextStep::FollowStatus | NextStep::StartOver);
    // A faxed signature arrives after the customer is back, so its message changes when it does.
    let fax_arrived = RwSignal::new(false);
    let report = Callback::new(move |status: ContractStatus| {
        on_status.run(status);
        let signature_recorded = Settled::of(status) == Some(Settled::Signed);
        if event == SigningEvent::FaxPending && signature_recorded && !fax_arrived.get_untracked() {
            fax_arrived.set(true);
        }
    });
    let message = move || {
        if fax_arrived.get() {
            text::FAX_RECEIVED
        } else {
            event.message()
        }
    };

    view! {
        <p class=class role="status" data-event=event.as_str()>{message}</p>
        {actions}
        <Panel follow=follow on_status=report />
    }
}

/// Shows a contract that is past signing: signed, declined or cancelled.
#[component]
fn SettledContract(settled: Settled, start_over: Callback<()>) -> impl IntoView {
    let (class, message) = match settled {
        Settled::Signed => ("cs-notice cs-notice-success", text::ALREADY_SIGNED),
        Settled::Declined => ("cs-notice", text::DECLINED),
        Settled::Cancelled => ("cs-notice", text::CONTRACT_CANCELLED),
    };
    let actions = (settled != Settled::Signed).then(|| view! { <DeclinedActions start_over=start_over /> });

    view! {
        <p class=class role="status">{message}</p>
        {actions}
        <Panel follow=true />
    }
}

#[component]
fn SignAgainActions(label: &'static str, sign: Callback<()>, start_over: Callback<()>) -> impl IntoView {
    view! {
        <div class="cs-actions">
            <button type="button" class="cs-button cs-button-secondary" on:click=move |_| start_over.run(())>
                {text::START_OVER}
            </button>
            <ChangeDetails />
            <button type="button" class="cs-button cs-button-primary" on:click=move |_| sign.run(())>
                {label}
            </button>
        </div>
    }
}

/// Shows "Change your details", which goes back to the details form, while the chosen offer is
/// known. After "Start over" it is not, and the form cannot be shown without it.
#[component]
fn ChangeDetails() -> impl IntoView {
    let flow = expect_context::<Flow>();
    flow.choice.with_untracked(Option::is_some).then(|| {
        view! {
            <button type="button" class="cs-button cs-button-secondary" on:click=move |_| flow.step.set(Step::Details)>
                {text::CHANGE_DETAILS}
            </button>
        }
    })
}

/// Shows "Start over", and the broker's contact when the partner configured one.
#[component]
fn DeclinedActions(start_over: Callback<()>) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let partner = expect_context::<PartnerConfig>();
    let contact = config.contact_url.map(|url| {
        view! {
            <a class="cs-button cs-button-secondary" href=url target="_blank" rel="noopener noreferrer">
                {text::questions_contact(&partner.partner_name)}
            </a>
        }
    });

    view! {
        <div class="cs-actions">
            {contact}
            <button type="button" class="cs-button cs-button-primary" on:click=move |_| start_over.run(())>
                {text::START_OVER}
            </button>
        </div>
    }
}

/// Shows the contract panel for the contract in the flow, if there is one, and keeps the rate
/// it shows in [`ShownRate`].
#[component]
fn Panel(
    follow: bool,
    /// Called with every status the contract reaches.
    #[prop(optional)]
    on_status: Option<Callback<ContractStatus>>,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let ShownRate(shown_rate) = expect_context::<ShownRate>();
    let on_contract = Callback::new(move |contract: Contract| {
        shown_rate.set(Some(format::rate(contract.rate, contract.unit)));
    });
    flow.contract_id.get_untracked().map(|contract_id| match on_status {
        Some(on_status) => view! {
            <ContractPanel contract_id=contract_id follow=follow on_status=on_status on_contract=on_contract />
        }
        .into_any(),
        None => view! { <ContractPanel contract_id=contract_id follow=follow on_contract=on_contract /> }.into_any(),
    })
}
