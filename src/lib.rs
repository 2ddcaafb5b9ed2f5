//! The Commercial Shopper widget: a Leptos app that energy brokers embed in their own site.
//!
//! `embed.js` attaches a shadow root to a host element and calls [`mount`]. The app then walks a
//! business customer through three steps: prices for a ZIP code, the business and utility account
//! details, and signing, after which it follows the contract's status live.

mod api;
mod app;
mod components;
mod config;
mod format;
mod popup;
mod signing_return;
mod state;
mod steps;
mod storage;
mod text;

pub use config::{ConfigError, WidgetConfig};

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, Node};

use crate::app::App;

/// Mounts one widget inside `host`, a shadow root or an element, with the options
/// `{ key, apiBase, instanceId }`. embed.js calls this once per host element.
#[wasm_bindgen]
pub fn mount(host: Node, options: JsValue) -> Result<(), JsError> {
    console_error_panic_hook::set_once();
    let config = WidgetConfig::from_js(options).map_err(|error| JsError::new(&error.to_string()))?;
    let container = append_container(&host)
        .ok_or_else(|| JsError::new("Commercial Shopper: cannot add the widget to its host element"))?;
    mount_app(container, config);
    Ok(())
}

/// Mounts one widget in a new element appended to `parent`. Browser tests call this directly.
pub fn mount_widget(parent: HtmlElement, config: WidgetConfig) {
    console_error_panic_hook::set_once();
    if let Some(container) = append_container(&parent) {
        mount_app(container, config);
    }
}

fn append_container(host: &Node) -> Option<HtmlElement> {
    let document = web_sys::window()?.document()?;
    let container: HtmlElement = document.create_element("div").ok()?.unchecked_into();
    container.set_class_name("cs-host");
    host.append_child(&container).ok()?;
    Some(container)
}

fn mount_app(container: HtmlElement, config: WidgetConfig) {
    // The widget lives as long as the page, so its reactive owner is never disposed.
    mount_to(container, move || view! { <App config=config /> }).forget();
}
