//! Browser tests: mount the widget against a running shopper-proxy, price ZIP codes, and sort
//! and filter the offers.
//!
//! The proxy's URL is read from `SHOPPER_TEST_PROXY_URL` at compile time; `cargo xtask test`
//! starts a proxy and sets it. By hand:
//! `SHOPPER_TEST_PROXY_URL=http://127.0.0.1:PORT cargo test --target wasm32-unknown-unknown --test pricing`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a widget for the demo partner in a fresh element and returns that element.
fn mount(instance_id: &str) -> Element {
    mount_with(config(instance_id))
}

/// Picks the option with `value` in the `<select>` named `name`, as a person choosing it does.
async fn select(root: &Element, name: &str, value: &str) {
    let selector = format!("select[name='{name}']");
    let list: HtmlSelectElement = wait_for(&selector, || find(root, &selector)).await.unchecked_into();
    list.set_value(value);
    assert_eq!(list.value(), value, "{selector} has no option {value:?}");
    list.dispatch_event(&Event::new("change").unwrap()).unwrap();
}

/// Returns the values of the options of the `<select>` named `name`, without the empty "all".
fn option_values(root: &Element, name: &str) -> Vec<String> {
    find_all(root, &format!("select[name='{name}'] option"))
        .iter()
        .filter_map(|option| option.get_attribute("value"))
        .filter(|value| !value.is_empty())
        .collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    find_all(root, selector).iter().map(text).collect()
}

/// Prices electricity for a Chicago ZIP code (ComEd only) and waits for the offer cards.
async fn see_chicago_offers(root: &Element, usage: &str) -> Vec<Element> {
    type_into(root, "zip", "60601").await;
    type_into(root, "usage", usage).await;
    click_button(root, "See prices");
    wait_for("offers for 60601", || {
        Some(find_all(root, ".cs-offer")).filter(|offers| !offers.is_empty())
    })
    .await
}

