//! The contract's summary, and the status stream that feeds its timeline.
//!
//! The proxy streams status with server-sent events (`event: status`): first the current status,
//! then each change as the platform's webhooks arrive. The stream is closed on a final status.

use leptos::prelude::*;
use shopper_types::ContractStatus;
use shopper_types::api::{Contract, StatusChange, StatusEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};

use crate::api::ApiClient;
use crate::config::WidgetConfig;
use crate::components::ErrorNotice;
use crate::steps::timeline::{Timeline, record};
use crate::{format, text};

/// The state of the status stream, shown under the timeline when it is not live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Connection {
    Live,
    Reconnecting,
    Closed,
}

#[component]
pub fn ContractPanel(
    contract_id: String,
    /// Opens the status stream and shows the timeline.
    follow: bool,
    /// Called with every status the contract reaches. Setting it opens the status stream, so the
    /// caller learns of each change even where the timeline is hidden.
    #[prop(optional)]
    on_status: Option<Callback<ContractStatus>>,
    /// Called with the contract once it has loaded.
    #[prop(optional)]
    on_contract: Option<Callback<Contract>>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let history = RwSignal::new(Vec::<StatusChange>::new());
    let connection = RwSignal::new(Connection::Live);

    let contract = LocalResource::new({
        let (api, contract_id) = (api.clone(), contract_id.clone());
        move || {
            let (api, contract_id) = (api.clone(), contract_id.clone());
            async move { api.contract(&contract_id).await }
        }
    });
    Effect::new(move || {
        if let Some(Ok(contract)) = contract.get() {
            if let Some(on_contract) = on_contract {
                on_contract.run(contract.clone());
            }
            contract
                .history
                .iter()
                .cloned()
                .for_each(|change| record(history, change));
            record(
                history,
                StatusChange {
                    status: contract.status,
                    at: String::new(),
                },
            );
        }
    });
    // A caller that wants each status gets the stream's changes too, even without the timeline.
    if follow || on_status.is_some() {
        follow_status(&api.events_url(&contract_id), history, connection);
    }
    if let Some(on_status) = on_status {
        Effect::new(move || history.with(|history| history.iter().for_each(|change| on_status.run(change.status))));
    }
    // A contract with a final status is done, so the saved details form is no longer needed.
    let config = expect_context::<WidgetConfig>();
    Effect::new(move || {
        if history.with(|history| history.iter().any(|change| change.status.is_final())) {
            crate::steps::forget_draft(&config);
        }
    });

    let document_url = api.document_url(&contract_id);
    let summary = move || match contract.get() {
        None => None,
        Some(Ok(contract)) => Some(summary(contract, document_url.clone()).into_any()),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| contract.refetch());
            Some(view! { <ErrorNotice message=error.user_message() retry=Some(retry) /> }.into_any())
        }
    };
    let stream_note = move || match connection.get() {
        Connection::Live => None,
        Connection::Reconnecting => Some(text::STATUS_RECONNECTING),
        Connection::Closed => Some(text::STATUS_STOPPED),
    };

    view! {
        <div class="cs-contract">
            {summary}
            {follow.then(|| view! {
                <h3 class="cs-subheading">{text::STATUS_HEADING}</h3>
                <Timeline history=history />
                {move || stream_note().map(|note| view! {
                    <p class="cs-hint">
                        {note}
                        " "
                        <button type="button" class="cs-link" on:click=move |_| contract.refetch()>{text::REFRESH_STATUS}</button>
                    </p>
                })}
            })}
        </div>
    }
}

fn summary(contract: Contract, document_url: String) -> impl IntoView {
    view! {
        <dl class="cs-facts cs-facts-wide">
            <div><dt>{text::BUSINESS}</dt><dd>{contract.legal_name}</dd></div>
            <div><dt>{text::SUPPLIER}</dt><dd>{contract.supplier}</dd></div>
            <div><dt>{text::RATE}</dt><dd>{format::rate(contract.rate, contract.unit)}</dd></div>
            <div><dt>{text::TERM}</dt><dd>{text::term_months(contract.term_months)}</dd></div>
            <div><dt>{text::START}</dt><dd>{format::month_label(&contract.start_month)}</dd></div>
        </dl>
        <p class="cs-hint">{format!("{}: ", text::CONTRACT_REFERENCE)}<span class="cs-mono">{contract.id}</span></p>
        <p>
            <a class="cs-link cs-document-link" href=document_url target="_blank" rel="noopener">{text::READ_CONTRACT}</a>
        </p>
    }
}

/// Opens the status stream and records each status it sends, until a final one or until the
/// panel is removed.
fn follow_status(url: &str, history: RwSignal<Vec<StatusChange>>, connection: RwSignal<Connection>) {
    let Ok(source) = EventSource::new(url) else {
        connection.set(Connection::Closed);
        return;
    };

    let on_status = Closure::<dyn Fn(MessageEvent)>::new({
        let source = source.clone();
        move |event: MessageEvent| {
            let Some(Ok(status)) = event
                .data()
                .as_string()
                .map(|data| serde_json::from_str::<StatusEvent>(&data))
            else {
                web_sys::console::warn_1(
                    &"Commercial Shopper: ignored a status event that is not StatusEvent JSON".into(),
                );
                return;
            };
            connection.set(Connection::Live);
            record(
                history,
                StatusChange {
                    status: status.status,
                    at: status.at,
                },
            );
            if status.status.is_final() {
                source.close();
            }
        }
    });
    let on_error = Closure::<dyn Fn()>::new({
        let source = source.clone();
        move || {
            // EventSource reconnects by itself unless the server rejected the stream outright.
            let closed = source.ready_state() == EventSource::CLOSED;
            connection.set(if closed {
                Connection::Closed
            } else {
                Connection::Reconnecting
            });
        }
    });
    // Fails only for a non-callable listener, which a Closure never is.
    let _ = source.add_event_listener_with_callback("status", on_status.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let stream = StoredValue::new_local((source, on_status, on_error));
    on_cleanup(move || stream.with_value(|(source, _, _)| source.close()));
}
