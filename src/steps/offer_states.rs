//! The results area's content when there is no offer list: placeholder cards while prices
//! load, and the custom-quote notice for usage above what suppliers price online.

use leptos::prelude::*;
use shopper_types::api::PartnerConfig;

use crate::config::WidgetConfig;
use crate::text;

/// Placeholder cards shown while prices load.
const SKELETON_CARDS: usize = 3;

/// Grey placeholder cards in the shape of offers, so the page does not jump when they arrive.
#[component]
pub fn LoadingOffers() -> impl IntoView {
    let cards = (0..SKELETON_CARDS)
        .map(|_| {
            view! {
                <li class="cs-skeleton" aria-hidden="true">
                    <div>
                        <span class="cs-skeleton-line cs-skeleton-wide"></span>
                        <span class="cs-skeleton-line"></span>
                        <span class="cs-skeleton-line cs-skeleton-wide"></span>
                    </div>
                    <div class="cs-skeleton-side">
                        <span class="cs-skeleton-line"></span>
                        <span class="cs-skeleton-button"></span>
                    </div>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="cs-offers" aria-busy="true">
            <p class="cs-visually-hidden" role="status">{text::FINDING_PRICES}</p>
            <ul class="cs-offer-list">{cards}</ul>
        </section>
    }
}

/// Usage above the largest priced band: suppliers quote it by hand, through the broker.
#[component]
pub fn CustomQuote() -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let partner = use_context::<PartnerConfig>()
        .map(|partner| partner.partner_name)
        .unwrap_or_default();
    let contact = match config.contact_url {
        Some(url) => view! {
            // A web page opens in a new tab; mailto: and tel: links open the mail or phone app.
            <a
                class="cs-button cs-button-primary"
                href=url.clone()
                target=url.starts_with("http").then_some("_blank")
                rel="noopener noreferrer"
            >
                {text::contact_partner(&partner)}
            </a>
        }
        .into_any(),
        None => view! { <p>{text::custom_quote_contact(&partner)}</p> }.into_any(),
    };

    view! {
        <div class="cs-notice cs-custom-quote" role="status">
            <p class="cs-notice-title">{text::CUSTOM_QUOTE_TITLE}</p>
            <p>{text::CUSTOM_QUOTE}</p>
            {contact}
        </div>
    }
}
