//! The partner's logo and name, and the test-mode badge, at the top of the widget.

use leptos::prelude::*;
use shopper_types::api::PartnerConfig;

use crate::text;

#[component]
pub fn PartnerHeader(
    partner: PartnerConfig,
    /// True for a `pk_test_…` key: prices and contracts are examples.
    test_mode: bool,
) -> impl IntoView {
    let logo = partner
        .logo_url
        .map(|url| view! { <img class="cs-logo" src=url alt="" /> });

    view! {
        <header class="cs-header">
            <div class="cs-partner">
                {logo}
                <div>
                    <p class="cs-partner-name">{partner.partner_name}</p>
                    <p class="cs-tagline">{text::POWERED_BY}</p>
                </div>
            </div>
            {test_mode.then(|| view! {
                <p class="cs-badge">
                    {text::TEST_MODE}
                    <span class="cs-visually-hidden">{format!(": {}", text::TEST_MODE_HINT)}</span>
                </p>
            })}
        </header>
    }
}
