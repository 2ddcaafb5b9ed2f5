//! A small in-memory cache of the platform's price responses.
//!
//! A response is kept until its earliest `valid_until`, so a cached price is always one the
//! platform would still accept. The key contains everything that changes the price: the partner
//! (each partner has its own platform credentials and may have its own environment), ZIP code,
//! account type, utility, commodity, annual usage, start month and term.
//!
//! Each replica of the proxy keeps its own cache. That is safe because no entry outlives the
//! price it holds, so two replicas can differ only in how often they ask the platform.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use shopper_types::upstream::{PriceQuery, PriceResponse};

/// Maximum responses kept. A response is a few kilobytes, so the cache stays under a few
/// megabytes.
pub const DEFAULT_CAPACITY: usize = 1024;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PriceKey {
    partner_id: String,
    postal_code: String,
    account_type: String,
    utility: String,
    commodity: &'static str,
    annual_usage: u64,
    start_month: String,
    term_months: Option<u32>,
}

impl PriceKey {
    fn new(partner_id: &str, query: &PriceQuery) -> PriceKey {
        PriceKey {
            partner_id: partner_id.to_owned(),
            postal_code: query.postal_code.clone(),
            account_type: query.account_type.clone(),
            utility: query.utility.clone(),
            commodity: query.commodity.as_str(),
            annual_usage: query.annual_usage,
            start_month: query.start_month.clone(),
            term_months: query.term_months,
        }
    }
}

#[derive(Debug)]
struct CachedResponse {
    response: PriceResponse,
    expires_at: DateTime<Utc>,
}

/// Price responses by query, shared by every request of this process.
#[derive(Clone, Debug)]
pub struct PriceCache {
    entries: Arc<Mutex<HashMap<PriceKey, CachedResponse>>>,
    capacity: usize,
}

impl Default for PriceCache {
    fn default() -> PriceCache {
        PriceCache::with_capacity(DEFAULT_CAPACITY)
    }
}

impl PriceCache {
    pub fn with_capacity(capacity: usize) -> PriceCache {
        PriceCache { entries: Arc::default(), capacity: capacity.max(1) }
    }

    /// Returns the cached response while all of its prices are still valid at `now`.
    pub fn get(&self, partner_id: &str, query: &PriceQuery, now: DateTime<Utc>) -> Option<PriceResponse> {
        let key = PriceKey::new(partner_id, query);
        let mut entries = self.entries.lock().expect("the price cache lock is never poisoned");
        match entries.get(&key) {
            Some(cached) if cached.expires_at > now => Some(cached.response.clone()),
            Some(_) => {
                entries.remove(&key);
                None
            }
            None => None,
        }
    }

    /// Stores a response until its earliest `valid_until`. A response without prices, or with a
    /// price already expired or without a readable `valid_until`, is not stored.
    pub fn insert(&self, partner_id: &str, query: &PriceQuery, response: &PriceResponse, now: DateTime<Utc>) {
        let Some(expires_at) = earliest_valid_until(response) else {
            return;
        };
        if expires_at <= now {
            return;
        }

        let mut entries = self.entries.lock().expect("the price cache lock is never poisoned");
        if entries.len() >= self.capacity {
            entries.retain(|_, cached| cached.expires_at > now);
        }
        if entries.len() >= self.capacity {
            // Every entry is still valid: drop the one that expires first, as it has the least
            // time left to be useful.
            let soonest = entries.iter().min_by_key(|(_, cached)| cached.expires_at).map(|(key, _)| key.clone());
            if let Some(soonest) = soonest {
                entries.remove(&soonest);
            }
        }
        entries.insert(PriceKey::new(partner_id, query), CachedResponse { response: response.clone(), expires_at });
    }

