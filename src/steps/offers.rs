//! The offers under the pricing form: loading state, errors, and one card per supplier price.

use leptos::prelude::*;
use shopper_types::api::Offer;

use crate::components::ErrorNotice;
use crate::config::WidgetConfig;
use crate::format;
use crate::state::{Choice, Flow, Step};
use crate::steps::quote::{PricedOffers, PricingForm, Results};
use crate::text;

#[component]
pub fn OffersList(
    form: PricingForm,
    /// Sends the same pricing request again.
    retry: Callback<()>,
) -> impl IntoView {
    move || match form.results.get() {
        Results::Idle => ().into_any(),
        Results::Loading => view! {
            <p class="cs-loading" role="status">
                <span class="cs-spinner" aria-hidden="true"></span>
                {text::FINDING_PRICES}
            </p>
        }
        .into_any(),
        Results::Unavailable(message) => view! { <p class="cs-notice" role="status">{message}</p> }.into_any(),
        Results::Failed(error) => {
            let retry = error.is_retryable().then_some(retry);
            view! { <ErrorNotice message=error.user_message() retry=retry /> }.into_any()
        }
        Results::Offers(priced) => view! { <OfferCards priced=priced /> }.into_any(),
    }
}

#[component]
fn OfferCards(priced: PricedOffers) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let heading_id = expect_context::<WidgetConfig>().element_id("offers-heading");
    let labelled_by = heading_id.clone();

    if priced.response.custom_quote_needed {
        return view! { <p class="cs-notice" role="status">{text::CUSTOM_QUOTE}</p> }.into_any();
    }
    if priced.response.offers.is_empty() {
        return view! { <p class="cs-notice" role="status">{text::NO_OFFERS}</p> }.into_any();
    }

    let PricedOffers {
        response,
        utility,
        zip,
        state,
    } = priced;
    let cards = response
        .offers
        .into_iter()
        .map(|offer| {
            let choice = Choice {
                offer: offer.clone(),
                utility: utility.clone(),
                zip: zip.clone(),
                state: state.clone(),
            };
            let choose = move || {
                flow.choice.set(Some(choice.clone()));
                flow.step.set(Step::Details);
            };
            view! { <OfferCard offer=offer on_choose=Callback::new(move |()| choose()) /> }
        })
        .collect_view();

    view! {
        <section class="cs-offers" aria-labelledby=labelled_by>
            <h3 class="cs-offers-heading" id=heading_id>{text::OFFERS_HEADING}</h3>
            <ul class="cs-offer-list">{cards}</ul>
            <p class="cs-hint">{text::RATE_NOTE}</p>
        </section>
    }
    .into_any()
}

#[component]
fn OfferCard(offer: Offer, on_choose: Callback<()>) -> impl IntoView {
    let rate = format::rate(offer.rate, offer.unit);
    let term = text::term_months(offer.term_months);
    let choose_label = text::choose_offer_label(&offer.supplier, &rate, &term);
    let renewable = (offer.green_percent > 0).then(|| text::percent(offer.green_percent));
    let termination_fee = (offer.early_termination_fee > 0.0).then(|| format::dollars(offer.early_termination_fee));

    view! {
        <li class="cs-offer">
            <div class="cs-offer-info">
                <p class="cs-offer-supplier">{offer.supplier}</p>
                <p class="cs-offer-product">{offer.product_name}</p>
                <dl class="cs-facts">
                    <div><dt>{text::TERM}</dt><dd>{term}</dd></div>
                    <div>
                        <dt>{text::ESTIMATED_MONTHLY}</dt>
                        <dd>{text::per_month(&format::dollars(offer.estimated_monthly_cost))}</dd>
                    </div>
                    <div><dt>{text::PRICE_GOOD_UNTIL}</dt><dd>{format::local_time(&offer.price_expires_at)}</dd></div>
                    {renewable.map(|renewable| view! { <div><dt>{text::RENEWABLE}</dt><dd>{renewable}</dd></div> })}
                    {termination_fee.map(|fee| view! { <div><dt>{text::EARLY_TERMINATION_FEE}</dt><dd>{fee}</dd></div> })}
                </dl>
            </div>
            <div class="cs-offer-side">
                <p class="cs-offer-rate">
                    <span class="cs-visually-hidden">{format!("{}: ", text::RATE)}</span>
                    {rate}
                </p>
                <button type="button" class="cs-button cs-button-primary" aria-label=choose_label on:click=move |_| on_choose.run(())>
                    {text::CHOOSE}
                </button>
                {offer.disclosure_url.map(|url| view! {
                    <a class="cs-link" href=url target="_blank" rel="noopener noreferrer">{text::DISCLOSURE}</a>
                })}
            </div>
        </li>
    }
}
