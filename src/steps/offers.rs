//! The results under the pricing form: loading, errors, the states with nothing to show, and the
//! offers with their filters and cost chart.

use leptos::prelude::*;
use shopper_types::api::Offer;

use crate::components::ErrorNotice;
use crate::config::WidgetConfig;
use crate::format;
use crate::state::{Choice, Flow, Step};
use crate::steps::cost_chart::CostChart;
use crate::steps::countdown;
use crate::steps::filter_bar::FilterBar;
use crate::steps::offer_card::OfferCard;
use crate::steps::offer_filters::distinct;
use crate::steps::offer_states::{CustomQuote, LoadingOffers};
use crate::steps::quote::{PricedOffers, PricingForm, Results};
use crate::steps::reprice::OfferSlot;
use crate::steps::usage;
use crate::text;

#[component]
pub fn OffersList(
    form: PricingForm,
    /// Sends the same pricing request again.
    retry: Callback<()>,
) -> impl IntoView {
    move || match form.results.get() {
        Results::Idle => ().into_any(),
        Results::Loading => view! { <LoadingOffers /> }.into_any(),
        Results::Unavailable(message) => view! { <p class="cs-notice" role="status">{message}</p> }.into_any(),
        Results::Failed(error) => {
            let retry = error.is_retryable().then_some(retry);
            view! { <ErrorNotice message=error.user_message() retry=retry /> }.into_any()
        }
        Results::Offers(priced) if priced.response.custom_quote_needed => view! { <CustomQuote /> }.into_any(),
        Results::Offers(priced) if priced.response.offers.is_empty() => {
            view! { <p class="cs-notice" role="status">{text::NO_OFFERS}</p> }.into_any()
        }
        Results::Offers(priced) => view! { <OfferResults form=form priced=priced search_again=retry /> }.into_any(),
    }
}

#[component]
fn OfferResults(form: PricingForm, priced: PricedOffers, search_again: Callback<()>) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let heading_id = expect_context::<WidgetConfig>().element_id("offers-heading");
    let labelled_by = heading_id.clone();
    let filters = form.filters;
    let now = countdown::use_clock();

    let PricedOffers {
        response,
        utility,
        zip,
        state,
        commodity,
        annual_usage,
        usage_estimated,
    } = priced;
    let total = response.offers.len();
    let terms = distinct(&response.offers, |offer| offer.term_months);
    let suppliers = distinct(&response.offers, |offer| offer.supplier.clone());
    forget_missing_choices(&form, &terms, &suppliers);
    let slots: Vec<OfferSlot> = response.offers.into_iter().map(OfferSlot::new).collect();

    let visible = {
        let slots = slots.clone();
        Memo::new(move |_| {
            let criteria = filters.criteria();
            let mut offers: Vec<(usize, Offer)> = Vec::new();
            for (index, slot) in slots.iter().enumerate() {
                let offer = slot.offer.get();
                if criteria.matches(&offer) {
                    offers.push((index, offer));
                }
            }
            offers.sort_by(|a, b| criteria.compare(&a.1, &b.1));
            offers.into_iter().map(|(index, _)| index).collect::<Vec<usize>>()
        })
    };
    let chart_offers = {
        let slots = slots.clone();
        Signal::derive(move || {
            let criteria = filters.criteria();
            slots
                .iter()
                .map(|slot| slot.offer.get())
                .filter(|offer| criteria.matches_except_term(offer))
                .collect()
        })
    };
    let current_rate = Signal::derive(move || {
        let same_energy = form.commodity.get() == commodity;
        let typed = form
            .current_rate
            .with(|rate| usage::parse_current_rate(rate, commodity));
        typed.ok().flatten().filter(|_| same_energy)
    });
    let on_choose = Callback::new(move |offer: Offer| {
        let choice = Choice {
            offer,
            utility: utility.clone(),
            zip: zip.clone(),
            state: state.clone(),
        };
        flow.choice.set(Some(choice));
        flow.step.set(Step::Details);
    });

    let usage_words = text::costs_based_on(&format::group_thousands(annual_usage), commodity, usage_estimated);
    let card = move |index: usize| {
        view! {
            <OfferCard
                offer_slot=slots[index]
                now=now
                annual_usage=annual_usage
                current_rate=current_rate
                on_choose=on_choose
                search_again=search_again
            />
        }
    };

    view! {
        <section class="cs-offers" aria-labelledby=labelled_by>
            <h3 class="cs-offers-heading" id=heading_id>{text::OFFERS_HEADING}</h3>
            <p class="cs-hint">{usage_words}</p>
            <FilterBar filters=filters terms=terms suppliers=suppliers.clone() />
            <CostChart offers=chart_offers suppliers=suppliers />
            <p class="cs-offers-count" role="status">{move || text::showing_offers(visible.with(Vec::len), total)}</p>
            <Show when=move || visible.with(Vec::is_empty)>
                <div class="cs-notice">
                    <p>{text::NO_MATCHING_OFFERS}</p>
                    <button type="button" class="cs-button cs-button-secondary" on:click=move |_| filters.clear()>
                        {text::SHOW_ALL_OFFERS}
                    </button>
                </div>
            </Show>
            <ul class="cs-offer-list">
                {move || visible.get().into_iter().map(card.clone()).collect_view()}
            </ul>
            <p class="cs-hint">{text::RATE_NOTE}</p>
        </section>
    }
}

/// Drops a term or supplier filter that the new results do not have, so the lists never show
/// a choice that is not among their options.
fn forget_missing_choices(form: &PricingForm, terms: &[u32], suppliers: &[String]) {
    let filters = form.filters;
    if filters
        .term_months
        .get_untracked()
        .is_some_and(|term| !terms.contains(&term))
    {
        filters.term_months.set(None);
    }
    if filters
        .supplier
        .get_untracked()
        .is_some_and(|supplier| !suppliers.contains(&supplier))
    {
        filters.supplier.set(None);
    }
}
