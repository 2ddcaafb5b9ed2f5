//! Table and property tests of every utility's enrollment identifier.

use proptest::prelude::*;
use shopper_types::identifiers::{IDENTIFIER_RULES, IdentifierRule, identifier_rule};
use shopper_types::requirements::{AccountField, field_rule};

/// Builds a valid identifier for a rule: its first letter prefix, its first digit prefix, then a
/// repeating digit filler up to the rule's length.
fn valid_value(rule: &IdentifierRule) -> String {
    let letters = rule.letter_prefixes.first().copied().unwrap_or("");
    let mut digits = rule.digit_prefixes.first().copied().unwrap_or("").to_owned();
    let filler = "4826153970";
    while digits.len() < rule.digits {
        let next = filler.as_bytes()[digits.len() % filler.len()] as char;
        digits.push(next);
    }
    format!("{letters}{digits}")
}

/// Formats a value as a bill prints it: groups of five joined by dashes.
fn printed_with_dashes(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    chars.chunks(5).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[test]
fn every_rule_accepts_a_valid_value() {
    for rule in IDENTIFIER_RULES {
        let value = valid_value(rule);
        assert_eq!(rule.parse(&value).map(|n| n.as_str().to_owned()), Ok(value.clone()), "{}", rule.utility_code);
    }
}

#[test]
fn every_rule_accepts_dashes_as_printed() {
    for rule in IDENTIFIER_RULES {
        let value = valid_value(rule);
        let printed = printed_with_dashes(&value);
        assert_eq!(rule.parse(&printed).unwrap().as_str(), value, "{}: {printed}", rule.utility_code);
    }
}

#[test]
fn every_rule_counts_a_missing_digit() {
    for rule in IDENTIFIER_RULES {
        let mut value = valid_value(rule);
        value.pop();
        let message = rule.parse(&value).unwrap_err();
        let expected = format!("have {} digits; yours has {}.", rule.digits, rule.digits - 1);
        assert!(message.contains(&expected), "{}: {message}", rule.utility_code);
        assert!(message.starts_with(rule.utility_name), "{}: {message}", rule.utility_code);
    }
}

#[test]
fn every_rule_rejects_letters() {
    for rule in IDENTIFIER_RULES {
        let mut value = valid_value(rule);
        value.pop();
        value.push('O');
        let message = rule.parse(&value).unwrap_err();
        assert!(message.contains("only digits"), "{}: {message}", rule.utility_code);
    }
}

#[test]
fn prefixed_rules_reject_a_wrong_prefix() {
    for rule in IDENTIFIER_RULES.iter().filter(|rule| !rule.digit_prefixes.is_empty()) {
        let valid = valid_value(rule);
        let prefix_len = rule.digit_prefixes[0].len();
        let wrong = format!("{}{}", "7".repeat(prefix_len), &valid[prefix_len..]);
        let message = rule.parse(&wrong).unwrap_err();
        assert!(message.contains("start with"), "{}: {message}", rule.utility_code);
    }
}

#[test]
fn every_rule_asks_for_an_empty_value() {
    for rule in IDENTIFIER_RULES {
        let message = rule.parse("  ").unwrap_err();
        assert!(message.starts_with("Enter the"), "{}: {message}", rule.utility_code);
    }
}

/// Real-looking values per utility, as the utility prints them (all synthetic numbers).
#[test]
fn named_utilities_table() {
    let cases: &[(&str, &str, Result<&str, &str>)] = &[
        ("ONCOR", "10443720012345678", Ok("10443720012345678")),
        ("ONCOR", "1017699 0012345678", Ok("10176990012345678")),
        ("ONCOR", "1044372001234567", Err("Oncor ESI IDs have 17 digits; yours has 16.")),
        ("ONCOR", "10089010012345678", Err("start with 1044372 or 1017699")),
        ("CENTERPOINT", "1008901000123456789012", Ok("1008901000123456789012")),
        ("CENTERPOINT", "10443720001234567890123", Err("CenterPoint ESI IDs have 22 digits; yours has 23.")),
        ("COMED", "04455-12345", Ok("0445512345")),
        ("COMED", "044551234", Err("ComEd account numbers have 10 digits; yours has 9.")),
        ("PECO", "12345-67890", Ok("1234567890")),
        ("PPL", "98765-43210", Ok("9876543210")),
        ("PSEG", "42 0012 3456", Ok("4200123456")),
        ("BGE", "1234567890", Ok("1234567890")),
        ("NATGRID_NY", "12345-67890", Ok("1234567890")),
        ("NATGRID_MA", "1234567890", Ok("1234567890")),
        ("CONED", "12-3456-7890-1234-5", Ok("123456789012345")),
        ("CONED", "12345678901", Err("Con Edison account numbers have 15 digits; yours has 11.")),
        ("EVERSOURCE_CT", "51234567890", Ok("51234567890")),
        ("EVERSOURCE_CT", "61234567890", Err("start with 51")),
        ("NICOR", "12-34-56-7890 1", Ok("12345678901")),
        ("OHIO_EDISON", "0801234567 0123456789", Ok("08012345670123456789")),
        ("OHIO_EDISON", "09012345670123456789", Err("start with 08")),
        ("TNMP", "10400511000123456", Ok("10400511000123456")),
    ];
    for (code, input, expected) in cases {
        let rule = identifier_rule(code).unwrap_or_else(|| panic!("no rule for {code}"));
        match (rule.parse(input), expected) {
            (Ok(number), Ok(normalised)) => assert_eq!(number.as_str(), *normalised, "{code} {input}"),
            (Err(message), Err(fragment)) => assert!(message.contains(fragment), "{code} {input}: {message}"),
            (result, expected) => panic!("{code} {input}: got {result:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn pseg_pod_ids_table() {
    let electric = field_rule("PSEG", AccountField::PodId).unwrap();
    assert_eq!(electric.parse("PE000123456789012345").unwrap().as_str(), "PE000123456789012345");
    assert_eq!(electric.parse("pe 000123456789012345").unwrap().as_str(), "PE000123456789012345");
    assert!(electric.parse("PE00012345678901234").unwrap_err().contains("have 18 digits; yours has 17"));
    let gas = field_rule("PSEG_GAS", AccountField::PodId).unwrap();
    assert!(gas.parse("PE000123456789012345").unwrap_err().contains("start with PG"));
}

fn rule_strategy() -> impl Strategy<Value = &'static IdentifierRule> {
    (0..IDENTIFIER_RULES.len()).prop_map(|index| &IDENTIFIER_RULES[index])
}

proptest! {
    /// Spaces, dashes and dots between characters never change the normalised identifier.
    #[test]
    fn separators_never_change_the_identifier(
        rule in rule_strategy(),
        separators in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just("."), Just(" - ")], 0..30),
    ) {
        let value = valid_value(rule);
        let mut printed = String::new();
        for (index, character) in value.chars().enumerate() {
            printed.push(character);
            printed.push_str(separators.get(index).copied().unwrap_or(""));
        }
        let parsed = rule.parse(&printed).unwrap();
        prop_assert_eq!(parsed.as_str(), value.as_str());
    }

    /// Any digit string of the wrong length is rejected with the count of digits it has.
    #[test]
    fn wrong_lengths_are_counted(rule in rule_strategy(), length in 1usize..30) {
        prop_assume!(length != rule.digits);
        let value = format!("{}{}", rule.letter_prefixes.first().copied().unwrap_or(""), "5".repeat(length));
        let message = rule.parse(&value).unwrap_err();
        let expected = format!("yours has {length}.");
        prop_assert!(message.contains(&expected), "{}", message);
    }

    /// Parsing an already normalised identifier returns it unchanged.
    #[test]
    fn normalising_is_idempotent(rule in rule_strategy()) {
        let once = rule.parse(&printed_with_dashes(&valid_value(rule))).unwrap();
        let twice = rule.parse(once.as_str()).unwrap();
        prop_assert_eq!(once, twice);
    }
}
