//! The numbers behind the cost chart: one series per supplier of its lowest estimated monthly
//! cost at each term, and the scales that place them in the drawing.

use shopper_types::api::Offer;

/// One supplier's line: its lowest estimated monthly cost at each term it offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub supplier: String,
    /// `(term in months, dollars per month)`, shortest term first.
    pub points: Vec<(u32, f64)>,
}

impl Series {
    /// Returns the cheapest point of the series.
    pub fn lowest(&self) -> (u32, f64) {
        self.points
            .iter()
            .copied()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or_default()
    }
}

/// Groups offers into one series per supplier, keeping each supplier's cheapest product at
/// each term. Suppliers are listed alphabetically.
pub fn series(offers: &[Offer]) -> Vec<Series> {
    let mut all: Vec<Series> = Vec::new();
    for offer in offers {
        let index = match all.iter().position(|series| series.supplier == offer.supplier) {
            Some(index) => index,
            None => {
                all.push(Series {
                    supplier: offer.supplier.clone(),
                    points: Vec::new(),
                });
                all.len() - 1
            }
        };
        let points = &mut all[index].points;
        let cost = offer.estimated_monthly_cost;
        match points.iter_mut().find(|(term, _)| *term == offer.term_months) {
            Some(point) => point.1 = point.1.min(cost),
            None => points.push((offer.term_months, cost)),
        }
    }

    for series in &mut all {
        series.points.sort_by_key(|(term, _)| *term);
    }
    all.sort_by(|a, b| a.supplier.cmp(&b.supplier));
    all
}

/// A linear map from values to drawing coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// Picks about `count` round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) that
/// cover `min..=max`. The first and last ticks are the ends of the axis.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    let (min, max) = if max > min { (min, max) } else { (min - 1.0, max + 1.0) };
    let rough_step = (max - min) / count.max(2).saturating_sub(1) as f64;
    let magnitude = power_of_ten_at_most(rough_step);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough_step)
        .unwrap_or(10.0 * magnitude);

    let first = (min / step).floor() * step;
    let mut ticks = vec![first];
    while ticks.last().is_some_and(|last| *last < max) {
        ticks.push(first + step * ticks.len() as f64);
    }
    ticks
}

/// Returns the largest power of ten not above `value`, which must be positive. A loop, not
/// `log10`, so the WASM needs no logarithm code.
fn power_of_ten_at_most(value: f64) -> f64 {
    let mut power = 1.0;
    while power > value {
        power /= 10.0;
    }
    while power * 10.0 <= value {
        power *= 10.0;
    }
    power
}

#[cfg(test)]
mod tests {
    use shopper_types::EnergyUnit;

    use super::*;

    fn offer(supplier: &str, term_months: u32, monthly: f64) -> Offer {
        Offer {
            quote_id: format!("{supplier}-{term_months}-{monthly}"),
            supplier: supplier.into(),
            product_name: "Fixed Price".into(),
            rate: monthly / 10_000.0,
            unit: EnergyUnit::Kwh,
            term_months,
            start_month: "2027-01".into(),
            estimated_monthly_cost: monthly,
            price_expires_at: "2027-01-01T00:00:00Z".into(),
            green_percent: 0,
            early_termination_fee: 0.0,
            swing_percent: 20,
            disclosure_url: None,
        }
    }

    #[test]
    fn series_keep_cheapest_product_per_term() {
        let offers = [
            offer("NextEra", 24, 720.0),
            offer("AEP Energy", 12, 700.0),
            offer("NextEra", 12, 730.0),
            offer("NextEra", 12, 770.0),
        ];
        let series = series(&offers);
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].supplier, "AEP Energy");
        assert_eq!(series[1].points, [(12, 730.0), (24, 720.0)]);
        assert_eq!(series[1].lowest(), (24, 720.0));
    }

    #[test]
    fn scale_maps_ends_and_middle() {
        let scale = Scale {
            domain: (6.0, 36.0),
            range: (0.0, 300.0),
        };
        assert_eq!(scale.at(6.0), 0.0);
        assert_eq!(scale.at(21.0), 150.0);
        assert_eq!(scale.at(36.0), 300.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let ticks = nice_ticks(673.6, 855.3, 5);
        assert_eq!(ticks, [650.0, 700.0, 750.0, 800.0, 850.0, 900.0]);
    }

    #[test]
    fn power_of_ten_rounds_down() {
        assert_eq!(power_of_ten_at_most(45.4), 10.0);
        assert_eq!(power_of_ten_at_most(100.0), 100.0);
        assert_eq!(power_of_ten_at_most(0.3), 0.1);
    }

    #[test]
    fn ticks_of_one_value_still_span_an_axis() {
        let ticks = nice_ticks(100.0, 100.0, 5);
        assert!(ticks.len() >= 2, "{ticks:?}");
        assert!(ticks[0] <= 100.0, "{ticks:?}");
        assert!(*ticks.last().unwrap() >= 100.0, "{ticks:?}");
    }
}
