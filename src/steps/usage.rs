//! The customer's choice of usage input, and parsing of the money amounts they type: a typical
//! monthly bill, and the current supply rate that savings are measured against.

use shopper_types::Commodity;

use crate::text;

/// The form in which the customer gives their annual usage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsageMode {
    /// The annual kWh or therms from their bills.
    Annual,
    /// A typical monthly bill in dollars, from which the usage is estimated.
    MonthlyBill,
}

/// Plausible supply rates in dollars per unit: electricity $0.01–$1.00 per kWh, gas
/// $0.05–$5.00 per therm. These are the bounds broker matrix importers accept; a value outside
/// them is almost always a typing mistake, such as cents typed as dollars.
fn rate_bounds(commodity: Commodity) -> (f64, f64) {
    match commodity {
        Commodity::Electricity => (0.01, 1.0),
        Commodity::Gas => (0.05, 5.0),
    }
}

/// Most decimals accepted in an amount; rates are quoted to four or five.
const MAX_DECIMALS: usize = 6;

/// Parses a dollar amount as people type it: "1250", "$1,250" or "1,250.50". Whole and
/// fractional digits are parsed as integers, so the WASM needs no general float parser.
fn parse_amount(input: &str) -> Option<f64> {
    let cleaned: String = input.chars().filter(|c| !matches!(c, '$' | ',' | ' ')).collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits_only = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits_only(whole) || !digits_only(fraction) {
        return None;
    }
    if fraction.len() > MAX_DECIMALS {
        return None;
    }

    let whole = if whole.is_empty() {
        0
    } else {
        whole.parse::<u64>().ok()?
    };
    let fraction_value = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u64>().ok()?
    };
    let scale = 10u64.pow(fraction.len() as u32);
    Some(whole as f64 + fraction_value as f64 / scale as f64)
}

/// Parses a typical monthly bill in dollars, which must be more than zero.
pub fn parse_monthly_bill(input: &str) -> Result<f64, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(text::BILL_MISSING.to_owned());
    }
    match parse_amount(trimmed) {
        Some(amount) if amount > 0.0 => Ok(amount),
        Some(_) => Err(text::BILL_ZERO.to_owned()),
        None => Err(text::bill_invalid(trimmed)),
    }
}

/// Parses the optional current supply rate in dollars per kWh or therm. An empty input is
/// `Ok(None)`, because savings are optional.
pub fn parse_current_rate(input: &str, commodity: Commodity) -> Result<Option<f64>, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let Some(rate) = parse_amount(trimmed) else {
        return Err(text::current_rate_invalid(trimmed, commodity));
    };

    let (min, max) = rate_bounds(commodity);
    if (min..=max).contains(&rate) {
        return Ok(Some(rate));
    }
    // Bills often print cents per kWh, so "8.5" most likely means $0.085.
    let cents = rate / 100.0;
    if (min..=max).contains(&cents) {
        return Err(text::current_rate_in_cents(trimmed, cents, commodity));
    }
    Err(text::current_rate_out_of_range(min, max, commodity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_bill_accepts_dollar_signs_and_commas() {
        assert_eq!(parse_monthly_bill("$1,250"), Ok(1250.0));
        assert_eq!(parse_monthly_bill(" 980.50 "), Ok(980.5));
    }

    #[test]
    fn monthly_bill_rejects_empty_zero_and_words() {
        assert_eq!(parse_monthly_bill(""), Err(text::BILL_MISSING.to_owned()));
        assert_eq!(parse_monthly_bill("0"), Err(text::BILL_ZERO.to_owned()));
        assert!(parse_monthly_bill("about 900").unwrap_err().contains("\"about 900\""));
        assert!(parse_monthly_bill("-5").is_err());
    }

    #[test]
    fn amounts_parse_whole_and_fraction() {
        assert_eq!(parse_amount("0.0725"), Some(0.0725));
        assert_eq!(parse_amount(".5"), Some(0.5));
        assert_eq!(parse_amount("12."), Some(12.0));
        assert_eq!(parse_amount("."), None);
        assert_eq!(parse_amount("1.2.3"), None);
        assert_eq!(parse_amount("0.1234567"), None);
    }

    #[test]
    fn current_rate_is_optional() {
        assert_eq!(parse_current_rate("  ", Commodity::Electricity), Ok(None));
        assert_eq!(parse_current_rate("$0.085", Commodity::Electricity), Ok(Some(0.085)));
        assert_eq!(parse_current_rate("0.62", Commodity::Gas), Ok(Some(0.62)));
    }

    #[test]
    fn current_rate_in_cents_is_explained() {
        let message = parse_current_rate("8.5", Commodity::Electricity).unwrap_err();
        assert!(message.contains("0.0850"), "{message}");
    }

    #[test]
    fn current_rate_out_of_range_is_rejected() {
        assert!(parse_current_rate("0.001", Commodity::Electricity).is_err());
        assert!(parse_current_rate("900", Commodity::Gas).is_err());
        assert!(parse_current_rate("0.0x", Commodity::Gas).is_err());
    }
}
