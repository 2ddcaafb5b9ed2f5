//! The indexed price table behind a rate matrix.
//!
//! Rows are stored in one vector, grouped by bucket (utility, zone, rate class, start month,
//! usage band) and sorted cheapest first inside each bucket. A hash index maps each bucket to its
//! row range, so a quote hashes one key and reads one bucket: its cost depends on the bucket's
//! size (suppliers × terms × products), not on the size of the table. The terms are also kept in
//! a column of their own, so filtering a bucket by term reads a few bytes per row instead of
//! whole rows, which matters once the table no longer fits in the CPU cache.

use std::collections::HashMap;

use shopper_types::Commodity;

use super::band_for;

/// The coordinates of one bucket, which contains every row that matches the same price request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BucketKey {
    /// The utility's position in `market::UTILITIES`.
    pub utility: u16,
    /// The zone's position in the utility's zones.
    pub zone: u8,
    /// The rate class's position in the utility's rate classes.
    pub rate_class: u8,
    /// Months after the price date's own month, 0 to 12.
    pub start_month: u8,
    /// The usage band's `index`.
    pub band: u8,
}

/// One matrix price, in compact form: 16 bytes, so a million rows take 16 MB.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TableRow {
    pub key: BucketKey,
    /// The supplier's position in `market::SUPPLIERS`.
    pub supplier: u16,
    pub term_months: u8,
    pub green_percent: u8,
    /// Hundred-thousandths of a dollar per kWh or therm, the precision of matrix sheets.
    pub rate_units: u32,
    /// Whole dollars.
    pub early_termination_fee: u16,
}

/// [`TableRow::rate_units`] per dollar.
pub const RATE_UNITS_PER_DOLLAR: f64 = 100_000.0;

impl TableRow {
    /// Dollars per kWh or therm.
    pub fn rate(&self) -> f64 {
        f64::from(self.rate_units) / RATE_UNITS_PER_DOLLAR
    }
}

/// A price request in table coordinates.
#[derive(Clone, Copy, Debug)]
pub struct TableQuery {
    pub utility: u16,
    pub zone: u8,
    pub rate_class: u8,
    pub start_month: u8,
    pub commodity: Commodity,
    /// kWh or therms a year.
    pub annual_usage: u64,
    /// Only rows of this term; `None` for every term.
    pub term_months: Option<u32>,
}

/// The result of a [`TableQuery`].
#[derive(Debug, PartialEq)]
pub enum TableLookup<'a> {
    /// The bucket's rows, cheapest first; empty when nothing matches.
    Rows(Vec<&'a TableRow>),
    /// The usage is above the largest band, so a supplier must price it by hand.
    CustomQuoteNeeded,
}

/// Rows grouped by bucket, with a hash index from bucket to row range.
#[derive(Debug, Default)]
pub struct RateTable {
    rows: Vec<TableRow>,
    /// `rows[i].term_months` at `terms[i]`.
    terms: Vec<u8>,
    /// Start and end (exclusive) of each bucket in `rows`.
    buckets: HashMap<BucketKey, (u32, u32)>,
}

impl RateTable {
    /// Sorts the rows into buckets, cheapest first, and indexes them.
    ///
    /// Ties on rate are broken by term, supplier and green share, so the order is stable.
    pub fn from_rows(mut rows: Vec<TableRow>) -> RateTable {
        assert!(
            rows.len() <= u32::MAX as usize,
            "a rate table holds at most u32::MAX rows"
        );
        rows.sort_by(|a, b| {
            a.key
                .cmp(&b.key)
                .then(a.rate_units.cmp(&b.rate_units))
                .then(a.term_months.cmp(&b.term_months))
                .then(a.supplier.cmp(&b.supplier))
                .then(a.green_percent.cmp(&b.green_percent))
        });

        let terms = rows.iter().map(|row| row.term_months).collect();
        let mut buckets = HashMap::new();
        let mut start = 0;
        while start < rows.len() {
            let key = rows[start].key;
            let end = start + rows[start..].partition_point(|row| row.key == key);
            buckets.insert(key, (start as u32, end as u32));
            start = end;
        }
        RateTable { rows, terms, buckets }
    }

