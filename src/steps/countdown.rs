//! The time left on each offer's price: a clock that ticks while the offers are shown, and the
//! arithmetic from an expiry time to "3 h 12 min".

use std::time::Duration;

use leptos::prelude::*;

use crate::text;

/// How often the countdowns update. They show whole minutes, so a few ticks a minute keep them
/// within seconds of the true time without redrawing more than needed.
const TICK: Duration = Duration::from_secs(5);

const MS_PER_MINUTE: f64 = 60_000.0;

/// Returns the browser's time in milliseconds since the Unix epoch, updated every [`TICK`]
/// until the calling component is removed.
pub fn use_clock() -> ReadSignal<f64> {
    let (now, set_now) = signal(now_ms());
    // Without an interval the countdowns stay at their first value, but "Choose" still checks
    // the expiry against the current time.
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_ms()), TICK) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// Returns the browser's time in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Parses an RFC 3339 time into milliseconds since the Unix epoch.
pub fn parse_time_ms(rfc3339: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(rfc3339);
    (!ms.is_nan()).then_some(ms)
}

/// True when a price that expires at `expires_at` (RFC 3339) has expired at `now` (ms). A time
/// the browser cannot parse counts as expired, so the price is checked with the proxy again.
pub fn is_expired(expires_at: &str, now: f64) -> bool {
    parse_time_ms(expires_at).is_none_or(|expires| expires <= now)
}

/// The time left before a price expires, in whole units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeLeft {
    Expired,
    LessThanAMinute,
    Left { days: u64, hours: u64, minutes: u64 },
}

/// Splits the time from `now` to `expires`, both in milliseconds, into days, hours and minutes.
/// Minutes are rounded down, so the countdown never promises more time than there is.
pub fn time_left(now: f64, expires: f64) -> TimeLeft {
    let remaining = expires - now;
    if remaining <= 0.0 {
        return TimeLeft::Expired;
    }
    let minutes = (remaining / MS_PER_MINUTE).floor() as u64;
    if minutes == 0 {
        return TimeLeft::LessThanAMinute;
    }
    TimeLeft::Left {
        days: minutes / (24 * 60),
        hours: minutes / 60 % 24,
        minutes: minutes % 60,
    }
}

/// Words the time left for the offer card: "Price good for 3 h 12 min".
pub fn words(left: TimeLeft) -> String {
    match left {
        TimeLeft::Expired => text::PRICE_EXPIRED.to_owned(),
        TimeLeft::LessThanAMinute => text::PRICE_GOOD_FOR_UNDER_A_MINUTE.to_owned(),
        TimeLeft::Left { days, hours, minutes } => text::price_good_for(days, hours, minutes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: f64 = 60.0 * MS_PER_MINUTE;

    #[test]
    fn time_left_rounds_minutes_down() {
        let left = time_left(0.0, 3.0 * HOUR_MS + 12.9 * MS_PER_MINUTE);
        assert_eq!(
            left,
            TimeLeft::Left {
                days: 0,
                hours: 3,
                minutes: 12
            }
        );
    }

    #[test]
    fn time_left_counts_days() {
        let left = time_left(0.0, 26.0 * HOUR_MS);
        assert_eq!(
            left,
            TimeLeft::Left {
                days: 1,
                hours: 2,
                minutes: 0
            }
        );
    }

    #[test]
    fn words_show_two_units() {
        assert_eq!(
            words(time_left(0.0, 3.0 * HOUR_MS + 12.0 * MS_PER_MINUTE)),
            "Price good for 3 h 12 min"
        );
        assert_eq!(words(time_left(0.0, 7.5 * MS_PER_MINUTE)), "Price good for 7 min");
        assert_eq!(words(TimeLeft::Expired), "Price expired");
    }

    #[test]
    fn time_left_ends_at_expiry() {
        assert_eq!(time_left(1_000.0, 31_000.0), TimeLeft::LessThanAMinute);
        assert_eq!(time_left(5_000.0, 5_000.0), TimeLeft::Expired);
        assert_eq!(time_left(6_000.0, 5_000.0), TimeLeft::Expired);
    }
}
