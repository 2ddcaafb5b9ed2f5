//! Re-pricing of an expired offer. "Choose" on an offer whose price has expired requests
//! today's price from the proxy first, shows it in the card, and chooses only on a second click.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shopper_types::api::{Offer, error_code};

use crate::api::{ApiClient, RequestError};
use crate::components::ErrorNotice;
use crate::format;
use crate::text;

/// The re-pricing state of an offer card.
#[derive(Clone, Debug, PartialEq)]
pub enum RepriceStatus {
    /// The offer is as quoted.
    Quoted,
    Repricing,
    /// The offer was re-priced and the customer has not yet confirmed the new price.
    Repriced {
        previous_rate: f64,
    },
    /// The supplier no longer offers this product.
    Withdrawn,
    Failed(RequestError),
}

/// One offer card's data, kept outside the card so filtering and sorting do not lose a new
/// price or a re-pricing in progress.
#[derive(Clone, Copy)]
pub struct OfferSlot {
    pub offer: RwSignal<Offer>,
    pub status: RwSignal<RepriceStatus>,
}

impl OfferSlot {
    pub fn new(offer: Offer) -> OfferSlot {
        OfferSlot {
            offer: RwSignal::new(offer),
            status: RwSignal::new(RepriceStatus::Quoted),
        }
    }

    /// Asks the proxy for today's price of this offer and shows it for confirmation.
    pub fn reprice(self, api: ApiClient) {
        if self.status.get_untracked() == RepriceStatus::Repricing {
            return;
        }
        let quoted = self.offer.get_untracked();
        self.status.set(RepriceStatus::Repricing);

        spawn_local(async move {
            match api.refresh_quote(&quoted.quote_id).await {
                Ok(offer) => {
                    self.offer.set(offer);
                    self.status.set(RepriceStatus::Repriced {
                        previous_rate: quoted.rate,
                    });
                }
                Err(error) if error.code() == Some(error_code::OFFER_UNAVAILABLE) => {
                    self.status.set(RepriceStatus::Withdrawn);
                }
                Err(error) => self.status.set(RepriceStatus::Failed(error)),
            }
        });
    }
}

/// Shows the progress or outcome of re-pricing under an offer.
#[component]
pub fn RepriceNotice(
    offer_slot: OfferSlot,
    /// Re-prices the offer again after a failure.
    retry: Callback<()>,
    /// Searches for today's offers again.
    search_again: Callback<()>,
) -> impl IntoView {
    let slot = offer_slot;
    move || match slot.status.get() {
        RepriceStatus::Quoted => ().into_any(),
        RepriceStatus::Repricing => view! {
            <p class="cs-offer-notice" role="status">
                <span class="cs-spinner" aria-hidden="true"></span>
                {text::REPRICING}
            </p>
        }
        .into_any(),
        RepriceStatus::Repriced { previous_rate } => {
            let offer = slot.offer.get_untracked();
            let rate = format::rate(offer.rate, offer.unit);
            let previous = format::rate(previous_rate, offer.unit);
            view! { <p class="cs-offer-notice cs-notice-success" role="status">{text::repriced(&rate, &previous)}</p> }
                .into_any()
        }
        RepriceStatus::Withdrawn => view! {
            <div class="cs-offer-notice cs-notice-error" role="alert">
                <p>{text::OFFER_WITHDRAWN}</p>
                <button type="button" class="cs-button cs-button-secondary" on:click=move |_| search_again.run(())>
                    {text::SEARCH_AGAIN}
                </button>
            </div>
        }
        .into_any(),
        RepriceStatus::Failed(error) => {
            let retry = error.is_retryable().then_some(retry);
            view! { <div class="cs-offer-notice"><ErrorNotice message=error.user_message() retry=retry /></div> }
                .into_any()
        }
    }
}
