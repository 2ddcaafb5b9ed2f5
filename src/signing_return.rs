//! The way back from the signing page: the return URL the widget sends, and the `event` that the
//! signing ceremony appends to it.
//!
//! The return event only reports how the customer left the signing page. The contract's status,
//! which the proxy learns from the platform's webhooks, is the source of truth.

use wasm_bindgen::JsValue;
use web_sys::Url;

use crate::config::WidgetConfig;
use crate::storage;
use crate::text;

/// The query parameter that names the contract being signed.
pub const CONTRACT_PARAM: &str = "cs_contract";
/// The query parameter that names the widget instance that opened the signing page.
pub const INSTANCE_PARAM: &str = "cs_instance";
/// The query parameter the signing ceremony adds.
pub const EVENT_PARAM: &str = "event";

/// The way the customer left the signing page, named as in DocuSign's recipient view return events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigningEvent {
    SigningComplete,
    Cancel,
    Decline,
    Exception,
    FaxPending,
    SessionTimeout,
    TtlExpired,
    ViewingComplete,
}

impl SigningEvent {
    /// Parses the `event` parameter. An unknown value means the signature was not recorded, so it
    /// is handled like `exception`.
    pub fn parse(value: &str) -> SigningEvent {
        match value {
            "signing_complete" => SigningEvent::SigningComplete,
            "cancel" => SigningEvent::Cancel,
            "decline" => SigningEvent::Decline,
            "fax_pending" => SigningEvent::FaxPending,
            "session_timeout" => SigningEvent::SessionTimeout,
            "ttl_expired" => SigningEvent::TtlExpired,
            "viewing_complete" => SigningEvent::ViewingComplete,
            _ => SigningEvent::Exception,
        }
    }

    /// Returns the event's name as the return URL carries it.
    pub fn as_str(self) -> &'static str {
        match self {
            SigningEvent::SigningComplete => "signing_complete",
            SigningEvent::Cancel => "cancel",
            SigningEvent::Decline => "decline",
            SigningEvent::Exception => "exception",
            SigningEvent::FaxPending => "fax_pending",
            SigningEvent::SessionTimeout => "session_timeout",
            SigningEvent::TtlExpired => "ttl_expired",
            SigningEvent::ViewingComplete => "viewing_complete",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            SigningEvent::SigningComplete => text::SIGNED,
            SigningEvent::Cancel => text::CANCELLED,
            SigningEvent::Decline => text::DECLINED,
            SigningEvent::Exception => text::SIGNING_FAILED,
            SigningEvent::FaxPending => text::FAX_PENDING,
            SigningEvent::SessionTimeout => text::SESSION_TIMEOUT,
            SigningEvent::TtlExpired => text::SIGNING_EXPIRED,
            SigningEvent::ViewingComplete => text::VIEWED_ONLY,
        }
    }

    /// True when a signature was given or is on its way, so the status timeline is worth showing.
    pub fn is_signed(self) -> bool {
        matches!(self, SigningEvent::SigningComplete | SigningEvent::FaxPending)
    }

    /// Returns what the customer can do next.
    pub fn next_step(self) -> NextStep {
        match self {
            SigningEvent::SigningComplete | SigningEvent::FaxPending => NextStep::FollowStatus,
            SigningEvent::Decline => NextStep::StartOver,
            SigningEvent::Cancel | SigningEvent::ViewingComplete => NextStep::SignAgain(text::SIGN_NOW),
            // A signing URL cannot be reused, so every way back to signing mints a new one.
            SigningEvent::SessionTimeout | SigningEvent::TtlExpired => NextStep::SignAgain(text::GET_NEW_LINK),
            SigningEvent::Exception => NextStep::SignAgain(text::TRY_SIGNING_AGAIN),
        }
    }
}

/// The customer's next step after leaving the signing page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// Wait for the supplier, following the contract's status.
    FollowStatus,
    /// Open a new signing session; the button carries this label.
    SignAgain(&'static str),
    /// The contract is declined: choose another offer, or ask the broker.
    StartOver,
}

/// A return from the signing page meant for this widget.
#[derive(Clone, Debug, PartialEq)]
pub struct SigningReturn {
    pub contract_id: String,
    pub event: SigningEvent,
}

/// Reads a return meant for this widget from the page URL and removes its parameters, so a reload
/// or a copied link does not replay it. A return is this widget's when `cs_instance` names it, or
/// when that parameter is missing and this widget saved the same contract id before leaving.
pub fn take(config: &WidgetConfig) -> Option<SigningReturn> {
    let window = web_sys::window()?;
    let url = Url::new(&window.location().href().ok()?).ok()?;
    let params = url.search_params();
    let contract_id = params.get(CONTRACT_PARAM)?;
    let event = params.get(EVENT_PARAM)?;

    let is_ours = match params.get(INSTANCE_PARAM) {
        Some(instance_id) => instance_id == config.instance_id,
        None => storage::saved_contract_id(config).as_deref() == Some(contract_id.as_str()),
    };
    if !is_ours {
        return None;
    }

    for name in [CONTRACT_PARAM, INSTANCE_PARAM, EVENT_PARAM] {
        params.delete(name);
    }
    url.set_search(&String::from(params.to_string()));
    if let Ok(history) = window.history() {
        // Only fails for a cross-origin URL, which this one cannot be.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
    Some(SigningReturn {
        contract_id,
        event: SigningEvent::parse(&event),
    })
}

/// Builds the current page's URL with the contract and this widget's instance added to its query.
pub fn return_url(config: &WidgetConfig, contract_id: &str) -> Option<String> {
    let url = Url::new(&web_sys::window()?.location().href().ok()?).ok()?;
    let params = url.search_params();
    for name in [CONTRACT_PARAM, INSTANCE_PARAM, EVENT_PARAM] {
        params.delete(name);
    }
    params.append(CONTRACT_PARAM, contract_id);
    params.append(INSTANCE_PARAM, &config.instance_id);
    url.set_search(&String::from(params.to_string()));
    url.set_hash("");
    Some(url.href())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_message_and_next_step() {
        let events = [
            ("signing_complete", NextStep::FollowStatus),
            ("fax_pending", NextStep::FollowStatus),
            ("decline", NextStep::StartOver),
            ("cancel", NextStep::SignAgain(text::SIGN_NOW)),
            ("viewing_complete", NextStep::SignAgain(text::SIGN_NOW)),
            ("ttl_expired", NextStep::SignAgain(text::GET_NEW_LINK)),
            ("session_timeout", NextStep::SignAgain(text::GET_NEW_LINK)),
            ("exception", NextStep::SignAgain(text::TRY_SIGNING_AGAIN)),
        ];
        for (name, next_step) in events {
            let event = SigningEvent::parse(name);
            assert_eq!(event.as_str(), name);
            assert_eq!(event.next_step(), next_step, "{name}");
            assert!(!event.message().is_empty(), "{name}");
        }
    }

    #[test]
    fn unknown_event_is_exception() {
        assert_eq!(SigningEvent::parse("SIGNING_COMPLETE"), SigningEvent::Exception);
        assert_eq!(SigningEvent::parse(""), SigningEvent::Exception);
    }
}