    /// Returns the rows that match a price request, cheapest first. This is the lookup behind
    /// `GET /v2/prices/by-location`.
    pub fn lookup(&self, query: &TableQuery) -> TableLookup<'_> {
        let Some(band) = band_for(query.commodity, query.annual_usage) else {
            return TableLookup::CustomQuoteNeeded;
        };
        let key = BucketKey {
            utility: query.utility,
            zone: query.zone,
            rate_class: query.rate_class,
            start_month: query.start_month,
            band: band.index,
        };
        let range = self.bucket_range(key);
        let rows = match query.term_months {
            None => self.rows[range].iter().collect(),
            Some(term) => match u8::try_from(term) {
                Ok(term) => range
                    .filter(|index| self.terms[*index] == term)
                    .map(|index| &self.rows[index])
                    .collect(),
                Err(_) => Vec::new(),
            },
        };
        TableLookup::Rows(rows)
    }

    /// Returns one bucket's rows, cheapest first; empty for a bucket the table does not have.
    pub fn bucket(&self, key: BucketKey) -> &[TableRow] {
        &self.rows[self.bucket_range(key)]
    }

    fn bucket_range(&self, key: BucketKey) -> std::ops::Range<usize> {
        match self.buckets.get(&key) {
            Some(&(start, end)) => start as usize..end as usize,
            None => 0..0,
        }
    }

    /// Finds the row of one product of one supplier in a bucket.
    pub fn find(&self, key: BucketKey, supplier: u16, term_months: u8, green_percent: u8) -> Option<&TableRow> {
        self.bucket(key).iter().find(|row| {
            row.supplier == supplier && row.term_months == term_months && row.green_percent == green_percent
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn bucket_count(&self) -> usize {
        self.buckets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(utility: u16, band: u8, supplier: u16, term_months: u8, rate_units: u32) -> TableRow {
        TableRow {
            key: BucketKey {
                utility,
                zone: 0,
                rate_class: 0,
                start_month: 1,
                band,
            },
            supplier,
            term_months,
            green_percent: 0,
            rate_units,
            early_termination_fee: 100,
        }
    }

    fn query(utility: u16, annual_usage: u64, term_months: Option<u32>) -> TableQuery {
        TableQuery {
            utility,
            zone: 0,
            rate_class: 0,
            start_month: 1,
            commodity: Commodity::Electricity,
            annual_usage,
            term_months,
        }
    }

    fn rates(lookup: TableLookup<'_>) -> Vec<f64> {
        match lookup {
            TableLookup::Rows(rows) => rows.iter().map(|row| row.rate()).collect(),
            TableLookup::CustomQuoteNeeded => panic!("custom quote"),
        }
    }

    fn table() -> RateTable {
        RateTable::from_rows(vec![
            row(2, 0, 1, 12, 7_100),
            row(1, 0, 1, 12, 7_500),
            row(1, 0, 2, 24, 6_900),
            row(1, 1, 1, 12, 6_400),
            row(1, 0, 3, 12, 7_200),
        ])
    }

    #[test]
    fn lookup_reads_one_bucket_cheapest_first() {
        assert_eq!(rates(table().lookup(&query(1, 50_000, None))), [0.069, 0.072, 0.075]);
        assert_eq!(rates(table().lookup(&query(1, 150_000, None))), [0.064]);
        assert_eq!(rates(table().lookup(&query(2, 50_000, None))), [0.071]);
    }

    #[test]
    fn lookup_filters_by_term() {
        assert_eq!(rates(table().lookup(&query(1, 50_000, Some(12)))), [0.072, 0.075]);
        assert!(rates(table().lookup(&query(1, 50_000, Some(36)))).is_empty());
    }

    #[test]
    fn lookup_of_missing_bucket_is_empty() {
        assert!(rates(table().lookup(&query(9, 50_000, None))).is_empty());
    }

    #[test]
    fn lookup_above_largest_band_needs_custom_quote() {
        assert_eq!(
            table().lookup(&query(1, 1_000_001, None)),
            TableLookup::CustomQuoteNeeded
        );
    }

    #[test]
    fn rows_are_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<TableRow>(), 16);
    }

    #[test]
    fn buckets_are_indexed() {
        let table = table();
        assert_eq!(table.len(), 5);
        assert_eq!(table.bucket_count(), 3);
        let key = BucketKey {
            utility: 1,
            zone: 0,
            rate_class: 0,
            start_month: 1,
            band: 0,
        };
        assert_eq!(table.find(key, 3, 12, 0).unwrap().rate(), 0.072);
        assert!(table.find(key, 3, 24, 0).is_none());
    }
}
