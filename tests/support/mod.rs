//! Helpers the browser tests share: mounting the widget against the running proxy, waiting for
//! the DOM, and acting on inputs and buttons as a person would.
//!
//! The proxy's URL is read from `SHOPPER_TEST_PROXY_URL` at compile time; `cargo xtask test`
//! starts a proxy and sets it.

// Each test file uses only some of these helpers.
#![allow(dead_code)]

use commercial_shopper::{WidgetConfig, mount_widget};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

const PROXY_URL: Option<&str> = option_env!("SHOPPER_TEST_PROXY_URL");
/// How long to wait for the proxy and the sandbox behind it before failing, in milliseconds.
pub const TIMEOUT_MS: u32 = 15_000;
const POLL_MS: u32 = 50;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Returns the demo partner's configuration for one widget instance.
pub fn config(instance_id: &str) -> WidgetConfig {
    let proxy_url =
        PROXY_URL.expect("set SHOPPER_TEST_PROXY_URL to a running shopper-proxy, e.g. http://127.0.0.1:8080");
    WidgetConfig::new("pk_test_demo", proxy_url, instance_id).unwrap()
}

/// Mounts a widget in a fresh element appended to the page, and returns that element.
pub fn mount_with(config: WidgetConfig) -> Element {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    mount_widget(host.clone(), config);
    host.into()
}

pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Polls `probe` until it returns a value, and fails naming `what` after [`TIMEOUT_MS`].
pub async fn wait_for<T>(what: &str, probe: impl Fn() -> Option<T>) -> T {
    for _ in 0..TIMEOUT_MS / POLL_MS {
        if let Some(value) = probe() {
            return value;
        }
        sleep(POLL_MS).await;
    }
    panic!("timed out after {TIMEOUT_MS} ms waiting for {what}");
}

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).filter_map(|index| nodes.item(index)?.dyn_into::<Element>().ok()).collect()
}

pub fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

/// Types into the input named `name`, as the `input` event a keyboard sends.
pub async fn type_into(root: &Element, name: &str, value: &str) -> HtmlInputElement {
    let selector = format!("input[name='{name}']");
    let input: HtmlInputElement = wait_for(&selector, || find(root, &selector)).await.unchecked_into();
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
    input
}

/// Moves focus away from an input, which validates it.
pub fn leave(input: &HtmlInputElement) {
    input.dispatch_event(&Event::new("blur").unwrap()).unwrap();
}

/// Clicks the button whose text or `aria-label` is `label`.
pub fn click_button(root: &Element, label: &str) {
    let button = find_all(root, "button")
        .into_iter()
        .find(|button| text(button) == label || button.get_attribute("aria-label").as_deref() == Some(label));
    button.unwrap_or_else(|| panic!("no button \"{label}\"")).unchecked_into::<HtmlElement>().click();
}
