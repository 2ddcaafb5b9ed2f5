//! One offer: supplier, rate, term, estimated costs, savings against the current rate, green
//! share, swing, early termination fee, the time left on the price, and its disclosure.

use leptos::prelude::*;
use shopper_types::api::Offer;

use crate::api::ApiClient;
use crate::format;
use crate::steps::countdown::{self, TimeLeft};
use crate::steps::estimates;
use crate::steps::reprice::{OfferSlot, RepriceNotice, RepriceStatus};
use crate::text;

/// Differences smaller than this, in dollars, count as no saving.
const SAME_COST: f64 = 0.005;

#[component]
pub fn OfferCard(
    offer_slot: OfferSlot,
    /// The current time in milliseconds, ticking.
    now: ReadSignal<f64>,
    /// The annual usage the costs are estimated for, in kWh or therms.
    annual_usage: u64,
    /// The customer's current supply rate, when they gave one.
    current_rate: Signal<Option<f64>>,
    /// Continues to step 2 with the offer.
    on_choose: Callback<Offer>,
    /// Searches for today's offers again.
    search_again: Callback<()>,
) -> impl IntoView {
    let slot = offer_slot;
    let api = expect_context::<ApiClient>();
    let reprice = Callback::new(move |()| slot.reprice(api.clone()));
    let choose = move |_| {
        let offer = slot.offer.get_untracked();
        let confirmed = matches!(slot.status.get_untracked(), RepriceStatus::Repriced { .. });
        if confirmed || !countdown::is_expired(&offer.price_expires_at, countdown::now_ms()) {
            on_choose.run(offer);
        } else {
            reprice.run(());
        }
    };
    let busy = move || slot.status.with(|status| *status == RepriceStatus::Repricing);

    move || {
        let offer = slot.offer.get();
        let rate = format::rate(offer.rate, offer.unit);
        let term = text::term_months(offer.term_months);
        let choose_label = text::choose_offer_label(&offer.supplier, &rate, &term);
        let disclosure_label = text::disclosure_label(&offer.supplier);
        let expires_at = offer.price_expires_at.clone();
        let good_until = text::price_good_until(&format::local_time(&expires_at));
        let countdown = Memo::new(move |_| {
            let left = countdown::parse_time_ms(&expires_at)
                .map_or(TimeLeft::Expired, |at| countdown::time_left(now.get(), at));
            (countdown::words(left), left == TimeLeft::Expired)
        });
        let savings = {
            let offer = offer.clone();
            move || {
                current_rate
                    .get()
                    .map(|current| savings_text(&offer, current, annual_usage))
            }
        };

        view! {
            <li class="cs-offer" data-term=offer.term_months data-green=offer.green_percent>
                <div class="cs-offer-info">
                    <p class="cs-offer-supplier">{offer.supplier.clone()}</p>
                    <p class="cs-offer-product">{offer.product_name.clone()}</p>
                    <dl class="cs-facts">
                        <div><dt>{text::TERM}</dt><dd class="cs-offer-term">{term.clone()}</dd></div>
                        <div>
                            <dt>{text::ESTIMATED_MONTHLY}</dt>
                            <dd>{text::per_month(&format::dollars(offer.estimated_monthly_cost))}</dd>
                        </div>
                        <div>
                            <dt>{text::ESTIMATED_TOTAL}</dt>
                            <dd>{format::dollars(estimates::total_cost(&offer))}</dd>
                        </div>
                        <div><dt>{text::RENEWABLE}</dt><dd class="cs-offer-green">{text::percent(offer.green_percent)}</dd></div>
                        <div><dt>{text::SWING}</dt><dd>{text::swing(offer.swing_percent)}</dd></div>
                        <div><dt>{text::EARLY_TERMINATION_FEE}</dt><dd>{termination_fee(offer.early_termination_fee)}</dd></div>
                    </dl>
                    {move || savings().map(|(saves, words)| view! {
                        <p class="cs-savings" class:cs-savings-negative=!saves>{words}</p>
                    })}
                </div>
                <div class="cs-offer-side">
                    <p class="cs-offer-rate">
                        <span class="cs-visually-hidden">{format!("{}: ", text::RATE)}</span>
                        {rate}
                    </p>
                    <p class="cs-countdown" class:cs-countdown-expired=move || countdown.with(|(_, expired)| *expired) title=good_until>
                        {move || countdown.with(|(words, _)| words.clone())}
                    </p>
                    <button
                        type="button"
                        class="cs-button cs-button-primary"
                        aria-label=choose_label
                        disabled=busy
                        on:click=choose
                    >
                        {text::CHOOSE}
                    </button>
                    {offer.disclosure_url.clone().map(|url| view! {
                        <a class="cs-link" href=url target="_blank" rel="noopener noreferrer" aria-label=disclosure_label>
                            {text::DISCLOSURE}
                        </a>
                    })}
                </div>
                <RepriceNotice offer_slot=slot retry=reprice search_again=search_again />
            </li>
        }
    }
}

fn termination_fee(fee: f64) -> String {
    if fee > 0.0 {
        format::dollars(fee)
    } else {
        text::NO_FEE.to_owned()
    }
}

/// Returns whether the offer saves money against the current rate, and the sentence that
/// states how much per month and over the term.
fn savings_text(offer: &Offer, current_rate: f64, annual_usage: u64) -> (bool, String) {
    let savings = estimates::savings(offer, current_rate, annual_usage);
    let term = text::term_months(offer.term_months);
    let per_month = format::dollars(savings.per_month.abs());
    let over_term = format::dollars(savings.over_term.abs());
    if savings.per_month.abs() < SAME_COST {
        (true, text::SAME_AS_CURRENT.to_owned())
    } else if savings.per_month > 0.0 {
        (true, text::saves(&per_month, &over_term, &term))
    } else {
        (false, text::costs_more(&per_month, &over_term, &term))
    }
}
