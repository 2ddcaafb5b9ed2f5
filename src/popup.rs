//! Popup signing. The signing page opens in a new window, and when the customer finishes, the
//! proxy's return page in that window posts `{ type, contractId, event }` to this window.

use leptos::prelude::*;
use shopper_types::api::SIGNING_MESSAGE_TYPE;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;

use crate::config::WidgetConfig;
use crate::signing_return::SigningEvent;
use crate::state::{Flow, SigningPhase};

/// Listens, until the calling component is removed, for the return page's message about the
/// contract in `flow`, and shows its outcome. Messages from other origins are ignored.
pub fn listen_for_signing_message(config: &WidgetConfig, flow: Flow) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(proxy_origin) = web_sys::Url::new(&config.api_base).map(|url| url.origin()) else {
        return;
    };

    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |message: MessageEvent| {
        if message.origin() != proxy_origin {
            return;
        }
        let data = message.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok()?.as_string();
        if field("type").as_deref() != Some(SIGNING_MESSAGE_TYPE) {
            return;
        }
        let (Some(contract_id), Some(event)) = (field("contractId"), field("event")) else {
            return;
        };
        if flow.contract_id.get_untracked().as_deref() == Some(contract_id.as_str()) {
            flow.signing.set(SigningPhase::Returned(SigningEvent::parse(&event)));
        }
    });
    // Fails only for a non-callable listener, which a Closure never is.
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());

    let listener = StoredValue::new_local((window, on_message));
    on_cleanup(move || {
        listener.with_value(|(window, on_message)| {
            let _ = window.remove_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        })
    });
}