/// Waits until the offer cards satisfy `check`, which is given the texts of `selector` in each.
async fn wait_for_offers(root: &Element, what: &str, selector: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
    wait_for(what, || {
        let values = texts(root, selector);
        (!values.is_empty() && check(&values)).then_some(values)
    })
    .await
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

#[wasm_bindgen_test]
async fn term_filter_keeps_only_that_term() {
    let root = mount("filter-term");
    see_chicago_offers(&root, "120000").await;

    let terms = option_values(&root, "term");
    assert!(terms.contains(&"24".to_owned()), "{terms:?}");
    select(&root, "term", "24").await;
    let shown = wait_for_offers(&root, "24-month offers only", ".cs-offer-term", |terms| {
        terms.iter().all(|term| term == "24 months")
    })
    .await;

    assert!(!shown.is_empty());
    let count = text(&find(&root, ".cs-offers-count").unwrap());
    assert!(count.starts_with(&format!("Showing {} of ", shown.len())), "{count}");
}

#[wasm_bindgen_test]
async fn supplier_filter_keeps_only_that_supplier() {
    let root = mount("filter-supplier");
    see_chicago_offers(&root, "120000").await;
    select(&root, "term", "").await;

    let suppliers = option_values(&root, "supplier");
    assert!(suppliers.len() >= 2, "{suppliers:?}");
    let chosen = suppliers[1].clone();
    select(&root, "supplier", &chosen).await;
    let shown = wait_for_offers(&root, "one supplier's offers", ".cs-offer-supplier", |names| {
        names.iter().all(|name| *name == chosen)
    })
    .await;

    let terms = texts(&root, ".cs-offer-term");
    assert_eq!(terms.len(), shown.len());
    assert!(terms.len() > 1, "every term of {chosen} should show: {terms:?}");
}

#[wasm_bindgen_test]
async fn sort_by_price_is_ascending() {
    let root = mount("sort-price");
    see_chicago_offers(&root, "120000").await;
    select(&root, "term", "").await;
    select(&root, "sort", "term").await;
    let by_term = wait_for_offers(&root, "offers by term", ".cs-offer-term", |terms| {
        let months: Vec<u32> = terms
            .iter()
            .map(|term| term.split(' ').next().unwrap().parse().unwrap())
            .collect();
        months.first() < months.last()
    })
    .await;
    assert!(by_term.len() > 12, "every term should show: {by_term:?}");

    select(&root, "sort", "price").await;
    let rates = wait_for_offers(&root, "offers by price", ".cs-offer-rate", |rates| {
        let values: Vec<f64> = rates.iter().map(|rate| parse_rate(rate)).collect();
        values.windows(2).all(|pair| pair[0] <= pair[1])
    })
    .await;
    assert_eq!(rates.len(), by_term.len());
}

#[wasm_bindgen_test]
async fn green_filter_keeps_renewable_offers() {
    let root = mount("filter-green");
    see_chicago_offers(&root, "120000").await;
    select(&root, "term", "").await;
    let every_share = wait_for_offers(&root, "offers of every term", ".cs-offer-green", |shares| {
        shares.len() > 12
    })
    .await;
    assert!(every_share.iter().any(|share| share == "0%"), "{every_share:?}");

    select(&root, "green", "100").await;
    let shares = wait_for_offers(&root, "fully renewable offers", ".cs-offer-green", |shares| {
        shares.iter().all(|share| share == "100%")
    })
    .await;
    assert!(shares.len() < every_share.len());

    select(&root, "green", "50").await;
    let half = wait_for_offers(&root, "offers at least half renewable", ".cs-offer-green", |shares| {
        shares.len() > 0
            && shares
                .iter()
                .all(|share| share.trim_end_matches('%').parse::<u8>().unwrap() >= 50)
    })
    .await;
    assert!(half.len() >= shares.len());
}

#[wasm_bindgen_test]
async fn chart_draws_one_series_per_supplier() {
    let root = mount("chart");
    see_chicago_offers(&root, "120000").await;

    let suppliers = option_values(&root, "supplier");
    let mut series: Vec<String> = find_all(&root, "svg .cs-chart-series")
        .iter()
        .filter_map(|series| series.get_attribute("data-supplier"))
        .collect();
    series.sort();
    assert_eq!(series, suppliers);
    let title = find(&root, "svg.cs-chart-svg title").map(|title| text(&title));
    assert_eq!(
        title.as_deref(),
        Some("Estimated monthly supply cost by contract length")
    );
    let lines = find_all(&root, "svg .cs-chart-series polyline");
    assert_eq!(lines.len(), suppliers.len());

    select(&root, "supplier", &suppliers[0]).await;
    wait_for("a single series", || {
        (find_all(&root, "svg .cs-chart-series").len() == 1).then_some(())
    })
    .await;
    let legend = texts(&root, ".cs-chart-legend li");
    assert_eq!(legend, [suppliers[0].clone()]);
}

#[wasm_bindgen_test]
async fn invalid_usage_removes_earlier_offers() {
    let root = mount("pricing-invalid-usage");
    see_chicago_offers(&root, "120,000").await;

    type_into(&root, "usage", "120.000").await;
    click_button(&root, "See prices");

    wait_for("the earlier offers to go", || find(&root, ".cs-offer").is_none().then_some(())).await;
    let usage = find(&root, "input[name='usage']").expect("the usage input");
    assert_eq!(usage.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn usage_above_largest_band_needs_custom_quote() {
    let config = config("custom-quote")
        .with_contact_url("mailto:quotes@summit.example")
        .unwrap();
    let root = mount_with(config);
    type_into(&root, "zip", "60601").await;
    type_into(&root, "usage", "5,000,000").await;
    click_button(&root, "See prices");

    let notice = wait_for("the custom-quote notice", || find(&root, ".cs-custom-quote")).await;
    assert!(text(&notice).starts_with("Custom quote needed"), "{}", text(&notice));
    let contact = find(&notice, "a").expect("a link to contact the broker");
    assert_eq!(
        contact.get_attribute("href").as_deref(),
        Some("mailto:quotes@summit.example")
    );
    assert!(find(&root, ".cs-offer").is_none());
}

#[wasm_bindgen_test]
async fn monthly_bill_estimates_the_usage() {
    let root = mount("monthly-bill");
    let zip = type_into(&root, "zip", "60601").await;
    leave(&zip);
    find(&root, "input[value='monthly-bill']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    let bill = type_into(&root, "monthly_bill", "$1,000").await;
    leave(&bill);

    // $1,000 × 12 at Illinois's average business price of $0.1124 per kWh.
    let estimate = wait_for("the usage estimate", || {
        find(&root, ".cs-estimate")
            .map(|estimate| text(&estimate))
            .filter(|estimate| estimate.contains("in IL"))
    })
    .await;
    assert!(estimate.starts_with("About 106,800 kWh a year"), "{estimate}");

    click_button(&root, "See prices");
    wait_for("offers", || {
        Some(find_all(&root, ".cs-offer")).filter(|offers| !offers.is_empty())
    })
    .await;
    assert!(
        text(&root).contains("estimated for about 106,800 kWh a year"),
        "{}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn current_rate_shows_savings_and_extra_cost() {
    let root = mount("savings");
    type_into(&root, "current_rate", "0.0800").await;
    let offers = see_chicago_offers(&root, "120000").await;
    let savings = wait_for_offers(&root, "savings on every offer", ".cs-savings", |lines| {
        lines.len() == offers.len()
    })
    .await;
    assert!(savings[0].starts_with("Saves $"), "{savings:?}");

    let rate = type_into(&root, "current_rate", "0.05").await;
    leave(&rate);
    let costs = wait_for_offers(&root, "extra cost on every offer", ".cs-savings", |lines| {
        lines.iter().all(|line| line.starts_with("Costs $"))
    })
    .await;
    assert!(costs[0].contains(" more a month"), "{costs:?}");
}

#[wasm_bindgen_test]
async fn offers_show_countdown_and_disclosure() {
    let root = mount("offer-details");
    see_chicago_offers(&root, "120000").await;

    let countdown = text(&find(&root, ".cs-countdown").unwrap());
    assert!(countdown.starts_with("Price good for "), "{countdown}");
    let disclosure = find(&root, ".cs-offer a.cs-link").expect("a disclosure link");
    assert_eq!(disclosure.get_attribute("target").as_deref(), Some("_blank"));
    assert!(disclosure.get_attribute("rel").unwrap_or_default().contains("noopener"));
    assert!(
        disclosure
            .get_attribute("href")
            .unwrap_or_default()
            .contains("/disclosures/")
    );
}
