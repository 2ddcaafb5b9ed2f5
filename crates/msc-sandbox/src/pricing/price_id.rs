//! Price ids: the matrix coordinates of one price, so `createContract` can find it again.
//!
//! Format: `p2.<price date>.<utility>.<zone>.<rate class>.<supplier>.<start month>.<term>.<band>.<green %>`,
//! for example `p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.100`. The id carries no
//! rate: the rate is recomputed from the matrix of its price date, so an edited id can only name
//! another real row. Codes never contain a dot.

use std::fmt;

use chrono::NaiveDate;

use super::StartMonth;

const VERSION: &str = "p2";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PriceId {
    pub price_date: NaiveDate,
    pub utility_code: String,
    pub zone_code: String,
    pub rate_class_code: String,
    pub supplier_slug: String,
    pub start_month: StartMonth,
    pub term_months: u32,
    /// [`super::UsageBand::index`].
    pub band: u8,
    pub green_percent: u8,
}

impl PriceId {
    /// True when both ids name the same offer, perhaps on different price dates.
    pub fn is_same_offer(&self, other: &PriceId) -> bool {
        PriceId { price_date: other.price_date, ..self.clone() } == *other
    }

    /// Parses an id of the format above; `None` for anything else.
    pub fn parse(value: &str) -> Option<PriceId> {
        let parts: Vec<&str> = value.split('.').collect();
        let [
            version,
            date,
            utility,
            zone,
            rate_class,
            supplier,
            start_month,
            term,
            band,
            green,
        ] = parts.as_slice()
        else {
            return None;
        };
        if *version != VERSION || [utility, zone, rate_class, supplier].iter().any(|part| part.is_empty()) {
            return None;
        }
        Some(PriceId {
            price_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
            utility_code: (*utility).to_owned(),
            zone_code: (*zone).to_owned(),
            rate_class_code: (*rate_class).to_owned(),
            supplier_slug: (*supplier).to_owned(),
            start_month: StartMonth::parse(start_month)?,
            term_months: term.parse().ok()?,
            band: band.parse().ok()?,
            green_percent: green.parse().ok()?,
        })
    }
}

impl fmt::Display for PriceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{VERSION}.{}.{}.{}.{}.{}.{}.{}.{}.{}",
            self.price_date.format("%Y-%m-%d"),
            self.utility_code,
            self.zone_code,
            self.rate_class_code,
            self.supplier_slug,
            self.start_month,
            self.term_months,
            self.band,
            self.green_percent
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_offer_ignores_price_date() {
        let today = PriceId::parse("p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.100").unwrap();
        let tomorrow = PriceId::parse("p2.2026-07-16.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.100").unwrap();
        let longer = PriceId::parse("p2.2026-07-16.COMED.COMED.SMALL_LOAD.engie.2026-09.24.0.100").unwrap();
        let other_supplier = PriceId::parse("p2.2026-07-16.COMED.COMED.SMALL_LOAD.constellation.2026-09.12.0.100").unwrap();
        assert!(today.is_same_offer(&tomorrow));
        assert!(!today.is_same_offer(&longer));
        assert!(!today.is_same_offer(&other_supplier));
    }

    #[test]
    fn price_id_round_trips() {
        let text = "p2.2026-07-15.AEP_TX_CENTRAL.SOUTH.BUSMEDLF.direct-energy.2026-09.12.3.50";
        let id = PriceId::parse(text).unwrap();
        assert_eq!(id.utility_code, "AEP_TX_CENTRAL");
        assert_eq!(id.zone_code, "SOUTH");
        assert_eq!(id.rate_class_code, "BUSMEDLF");
        assert_eq!(id.supplier_slug, "direct-energy");
        assert_eq!(id.term_months, 12);
        assert_eq!(id.band, 3);
        assert_eq!(id.green_percent, 50);
        assert_eq!(id.to_string(), text);
    }

    #[test]
    fn malformed_price_ids_are_rejected() {
        for bad in [
            "",
            "price_123",
            "p1.2026-07-15.COMED.engie.2026-09.12.0.0",
            "p3.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.0",
            "p2.2026-13-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0.0",
            "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-9.12.0.0",
            "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.twelve.0.0",
            "p2.2026-07-15.COMED.COMED.SMALL_LOAD.engie.2026-09.12.0",
            "p2.2026-07-15..COMED.SMALL_LOAD.engie.2026-09.12.0.0",
            "p2.2026-07-15.COMED..SMALL_LOAD.engie.2026-09.12.0.0",
            "p2.2026-07-15.COMED.COMED..engie.2026-09.12.0.0",
        ] {
            assert_eq!(PriceId::parse(bad), None, "{bad}");
        }
    }
}