    pub fn len(&self) -> usize {
        self.entries.lock().expect("the price cache lock is never poisoned").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Returns the earliest `valid_until` of the response's prices, or `None` when there are no
/// prices or one has a `valid_until` that is not RFC 3339.
fn earliest_valid_until(response: &PriceResponse) -> Option<DateTime<Utc>> {
    let mut earliest: Option<DateTime<Utc>> = None;
    for row in &response.prices {
        let valid_until = DateTime::parse_from_rfc3339(&row.valid_until).ok()?.with_timezone(&Utc);
        earliest = Some(earliest.map_or(valid_until, |earliest| earliest.min(valid_until)));
    }
    earliest
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use shopper_types::upstream::PriceRow;
    use shopper_types::{Commodity, EnergyUnit};

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 15, 15, 0, 0).unwrap()
    }

    fn query(annual_usage: u64) -> PriceQuery {
        PriceQuery {
            postal_code: "60601".into(),
            account_type: "C".into(),
            utility: "COMED".into(),
            commodity: Commodity::Electricity,
            annual_usage,
            start_month: "2026-08".into(),
            term_months: None,
        }
    }

    fn row(valid_until: DateTime<Utc>) -> PriceRow {
        PriceRow {
            price_id: "price_1".into(),
            supplier: "Constellation".into(),
            product_name: "Fixed 12".into(),
            utility: "COMED".into(),
            rate_class: "small".into(),
            zone: "COMED".into(),
            start_month: "2026-08".into(),
            term_months: 12,
            rate: 0.0712,
            unit: EnergyUnit::Kwh,
            usage_min: 0,
            usage_max: 100_000,
            valid_until: valid_until.to_rfc3339(),
            swing_percent: 10,
            green_percent: 0,
            early_termination_fee: 0.0,
            disclosure_url: String::new(),
        }
    }

    fn price_response(valid_until: &[DateTime<Utc>]) -> PriceResponse {
        PriceResponse {
            postal_code: "60601".into(),
            utility: "COMED".into(),
            commodity: Commodity::Electricity,
            price_date: "2026-07-15".into(),
            custom_quote_needed: false,
            prices: valid_until.iter().map(|at| row(*at)).collect(),
        }
    }

    #[test]
    fn response_kept_until_earliest_valid_until() {
        let cache = PriceCache::default();
        let earliest = now() + Duration::hours(1);
        cache.insert("summit", &query(50_000), &price_response(&[now() + Duration::hours(8), earliest]), now());

        assert!(cache.get("summit", &query(50_000), now()).is_some());
        assert!(cache.get("summit", &query(50_000), earliest - Duration::seconds(1)).is_some());
        assert!(cache.get("summit", &query(50_000), earliest).is_none());
        assert!(cache.is_empty(), "an expired response is removed when read");
    }

    #[test]
    fn key_includes_partner_and_usage() {
        let cache = PriceCache::default();
        cache.insert("summit", &query(50_000), &price_response(&[now() + Duration::hours(1)]), now());

        assert!(cache.get("prairie", &query(50_000), now()).is_none());
        assert!(cache.get("summit", &query(60_000), now()).is_none());
        let mut with_term = query(50_000);
        with_term.term_months = Some(12);
        assert!(cache.get("summit", &with_term, now()).is_none());
    }

    #[test]
    fn expired_or_empty_response_not_stored() {
        let cache = PriceCache::default();
        cache.insert("summit", &query(1), &price_response(&[now() - Duration::minutes(1)]), now());
        cache.insert("summit", &query(2), &price_response(&[]), now());

        assert!(cache.is_empty());
    }

    #[test]
    fn full_cache_drops_soonest_expiry() {
        let cache = PriceCache::with_capacity(2);
        cache.insert("summit", &query(1), &price_response(&[now() + Duration::hours(3)]), now());
        cache.insert("summit", &query(2), &price_response(&[now() + Duration::hours(1)]), now());
        cache.insert("summit", &query(3), &price_response(&[now() + Duration::hours(2)]), now());

        assert_eq!(cache.len(), 2);
        assert!(cache.get("summit", &query(1), now()).is_some());
        assert!(cache.get("summit", &query(2), now()).is_none());
        assert!(cache.get("summit", &query(3), now()).is_some());
    }
}
