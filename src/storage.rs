//! The contract id kept in sessionStorage while the customer is on the signing page, and other
//! per-widget items such as the saved details form.
//!
//! Keys are scoped by partner key and widget instance, so two widgets on one page never pick up
//! each other's contract. Storage can be disabled by the browser; every call then does nothing.

use web_sys::Storage;

use crate::config::WidgetConfig;

const CONTRACT: &str = "contract";

fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn save_contract_id(config: &WidgetConfig, contract_id: &str) {
    if let Some(storage) = session_storage() {
        // A full or disabled storage only costs the return check its second source.
        let _ = storage.set_item(&config.storage_key(CONTRACT), contract_id);
    }
}

pub fn saved_contract_id(config: &WidgetConfig) -> Option<String> {
    session_storage()?
        .get_item(&config.storage_key(CONTRACT))
        .ok()
        .flatten()
}

pub fn forget_contract_id(config: &WidgetConfig) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(&config.storage_key(CONTRACT));
    }
}

/// Saves a named item for this widget, such as the draft of the details form.
pub fn save_item(config: &WidgetConfig, name: &str, value: &str) {
    if let Some(storage) = session_storage() {
        // A full or disabled storage only costs the customer the resume after a reload.
        let _ = storage.set_item(&config.storage_key(name), value);
    }
}

pub fn load_item(config: &WidgetConfig, name: &str) -> Option<String> {
    session_storage()?.get_item(&config.storage_key(name)).ok().flatten()
}

pub fn forget_item(config: &WidgetConfig, name: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(&config.storage_key(name));
    }
}
