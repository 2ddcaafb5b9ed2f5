//! Browser tests of step 2: field errors on blur, the error summary and focus on submit, and
//! adding and removing utility accounts. The widget runs against a real shopper-proxy.
//!
//! The proxy's URL is read from `SHOPPER_TEST_PROXY_URL` at compile time; `cargo xtask test`
//! starts a proxy and sets it. By hand:
//! `SHOPPER_TEST_PROXY_URL=http://127.0.0.1:PORT cargo test --target wasm32-unknown-unknown --test forms`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a widget for the demo partner in a fresh element and returns that element. Each test
/// uses its own instance id, so no saved form of another test is restored.
fn mount(instance_id: &str) -> Element {
    mount_with(config(instance_id))
}

async fn input(root: &Element, name: &str) -> HtmlInputElement {
    let selector = format!("[name='{name}']");
    wait_for(&selector, || find(root, &selector)).await.unchecked_into()
}

/// Prices ComEd electricity for a Chicago ZIP code, chooses the first offer, and waits for the
/// account fields that ComEd's requirements list.
async fn open_details(root: &Element) {
    type_into(root, "zip", "60601").await;
    type_into(root, "usage", "120,000").await;
    click_button(root, "See prices");
    let choose = wait_for("a Choose button", || {
        find_all(root, ".cs-offer button").into_iter().find(|button| text(button) == "Choose")
    })
    .await;
    choose.unchecked_into::<HtmlElement>().click();
    input(root, "accounts[0].account_number").await;
}

/// Returns the error message an input points to with `aria-describedby`, once it is invalid.
async fn error_of(root: &Element, input: &HtmlInputElement) -> String {
    let ids = wait_for("aria-invalid", || {
        (input.get_attribute("aria-invalid").as_deref() == Some("true")).then(|| input.get_attribute("aria-describedby"))?
    })
    .await;
    ids.split_whitespace()
        .find_map(|id| find(root, &format!("[id='{id}'].cs-error")))
        .map(|error| text(&error))
        .unwrap_or_else(|| panic!("no error message among {ids}"))
}

/// Names the focused element inside the widget.
fn focused_name() -> Option<String> {
    document().active_element()?.get_attribute("name")
}

#[wasm_bindgen_test]
async fn fein_error_shown_on_blur_and_cleared() {
    let root = mount("forms-blur");
    open_details(&root).await;

    let fein = type_into(&root, "customer.fein", "07-1234567").await;
    leave(&fein);
    let message = error_of(&root, &fein).await;
    assert!(message.contains("No FEIN starts with 07"), "{message}");

    type_into(&root, "customer.fein", "36-4123456").await;
    leave(&fein);
    wait_for("the FEIN error to clear", || (fein.get_attribute("aria-invalid").is_none()).then_some(())).await;
    assert!(find(&root, ".cs-error").is_none(), "{}", text(&root));
}

#[wasm_bindgen_test]
async fn account_number_error_names_the_utility() {
    let root = mount("forms-account-blur");
    open_details(&root).await;

    let account = type_into(&root, "accounts[0].account_number", "012345678").await;
    leave(&account);

    assert_eq!(error_of(&root, &account).await, "ComEd account numbers have 10 digits; yours has 9.");
}

