//! Browser tests: mount the widget against a running shopper-proxy and price a ZIP code.
//!
//! The proxy's URL is read from `SHOPPER_TEST_PROXY_URL` at compile time; `cargo xtask test`
//! starts a proxy and sets it. By hand:
//! `SHOPPER_TEST_PROXY_URL=http://127.0.0.1:PORT cargo test --target wasm32-unknown-unknown --test pricing`
#![cfg(target_arch = "wasm32")]

use commercial_shopper::{WidgetConfig, mount_widget};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const PROXY_URL: Option<&str> = option_env!("SHOPPER_TEST_PROXY_URL");
/// How long to wait for the proxy and the sandbox behind it before failing, in milliseconds.
const TIMEOUT_MS: u32 = 15_000;
const POLL_MS: u32 = 50;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a widget for the demo partner in a fresh element and returns that element.
fn mount(instance_id: &str) -> Element {
    let proxy_url =
        PROXY_URL.expect("set SHOPPER_TEST_PROXY_URL to a running shopper-proxy, e.g. http://127.0.0.1:8080");
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let config = WidgetConfig::new("pk_test_demo", proxy_url, instance_id).unwrap();
    mount_widget(host.clone(), config);
    host.into()
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Polls `probe` until it returns a value, and fails naming `what` after [`TIMEOUT_MS`].
async fn wait_for<T>(what: &str, probe: impl Fn() -> Option<T>) -> T {
    for _ in 0..TIMEOUT_MS / POLL_MS {
        if let Some(value) = probe() {
            return value;
        }
        sleep(POLL_MS).await;
    }
    panic!("timed out after {TIMEOUT_MS} ms waiting for {what}");
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

/// Types into the input named `name`, as the `input` event a keyboard sends.
async fn type_into(root: &Element, name: &str, value: &str) -> HtmlInputElement {
    let selector = format!("input[name='{name}']");
    let input: HtmlInputElement = wait_for(&selector, || find(root, &selector)).await.unchecked_into();
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
    input
}

fn leave(input: &HtmlInputElement) {
    input.dispatch_event(&Event::new("blur").unwrap()).unwrap();
}

fn click_button(root: &Element, label: &str) {
    let button = find_all(root, "button")
        .into_iter()
        .find(|button| text(button) == label);
    button
        .unwrap_or_else(|| panic!("no button \"{label}\""))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn parse_rate(rate: &str) -> f64 {
    let dollars = rate.split('$').nth(1).and_then(|rest| rest.split_whitespace().next());
    dollars
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no dollar rate in {rate:?}"))
}

#[wasm_bindgen_test]
async fn chicago_electricity_offers_sorted_by_rate() {
    let root = mount("pricing-60601");
    type_into(&root, "zip", "60601").await;
    find(&root, "input[value='gas']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    find(&root, "input[value='electricity']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    type_into(&root, "usage", "120,000").await;
    click_button(&root, "See prices");

    let offers = wait_for("offers for 60601", || {
        Some(find_all(&root, ".cs-offer")).filter(|offers| !offers.is_empty())
    })
    .await;
    let suppliers: Vec<String> = find_all(&root, ".cs-offer-supplier").iter().map(text).collect();
    let rates: Vec<String> = find_all(&root, ".cs-offer-rate").iter().map(text).collect();

    assert_eq!(suppliers.len(), offers.len());
    assert!(suppliers.iter().all(|supplier| !supplier.is_empty()), "{suppliers:?}");
    assert!(rates.iter().all(|rate| rate.ends_with("/ kWh")), "{rates:?}");
    let values: Vec<f64> = rates.iter().map(|rate| parse_rate(rate)).collect();
    assert!(
        values.windows(2).all(|pair| pair[0] <= pair[1]),
        "rates not sorted: {values:?}"
    );
    assert!(text(&root).contains("Served by ComEd"), "{}", text(&root));
}

#[wasm_bindgen_test]
async fn malformed_zip_marks_the_field_invalid() {
    let root = mount("pricing-bad-zip");
    let zip = type_into(&root, "zip", "6060").await;
    leave(&zip);

    let error_id = wait_for("aria-invalid on the ZIP input", || {
        (zip.get_attribute("aria-invalid").as_deref() == Some("true")).then(|| zip.get_attribute("aria-describedby"))?
    })
    .await;
    let message = error_id
        .split_whitespace()
        .find_map(|id| find(&root, &format!("#{id}.cs-error")))
        .map(|error| text(&error));
    assert!(
        message.as_deref().is_some_and(|message| message.contains("5 digits")),
        "{message:?}"
    );
}

#[wasm_bindgen_test]
async fn zip_without_supplier_choice_explains_why() {
    let root = mount("pricing-33101");
    type_into(&root, "zip", "33101").await;
    type_into(&root, "usage", "50000").await;
    click_button(&root, "See prices");

    let status = wait_for("the no-choice message", || {
        find(&root, ".cs-zip-status")
            .map(|status| text(&status))
            .filter(|status| status.contains("can't choose"))
    })
    .await;
    assert!(status.contains("33101"), "{status}");
    assert!(find(&root, ".cs-offer").is_none());
}

#[wasm_bindgen_test]
async fn two_widgets_keep_their_own_state() {
    let first = mount("twin-1");
    let second = mount("twin-2");
    type_into(&first, "zip", "60601").await;
    let second_zip: HtmlInputElement = wait_for("second widget", || find(&second, "input[name='zip']"))
        .await
        .unchecked_into();

    assert_eq!(second_zip.value(), "");
    let first_zip = find(&first, "input[name='zip']").unwrap();
    assert_ne!(
        first_zip.id(),
        second_zip.id(),
        "input ids must be unique in one document"
    );
}

#[wasm_bindgen_test]
async fn test_key_shows_test_mode_badge() {
    let root = mount("badge");
    let badge = wait_for("the test-mode badge", || find(&root, ".cs-badge")).await;
    assert!(text(&badge).starts_with("Test mode"), "{}", text(&badge));
    let header = find(&root, ".cs-partner-name").map(|name| text(&name));
    assert_eq!(header.as_deref(), Some("Summit Energy Partners"));
}
