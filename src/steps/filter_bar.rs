//! The sort and filter lists above the offers.

use leptos::prelude::*;

use crate::config::WidgetConfig;
use crate::steps::offer_filters::{GREEN_MINIMUMS, OfferFilters, SortOrder};
use crate::text;

fn sort_label(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Price => text::SORT_PRICE,
        SortOrder::Term => text::SORT_TERM,
        SortOrder::Green => text::SORT_GREEN,
    }
}

fn green_label(min_percent: u8) -> String {
    match min_percent {
        0 => text::ANY_GREEN.to_owned(),
        100 => text::ALL_GREEN.to_owned(),
        percent => text::green_at_least(percent),
    }
}

/// Renders one labelled `<select>` whose `name` is `name`.
fn filter_select(
    id: String,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: impl Fn() -> String + Copy + Send + Sync + 'static,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, label)| {
            let is_selected = {
                let value = value.clone();
                move || selected() == value
            };
            view! { <option value=value prop:selected=is_selected>{label}</option> }
        })
        .collect_view();

    view! {
        <div class="cs-field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name on:change:target=move |event| on_change(event.target().value())>
                {options}
            </select>
        </div>
    }
}

#[component]
pub fn FilterBar(
    filters: OfferFilters,
    /// The terms in the results, in months, shortest first.
    terms: Vec<u32>,
    /// The suppliers in the results, alphabetically.
    suppliers: Vec<String>,
) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();

    let sort_options = SortOrder::ALL
        .into_iter()
        .map(|order| (order.as_str().to_owned(), sort_label(order).to_owned()))
        .collect();
    let term_options = std::iter::once((String::new(), text::ANY_TERM.to_owned()))
        .chain(
            terms
                .into_iter()
                .map(|months| (months.to_string(), text::term_months(months))),
        )
        .collect();
    let green_options = GREEN_MINIMUMS
        .into_iter()
        .map(|percent| (percent.to_string(), green_label(percent)))
        .collect();
    let supplier_options = std::iter::once((String::new(), text::ANY_SUPPLIER.to_owned()))
        .chain(suppliers.into_iter().map(|supplier| (supplier.clone(), supplier)))
        .collect();

    view! {
        <div class="cs-filters" role="group" aria-label=text::FILTERS_LABEL>
            {filter_select(
                config.element_id("filter-sort"),
                "sort",
                text::SORT_LABEL,
                sort_options,
                move || filters.sort.get().as_str().to_owned(),
                move |value| filters.sort.set(SortOrder::parse(&value)),
            )}
            {filter_select(
                config.element_id("filter-term"),
                "term",
                text::TERM_LABEL,
                term_options,
                move || filters.term_months.get().map(|months| months.to_string()).unwrap_or_default(),
                move |value| filters.term_months.set(value.parse().ok()),
            )}
            {filter_select(
                config.element_id("filter-green"),
                "green",
                text::GREEN_LABEL,
                green_options,
                move || filters.min_green_percent.get().to_string(),
                move |value| filters.min_green_percent.set(value.parse().unwrap_or(0)),
            )}
            {filter_select(
                config.element_id("filter-supplier"),
                "supplier",
                text::SUPPLIER,
                supplier_options,
                move || filters.supplier.get().unwrap_or_default(),
                move |value| filters.supplier.set(Some(value).filter(|supplier| !supplier.is_empty())),
            )}
        </div>
    }
}
