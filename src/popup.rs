//! Popup signing. The signing page opens in a new window, and when the customer finishes, the
//! proxy's return page in that window posts `{ type, contractId, event }` to this window.
//!
//! Browsers (Safari most strictly) block a window opened after an `await`, so the window is
//! opened blank in the click handler, before the signing session is requested, and pointed at the
//! signing URL once the session arrives.

use std::time::Duration;

use leptos::prelude::*;
use shopper_types::api::SIGNING_MESSAGE_TYPE;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Window};

use crate::config::WidgetConfig;
use crate::signing_return::SigningEvent;
use crate::state::{Flow, SigningPhase};
use crate::text;

/// Size of the signing window, in CSS pixels: room for a contract page and its buttons.
const WINDOW_FEATURES: &str = "popup,width=720,height=860";
/// How often the widget checks whether the customer closed the signing window.
const CLOSED_POLL_INTERVAL: Duration = Duration::from_millis(750);

/// The window the signing page opens in.
#[derive(Clone, Debug)]
pub struct SigningWindow(Window);

impl SigningWindow {
    /// Opens a blank window named after the widget, or returns `None` when the browser blocks
    /// it. Call it synchronously in a click handler. A second call while the window is open
    /// returns the same window.
    pub fn open_blank(config: &WidgetConfig) -> Option<SigningWindow> {
        let name = format!("commercial-shopper-signing-{}", config.instance_id);
        let window = web_sys::window()?
            .open_with_url_and_target_and_features("", &name, WINDOW_FEATURES)
            .ok()??;
        if let Some(body) = window.document().and_then(|document| document.body()) {
            body.set_text_content(Some(text::OPENING_SIGNING));
        }
        Some(SigningWindow(window))
    }

    /// Sends the window to the signing page and brings it to the front.
    pub fn navigate(&self, url: &str) -> Result<(), JsValue> {
        self.0.location().set_href(url)?;
        let _ = self.0.focus();
        Ok(())
    }

    pub fn focus(&self) {
        // Fails only for a closed window, which then cannot be brought forward anyway.
        let _ = self.0.focus();
    }

    pub fn close(&self) {
        let _ = self.0.close();
    }

    /// True once the window is closed, by the return page or by the customer.
    pub fn is_closed(&self) -> bool {
        self.0.closed().unwrap_or(true)
    }
}

/// Shows [`SigningPhase::PopupClosed`] when the customer closes the signing window without
/// finishing. The return page's message arrives before it closes the window, so a window that is
/// closed on two checks in a row while the phase is still [`SigningPhase::InPopup`] was closed by
/// the customer. The checks stop as soon as the phase changes.
pub fn watch_for_closed_window(flow: Flow, window: SigningWindow) {
    let closed_checks = StoredValue::new(0_u32);
    let handle = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = handle.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };

    let started = set_interval_with_handle(
        move || {
            if flow.signing.get_untracked() != SigningPhase::InPopup {
                stop();
                return;
            }
            if !window.is_closed() {
                closed_checks.set_value(0);
                return;
            }
            closed_checks.update_value(|checks| *checks += 1);
            if closed_checks.get_value() >= 2 {
                stop();
                flow.signing.set(SigningPhase::PopupClosed);
            }
        },
        CLOSED_POLL_INTERVAL,
    );
    if let Ok(started) = started {
        handle.set_value(Some(started));
    }
}

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
