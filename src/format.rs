//! Number, money, month and time formatting for US customers, and parsing of typed usage.

use shopper_types::EnergyUnit;
use wasm_bindgen::JsValue;

use crate::text;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a rate in dollars per unit with five decimals, the precision of the platform's prices,
/// so the offer, the signing page and the contract PDF print the same number: "$0.07123 / kWh".
pub fn rate(rate: f64, unit: EnergyUnit) -> String {
    format!("${rate:.5} / {}", unit.label())
}

/// Formats dollars with thousands separators and cents: "$1,234.50".
pub fn dollars(amount: f64) -> String {
    let cents = (amount * 100.0).round().max(0.0) as u64;
    format!("${}.{:02}", group_thousands(cents / 100), cents % 100)
}

pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Parses annual usage as people type it: "120000", "120,000" or "120 000".
pub fn parse_usage(input: &str) -> Result<u64, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(text::USAGE_MISSING.to_owned());
    }
    let digits: String = trimmed.chars().filter(|c| !matches!(c, ',' | ' ' | '_')).collect();
    let usage: u64 = match digits.parse() {
        Ok(usage) if digits.chars().all(|c| c.is_ascii_digit()) => usage,
        _ => return Err(text::usage_invalid(trimmed)),
    };
    if usage == 0 {
        return Err(text::USAGE_ZERO.to_owned());
    }
    Ok(usage)
}

/// "2026-03" as "March 2026"; any other text is returned unchanged.
pub fn month_label(year_month: &str) -> String {
    let parsed = year_month
        .split_once('-')
        .and_then(|(year, month)| Some((year.parse::<u32>().ok()?, month.parse::<usize>().ok()?)));
    match parsed {
        Some((year, month @ 1..=12)) => format!("{} {year}", MONTH_NAMES[month - 1]),
        _ => year_month.to_owned(),
    }
}

/// Lists the twelve months after the given one as `YYYY-MM` values, where `month` runs from 1 to
/// 12. Supply starts on a meter read after enrollment, so the current month is not offered.
pub fn start_months_after(year: u32, month: u32) -> Vec<String> {
    (1..=12)
        .map(|offset| {
            let index = year * 12 + (month - 1) + offset;
            format!("{}-{:02}", index / 12, index % 12 + 1)
        })
        .collect()
}

/// Lists the start months offered today, by the browser's clock.
pub fn start_months() -> Vec<String> {
    let now = js_sys::Date::new_0();
    start_months_after(now.get_full_year(), now.get_month() + 1)
}

/// Formats an RFC 3339 time in the customer's time zone: "Dec 4, 6:00 PM CST".
pub fn local_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (name, value) in [
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        // Reflect.set on an ordinary extensible object returns true, so there is no error to handle.
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    date.to_locale_string("en-US", &options).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_has_five_decimals_and_unit() {
        assert_eq!(rate(0.07123, EnergyUnit::Kwh), "$0.07123 / kWh");
        assert_eq!(rate(0.5, EnergyUnit::Therm), "$0.50000 / therm");
    }

    #[test]
    fn dollars_group_thousands() {
        assert_eq!(dollars(712.5), "$712.50");
        assert_eq!(dollars(1234567.891), "$1,234,567.89");
        assert_eq!(dollars(0.0), "$0.00");
    }

    #[test]
    fn usage_accepts_separators() {
        assert_eq!(parse_usage("120,000"), Ok(120_000));
        assert_eq!(parse_usage(" 8 000 "), Ok(8_000));
    }

    #[test]
    fn usage_rejects_empty_zero_and_decimals() {
        assert_eq!(parse_usage(""), Err(text::USAGE_MISSING.to_owned()));
        assert_eq!(parse_usage("0"), Err(text::USAGE_ZERO.to_owned()));
        assert!(parse_usage("12.5").unwrap_err().contains("\"12.5\""));
        assert!(parse_usage("-5").is_err());
    }

    #[test]
    fn start_months_roll_over_the_year() {
        let months = start_months_after(2025, 11);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], "2025-12");
        assert_eq!(months[1], "2026-01");
        assert_eq!(months[11], "2026-11");
    }

    #[test]
    fn month_label_names_the_month() {
        assert_eq!(month_label("2026-03"), "March 2026");
        assert_eq!(month_label("2026-13"), "2026-13");
    }
}