#[wasm_bindgen_test]
async fn empty_field_stays_quiet_on_blur() {
    let root = mount("forms-quiet");
    open_details(&root).await;

    let legal_name = input(&root, "customer.legal_name").await;
    leave(&legal_name);
    sleep(200).await;

    assert_eq!(legal_name.get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn submit_shows_summary_and_focuses_first_field() {
    let root = mount("forms-summary");
    open_details(&root).await;
    type_into(&root, "customer.legal_name", "Lakeshore Print Works LLC").await;

    click_button(&root, "Review and sign");

    let summary = wait_for("the error summary", || find(&root, ".cs-error-summary")).await;
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let links = find_all(&summary, "a");
    let messages: Vec<String> = links.iter().map(text).collect();
    assert!(messages.contains(&"Choose the business type.".to_owned()), "{messages:?}");
    assert!(messages.contains(&"Confirm that you are authorised to sign for this business.".to_owned()), "{messages:?}");
    assert!(messages.iter().any(|message| message.starts_with("Account 1: Enter the ComEd account number")), "{messages:?}");
    wait_for("focus on the business type", || (focused_name().as_deref() == Some("customer.business_type")).then_some(())).await;

    // A summary link moves focus to its field.
    let signer_link = links.iter().find(|link| text(link).starts_with("Confirm that you are authorised")).unwrap();
    signer_link.unchecked_ref::<HtmlElement>().click();
    assert_eq!(focused_name().as_deref(), Some("customer.authorized_signer"));
}

#[wasm_bindgen_test]
async fn summary_shrinks_as_fields_are_fixed() {
    let root = mount("forms-summary-fix");
    open_details(&root).await;
    click_button(&root, "Review and sign");
    let summary = wait_for("the error summary", || find(&root, ".cs-error-summary")).await;
    let before = find_all(&summary, "li").len();

    let legal_name = type_into(&root, "customer.legal_name", "Lakeshore Print Works LLC").await;
    leave(&legal_name);

    wait_for("one item fewer", || {
        let after = find(&root, ".cs-error-summary").map(|summary| find_all(&summary, "li").len())?;
        (after == before - 1).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn accounts_added_and_removed() {
    let root = mount("forms-accounts");
    open_details(&root).await;

    click_button(&root, "Add another account");
    let second = input(&root, "accounts[1].account_number").await;
    assert_eq!(find_all(&root, ".cs-account").len(), 2);
    wait_for("focus in the new account", || {
        (focused_name().as_deref() == Some("accounts[1].account_number")).then_some(())
    })
    .await;
    let state: HtmlInputElement = input(&root, "accounts[1].service_address.state").await;
    assert_eq!(state.value(), "IL", "a new account starts in the priced state");

    type_into(&root, "accounts[0].account_number", "1111111111").await;
    type_into(&root, "accounts[1].account_number", "22222").await;
    leave(&second);
    error_of(&root, &second).await;

    click_button(&root, "Remove account 1");
    wait_for("one account left", || (find_all(&root, ".cs-account").len() == 1).then_some(())).await;
    let remaining = input(&root, "accounts[0].account_number").await;
    assert_eq!(remaining.value(), "22222", "the second account moved up");
    assert!(error_of(&root, &remaining).await.contains("yours has 5"), "its error moved with it");
    assert!(find(&root, "[name='accounts[1].account_number']").is_none());
    assert!(
        find_all(&root, "button").iter().all(|button| !text(button).starts_with("Remove")),
        "the last account cannot be removed"
    );
}

#[wasm_bindgen_test]
async fn billing_address_shown_when_unticked() {
    let root = mount("forms-billing");
    open_details(&root).await;
    let same: HtmlInputElement = input(&root, "billing_same").await;
    assert!(same.checked(), "same as service address is the default");
    assert!(find(&root, "[name='billing_address.line1']").is_none());

    same.click();
    let line1 = input(&root, "billing_address.line1").await;
    assert_eq!(line1.get_attribute("autocomplete").as_deref(), Some("billing address-line1"));

    click_button(&root, "Review and sign");
    assert!(error_of(&root, &line1).await.contains("street address"));
}

#[wasm_bindgen_test]
async fn inputs_carry_autocomplete_tokens() {
    let root = mount("forms-autocomplete");
    open_details(&root).await;

    for (name, token) in [
        ("customer.legal_name", "organization"),
        ("customer.contact_name", "name"),
        ("customer.contact_title", "organization-title"),
        ("customer.email", "email"),
        ("customer.phone", "tel"),
        ("accounts[0].service_address.line1", "address-line1"),
        ("accounts[0].service_address.line2", "address-line2"),
        ("accounts[0].service_address.city", "address-level2"),
        ("accounts[0].service_address.state", "address-level1"),
        ("accounts[0].service_address.zip", "postal-code"),
    ] {
        let element = input(&root, name).await;
        assert_eq!(element.get_attribute("autocomplete").as_deref(), Some(token), "{name}");
        let label = find(&root, &format!("label[for='{}']", element.id()));
        assert!(label.is_some_and(|label| !text(&label).is_empty()), "{name} has no label");
    }
}
