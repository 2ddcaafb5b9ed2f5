//! Cost arithmetic for the offers: annual usage estimated from a monthly bill, the total cost
//! of a term, and savings against the customer's current rate.
//!
//! Every number here is an estimate. The offer's rate is exact, but the usage behind the costs
//! is the customer's own figure or a guess from their bill.

use shopper_types::Commodity;
use shopper_types::api::Offer;

/// Average all-in price (supply plus delivery) that businesses pay, in dollars per kWh, by
/// state. Source: EIA Electric Power Annual, 2023 data, average revenue per kWh for the
/// commercial sector.
const ELECTRICITY_ALL_IN: [(&str, f64); 17] = [
    ("TX", 0.0882),
    ("IL", 0.1124),
    ("OH", 0.1075),
    ("PA", 0.1126),
    ("NJ", 0.1400),
    ("NY", 0.1801),
    ("MD", 0.1277),
    ("DE", 0.1183),
    ("DC", 0.1694),
    ("MA", 0.1962),
    ("CT", 0.1999),
    ("MI", 0.1340),
    ("GA", 0.1070),
    ("NH", 0.2040),
    ("RI", 0.1768),
    ("ME", 0.1788),
    ("VA", 0.0895),
];

/// The United States commercial average in dollars per kWh, for states missing above. Source:
/// EIA Electric Power Monthly table 5.6.A, as republished in 2026 (14.6 ¢/kWh).
const ELECTRICITY_ALL_IN_US: f64 = 0.146;

/// The United States average commercial gas price in dollars per therm: EIA's 2022 figure of
/// $11.32 per Mcf, at about 10 therms per Mcf.
/// NOTE: EIA publishes state gas prices too, but they are not in this table, so every state
/// uses the national figure.
const GAS_ALL_IN_US: f64 = 1.132;

/// The average price used to turn a bill into usage, and whether it is the state's own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AllInPrice {
    /// Dollars per kWh or per therm, supply and delivery together.
    pub dollars_per_unit: f64,
    /// True when the figure is for the customer's state, false for the national average.
    pub for_state: bool,
}

/// Returns the average all-in price businesses pay in `state` for `commodity`.
pub fn all_in_price(state: &str, commodity: Commodity) -> AllInPrice {
    if commodity == Commodity::Gas {
        return AllInPrice {
            dollars_per_unit: GAS_ALL_IN_US,
            for_state: false,
        };
    }
    match ELECTRICITY_ALL_IN.iter().find(|(code, _)| *code == state) {
        Some((_, price)) => AllInPrice {
            dollars_per_unit: *price,
            for_state: true,
        },
        None => AllInPrice {
            dollars_per_unit: ELECTRICITY_ALL_IN_US,
            for_state: false,
        },
    }
}

/// Estimates annual usage from a typical monthly bill: twelve bills divided by the average
/// all-in price, rounded. Returns at least one unit, so a tiny bill still gets a quote.
pub fn annual_usage_from_bill(monthly_bill: f64, price: AllInPrice, commodity: Commodity) -> u64 {
    let step = rounding_step(commodity);
    let usage = monthly_bill * 12.0 / price.dollars_per_unit;
    ((usage / step).round() * step).max(1.0) as u64
}

/// Returns the rounding step of an estimated annual usage, in kWh or therms, so the estimate
/// does not look more precise than it is.
fn rounding_step(commodity: Commodity) -> f64 {
    match commodity {
        Commodity::Electricity => 100.0,
        Commodity::Gas => 10.0,
    }
}

/// Returns the estimated supply cost of the whole term, in dollars.
pub fn total_cost(offer: &Offer) -> f64 {
    offer.estimated_monthly_cost * f64::from(offer.term_months)
}

/// The difference between the customer's current rate and an offer. Positive amounts are
/// savings and negative amounts are extra cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Savings {
    pub per_month: f64,
    pub over_term: f64,
}

/// Compares an offer with the customer's current supply rate for the same annual usage.
pub fn savings(offer: &Offer, current_rate: f64, annual_usage: u64) -> Savings {
    let per_month = (current_rate - offer.rate) * annual_usage as f64 / 12.0;
    Savings {
        per_month,
        over_term: per_month * f64::from(offer.term_months),
    }
}

#[cfg(test)]
mod tests {
    use shopper_types::EnergyUnit;

    use super::*;

    fn offer(rate: f64, term_months: u32, annual_usage: u64) -> Offer {
        Offer {
            quote_id: "q".into(),
            supplier: "Calpine Energy Solutions".into(),
            product_name: "Fixed Price All-In".into(),
            rate,
            unit: EnergyUnit::Kwh,
            term_months,
            start_month: "2027-01".into(),
            estimated_monthly_cost: rate * annual_usage as f64 / 12.0,
            price_expires_at: "2027-01-01T00:00:00Z".into(),
            green_percent: 0,
            early_termination_fee: 300.0,
            swing_percent: 20,
            disclosure_url: None,
        }
    }

    #[test]
    fn all_in_price_uses_state_then_national() {
        assert_eq!(all_in_price("IL", Commodity::Electricity).dollars_per_unit, 0.1124);
        assert!(all_in_price("IL", Commodity::Electricity).for_state);
        assert_eq!(
            all_in_price("ZZ", Commodity::Electricity).dollars_per_unit,
            ELECTRICITY_ALL_IN_US
        );
        assert!(!all_in_price("IL", Commodity::Gas).for_state);
    }

    #[test]
    fn bill_estimate_rounds_to_hundreds_of_kwh() {
        let price = all_in_price("IL", Commodity::Electricity);
        // $1,000 × 12 / $0.1124 = 106,761.6 kWh.
        assert_eq!(annual_usage_from_bill(1000.0, price, Commodity::Electricity), 106_800);
    }

    #[test]
    fn bill_estimate_rounds_to_tens_of_therms() {
        let price = all_in_price("IL", Commodity::Gas);
        // $500 × 12 / $1.132 = 5,300.4 therms.
        assert_eq!(annual_usage_from_bill(500.0, price, Commodity::Gas), 5_300);
        assert_eq!(annual_usage_from_bill(0.01, price, Commodity::Gas), 1);
    }

    #[test]
    fn total_cost_covers_every_month() {
        let offer = offer(0.07, 24, 120_000);
        assert!((total_cost(&offer) - 16_800.0).abs() < 1e-6);
    }

    #[test]
    fn savings_are_negative_when_offer_costs_more() {
        let cheaper = savings(&offer(0.07, 12, 120_000), 0.08, 120_000);
        assert!((cheaper.per_month - 100.0).abs() < 1e-6);
        assert!((cheaper.over_term - 1_200.0).abs() < 1e-6);

        let dearer = savings(&offer(0.09, 36, 120_000), 0.08, 120_000);
        assert!((dearer.per_month + 100.0).abs() < 1e-6);
        assert!((dearer.over_term + 3_600.0).abs() < 1e-6);
    }
}
