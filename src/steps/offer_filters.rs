//! Sorting and filtering of the offers: by term, green share and supplier, in price, term or
//! green-share order. The choices live in the app's pricing state, so they survive a new search
//! and a step back from the details form.

use std::cmp::Ordering;

use leptos::prelude::*;
use shopper_types::api::Offer;

/// The term shown first: most commercial fixed-price contracts run 12 months.
pub const DEFAULT_TERM_MONTHS: u32 = 12;

/// The order of the offers list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    /// Lowest rate first.
    Price,
    /// Shortest term first, then lowest rate.
    Term,
    /// Largest renewable share first, then lowest rate.
    Green,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Price, SortOrder::Term, SortOrder::Green];

    /// Returns the `<option>` value.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Price => "price",
            SortOrder::Term => "term",
            SortOrder::Green => "green",
        }
    }

    pub fn parse(value: &str) -> SortOrder {
        SortOrder::ALL
            .into_iter()
            .find(|order| order.as_str() == value)
            .unwrap_or(SortOrder::Price)
    }
}

/// The smallest renewable share, in percent, that the green filter offers.
pub const GREEN_MINIMUMS: [u8; 3] = [0, 50, 100];

/// The filter and sort choices, as plain values.
#[derive(Clone, Debug, PartialEq)]
pub struct Criteria {
    pub sort: SortOrder,
    /// Only this term, in months; `None` for every term.
    pub term_months: Option<u32>,
    /// Smallest renewable share, in percent.
    pub min_green_percent: u8,
    /// Only this supplier; `None` for every supplier.
    pub supplier: Option<String>,
}

impl Criteria {
    /// True when the offer passes every filter except the term, which the chart draws along
    /// its horizontal axis.
    pub fn matches_except_term(&self, offer: &Offer) -> bool {
        offer.green_percent >= self.min_green_percent
            && self
                .supplier
                .as_ref()
                .is_none_or(|supplier| *supplier == offer.supplier)
    }

    pub fn matches(&self, offer: &Offer) -> bool {
        self.matches_except_term(offer) && self.term_months.is_none_or(|term| term == offer.term_months)
    }

    /// Orders two offers in the chosen order. With a stable sort, ties keep the order the proxy
    /// listed them in.
    pub fn compare(&self, a: &Offer, b: &Offer) -> Ordering {
        let by_rate = a.rate.total_cmp(&b.rate);
        match self.sort {
            SortOrder::Price => by_rate,
            SortOrder::Term => a.term_months.cmp(&b.term_months).then(by_rate),
            SortOrder::Green => b.green_percent.cmp(&a.green_percent).then(by_rate),
        }
    }
}

/// The customer's filter and sort choices.
#[derive(Clone, Copy)]
pub struct OfferFilters {
    pub sort: RwSignal<SortOrder>,
    pub term_months: RwSignal<Option<u32>>,
    pub min_green_percent: RwSignal<u8>,
    pub supplier: RwSignal<Option<String>>,
}

impl OfferFilters {
    pub fn new() -> OfferFilters {
        OfferFilters {
            sort: RwSignal::new(SortOrder::Price),
            term_months: RwSignal::new(Some(DEFAULT_TERM_MONTHS)),
            min_green_percent: RwSignal::new(0),
            supplier: RwSignal::new(None),
        }
    }

    /// Reads the current choices, tracking each signal.
    pub fn criteria(&self) -> Criteria {
        Criteria {
            sort: self.sort.get(),
            term_months: self.term_months.get(),
            min_green_percent: self.min_green_percent.get(),
            supplier: self.supplier.get(),
        }
    }

    /// Shows every offer again, keeping the sort order.
    pub fn clear(&self) {
        self.term_months.set(None);
        self.min_green_percent.set(0);
        self.supplier.set(None);
    }
}

/// Lists the distinct values of `key` over the offers, sorted.
pub fn distinct<T: Ord>(offers: &[Offer], key: impl Fn(&Offer) -> T) -> Vec<T> {
    let mut values: Vec<T> = offers.iter().map(key).collect();
    values.sort();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use shopper_types::EnergyUnit;

    use super::*;

    fn offer(supplier: &str, rate: f64, term_months: u32, green_percent: u8) -> Offer {
        Offer {
            quote_id: format!("{supplier}-{term_months}-{green_percent}"),
            supplier: supplier.into(),
            product_name: "Fixed Price".into(),
            rate,
            unit: EnergyUnit::Kwh,
            term_months,
            start_month: "2027-01".into(),
            estimated_monthly_cost: rate * 10_000.0,
            price_expires_at: "2027-01-01T00:00:00Z".into(),
            green_percent,
            early_termination_fee: 0.0,
            swing_percent: 20,
            disclosure_url: None,
        }
    }

    fn offers() -> Vec<Offer> {
        vec![
            offer("AEP Energy", 0.071, 12, 0),
            offer("Constellation", 0.069, 24, 100),
            offer("AEP Energy", 0.068, 36, 50),
            offer("Constellation", 0.073, 12, 0),
        ]
    }

    fn every_offer(sort: SortOrder) -> Criteria {
        Criteria {
            sort,
            term_months: None,
            min_green_percent: 0,
            supplier: None,
        }
    }

    fn sorted(order: SortOrder) -> Vec<Offer> {
        let criteria = every_offer(order);
        let mut offers = offers();
        offers.sort_by(|a, b| criteria.compare(a, b));
        offers
    }

    #[test]
    fn price_order_is_lowest_rate_first() {
        let offers = sorted(SortOrder::Price);
        let rates: Vec<f64> = offers.iter().map(|offer| offer.rate).collect();
        assert_eq!(rates, [0.068, 0.069, 0.071, 0.073]);
    }

    #[test]
    fn term_order_breaks_ties_by_rate() {
        let offers = sorted(SortOrder::Term);
        let keys: Vec<(u32, f64)> = offers.iter().map(|offer| (offer.term_months, offer.rate)).collect();
        assert_eq!(keys, [(12, 0.071), (12, 0.073), (24, 0.069), (36, 0.068)]);
    }

    #[test]
    fn green_order_is_largest_share_first() {
        let offers = sorted(SortOrder::Green);
        let shares: Vec<u8> = offers.iter().map(|offer| offer.green_percent).collect();
        assert_eq!(shares, [100, 50, 0, 0]);
    }

    #[test]
    fn filters_combine() {
        let criteria = Criteria {
            sort: SortOrder::Price,
            term_months: Some(12),
            min_green_percent: 0,
            supplier: Some("AEP Energy".into()),
        };
        let kept: Vec<Offer> = offers().into_iter().filter(|offer| criteria.matches(offer)).collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].rate, 0.071);
    }

    #[test]
    fn green_filter_is_a_minimum() {
        let criteria = Criteria {
            min_green_percent: 50,
            ..every_offer(SortOrder::Price)
        };
        let shares: Vec<u8> = offers()
            .iter()
            .filter(|offer| criteria.matches(offer))
            .map(|offer| offer.green_percent)
            .collect();
        assert_eq!(shares, [100, 50]);
    }

    #[test]
    fn chart_ignores_only_the_term_filter() {
        let criteria = Criteria {
            term_months: Some(12),
            ..every_offer(SortOrder::Price)
        };
        assert!(criteria.matches_except_term(&offers()[1]));
        assert!(!criteria.matches(&offers()[1]));
    }
}
