//! Price dates, their 6 PM US Central expiry, and contract start months.
//!
//! A supplier's daily matrix is valid until 6 PM Central Time on its price date; after that
//! the next day's matrix applies. Central Time is UTC−6, or UTC−5 under daylight saving time,
//! which in the US runs from the second Sunday of March to the first Sunday of November.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

/// The hour of the price date, Central Time, at which its prices expire.
const EXPIRY_HOUR_CENTRAL: u32 = 18;

/// The number of start months after the price date's own month that the matrix lists.
pub const START_MONTHS_AHEAD: u32 = 12;

/// Returns the matrix date whose prices apply at `now`, which is today in Central Time before
/// 6 PM and tomorrow after.
pub fn price_date(now: DateTime<Utc>) -> NaiveDate {
    // The Central date is the UTC−6 date or the day after, so the first of these two dates whose
    // expiry is still ahead is the price date.
    let candidate = (now - Duration::hours(6)).date_naive();
    if now < valid_until(candidate) { candidate } else { candidate + Duration::days(1) }
}

/// 6 PM Central Time on `price_date`, as a UTC instant.
pub fn valid_until(price_date: NaiveDate) -> DateTime<Utc> {
    let offset_hours = if is_central_daylight_time(price_date) { 5 } else { 6 };
    let local = price_date.and_time(NaiveTime::from_hms_opt(EXPIRY_HOUR_CENTRAL, 0, 0).expect("6 PM is a valid time"));
    Utc.from_utc_datetime(&(local + Duration::hours(offset_hours)))
}

/// True when 6 PM local time on `date` falls in US daylight saving time.
fn is_central_daylight_time(date: NaiveDate) -> bool {
    let starts = nth_sunday(date.year(), 3, 2);
    let ends = nth_sunday(date.year(), 11, 1);
    date >= starts && date < ends
}

fn nth_sunday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n).expect("every month has a first and second Sunday")
}

/// A contract's first month of supply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StartMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl StartMonth {
    /// Parses `YYYY-MM`.
    pub fn parse(value: &str) -> Option<StartMonth> {
        let (year, month) = value.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.chars().chain(month.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(StartMonth { year, month })
    }

    pub fn of(date: NaiveDate) -> StartMonth {
        StartMonth { year: date.year(), month: date.month() }
    }

    /// Returns the month `months` after this one.
    pub fn plus(self, months: u32) -> StartMonth {
        let index = self.year * 12 + (self.month as i32 - 1) + months as i32;
        StartMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }
}

impl fmt::Display for StartMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Lists the start months in the matrix of `price_date`, which are its own month and the next twelve.
pub fn start_months(price_date: NaiveDate) -> impl Iterator<Item = StartMonth> {
    let first = StartMonth::of(price_date);
    (0..=START_MONTHS_AHEAD).map(move |offset| first.plus(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn summer_prices_expire_at_23_utc() {
        assert_eq!(valid_until(date("2026-07-15")), utc("2026-07-15T23:00:00Z"));
    }

    #[test]
    fn winter_prices_expire_at_midnight_utc() {
        assert_eq!(valid_until(date("2026-01-15")), utc("2026-01-16T00:00:00Z"));
    }

    #[test]
    fn daylight_saving_switch_days() {
        // 2026: DST starts Sunday March 8 and ends Sunday November 1.
        assert_eq!(valid_until(date("2026-03-07")), utc("2026-03-08T00:00:00Z"));
        assert_eq!(valid_until(date("2026-03-08")), utc("2026-03-08T23:00:00Z"));
        assert_eq!(valid_until(date("2026-10-31")), utc("2026-10-31T23:00:00Z"));
        assert_eq!(valid_until(date("2026-11-01")), utc("2026-11-02T00:00:00Z"));
    }

    #[test]
    fn price_date_rolls_over_at_6_pm_central() {
        assert_eq!(price_date(utc("2026-07-15T22:59:59Z")), date("2026-07-15"));
        assert_eq!(price_date(utc("2026-07-15T23:00:00Z")), date("2026-07-16"));
        assert_eq!(price_date(utc("2026-01-15T23:59:59Z")), date("2026-01-15"));
        assert_eq!(price_date(utc("2026-01-16T00:00:00Z")), date("2026-01-16"));
        assert_eq!(price_date(utc("2026-01-16T05:30:00Z")), date("2026-01-16"));
    }

    #[test]
    fn price_date_expiry_is_always_ahead() {
        let mut now = utc("2026-03-01T00:00:00Z");
        while now < utc("2026-12-01T00:00:00Z") {
            let expiry = valid_until(price_date(now));
            assert!(expiry > now, "{now}");
            // The day daylight saving time ends has 25 hours.
            assert!(expiry - now <= Duration::hours(25), "{now}");
            now += Duration::minutes(37);
        }
    }

    #[test]
    fn start_month_parses_and_prints() {
        assert_eq!(StartMonth::parse("2026-07"), Some(StartMonth { year: 2026, month: 7 }));
        assert_eq!(StartMonth::parse("2026-07").unwrap().to_string(), "2026-07");
        for bad in ["2026-13", "2026-00", "2026-7", "26-07", "2026/07", "2026-07-01", ""] {
            assert_eq!(StartMonth::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn start_months_cross_the_year() {
        let months: Vec<String> = start_months(date("2026-11-20")).map(|month| month.to_string()).collect();
        assert_eq!(months.len(), 13);
        assert_eq!(months[0], "2026-11");
        assert_eq!(months[2], "2027-01");
        assert_eq!(months[12], "2027-11");
    }
}
