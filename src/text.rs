//! Every piece of English text the widget shows, so wording is reviewed and translated in one
//! place. Messages from the proxy (`ApiError::message`) and from `shopper_types::validation` are
//! shown as they arrive.

use shopper_types::{Commodity, ContractStatus};

pub const LOADING: &str = "Loading energy prices…";
pub const TEST_MODE: &str = "Test mode";
pub const TEST_MODE_HINT: &str = "Prices and contracts are examples; nothing is sent to a supplier.";
pub const PROGRESS_LABEL: &str = "Progress";
pub const STEP_COMPLETED: &str = "completed";
pub const STEP_PRICES: &str = "Prices";
pub const STEP_DETAILS: &str = "Your details";
pub const STEP_SIGN: &str = "Sign";
pub const POWERED_BY: &str = "Business energy prices from licensed suppliers";

// Step 1: prices.
pub const PRICES_HEADING: &str = "Compare business energy prices";
pub const ZIP_LABEL: &str = "Service ZIP code";
pub const ZIP_HINT: &str = "Where the business uses the energy.";
pub const CHECKING_ZIP: &str = "Checking your ZIP code…";
pub const COMMODITY_LEGEND: &str = "Energy type";
pub const ELECTRICITY: &str = "Electricity";
pub const GAS: &str = "Natural gas";
pub const UTILITY_LABEL: &str = "Utility";
pub const UTILITY_PLACEHOLDER: &str = "Choose your utility";
pub const UTILITY_REQUIRED: &str = "Choose the utility on your bill.";
pub const START_MONTH_LABEL: &str = "Start month";
pub const TERM_LABEL: &str = "Contract length";
pub const ANY_TERM: &str = "Any length";
pub const SEE_PRICES: &str = "See prices";
pub const FINDING_PRICES: &str = "Finding prices…";
pub const RETRY: &str = "Try again";
pub const OFFERS_HEADING: &str = "Offers";
pub const NO_OFFERS: &str = "No supplier has a price for these choices today. Try another start month.";
pub const CUSTOM_QUOTE_TITLE: &str = "Custom quote needed";
pub const CUSTOM_QUOTE: &str =
    "Your usage is above what suppliers price online, so each supplier prices it individually.";
pub const CHOOSE: &str = "Choose";
pub const RATE: &str = "Rate";
pub const TERM: &str = "Term";
pub const ESTIMATED_MONTHLY: &str = "Est. monthly supply cost";
pub const RENEWABLE: &str = "Renewable";
pub const EARLY_TERMINATION_FEE: &str = "Early termination fee";
pub const DISCLOSURE: &str = "Terms and disclosure";
pub const RATE_NOTE: &str = "Rates are for energy supply only. Your utility still bills its delivery charges.";

// Step 2: details.
pub const DETAILS_HEADING: &str = "Tell us about the business";
pub const CHOSEN_OFFER: &str = "Your offer";
pub const CHANGE_OFFER: &str = "Change offer";
pub const LEGAL_NAME_LABEL: &str = "Legal business name";
pub const LEGAL_NAME_HINT: &str =
    "Enter it exactly as printed on the utility bill. The utility rejects a switch when the name differs.";
pub const CONTACT_NAME_LABEL: &str = "Contact name";
pub const EMAIL_LABEL: &str = "Email";
pub const PHONE_LABEL: &str = "Phone";
pub const SERVICE_ADDRESS_LEGEND: &str = "Service address";
pub const LINE1_LABEL: &str = "Street address";
pub const LINE2_LABEL: &str = "Suite or unit (optional)";
pub const CITY_LABEL: &str = "City";
pub const STATE_LABEL: &str = "State";
pub const ADDRESS_ZIP_LABEL: &str = "ZIP code";
pub const REVIEW_AND_SIGN: &str = "Review and sign";
pub const CREATING_CONTRACT: &str = "Preparing your contract…";
pub const QUOTE_EXPIRED: &str = "This price has expired. Get today's prices and choose again.";
pub const GET_FRESH_PRICES: &str = "Get fresh prices";
pub const CONTINUE_AT_NEW_PRICE: &str = "Continue at the new price";
pub const CONTINUE_AT_SAME_PRICE: &str = "Continue at this price";

// Step 3: signing and status.
pub const SIGN_HEADING: &str = "Sign your contract";
pub const REVIEW_INTRO_POPUP: &str =
    "Your contract is ready. Read it, then sign it on the secure signing page, which opens in a new window.";
pub const REVIEW_INTRO_REDIRECT: &str =
    "Your contract is ready. Read it, then sign it on the secure signing page. You come back here when you finish.";
pub const READ_CONTRACT: &str = "Read the contract (PDF)";
pub const SIGN_NOW: &str = "Sign now";
pub const GET_NEW_LINK: &str = "Get a new signing link";
pub const TRY_SIGNING_AGAIN: &str = "Try signing again";
pub const CHANGE_DETAILS: &str = "Change your details";
pub const OPENING_SIGNING: &str = "Opening the secure signing page…";
pub const UPDATING_PRICE: &str = "Updating your contract to today's price…";
pub const IN_POPUP: &str = "Sign your contract in the window that opened. This page updates when you finish.";
pub const SHOW_SIGNING_WINDOW: &str = "Show the signing window";
pub const POPUP_CLOSED: &str =
    "The signing window was closed before you finished. Your contract is saved, so you can sign it now.";
pub const SIGN_WITH_LINK: &str = "Open the signing page to review and sign your contract.";
pub const OPEN_SIGNING_PAGE: &str = "Open the signing page";
pub const START_OVER: &str = "Start over";
pub const SIGNED: &str = "Thanks, your contract is signed. We'll send it to the supplier and show each update here.";
pub const DECLINED: &str = "You declined to sign. We recorded your decision, and nothing was sent to the supplier. \
    To choose another offer, start over.";
pub const CANCELLED: &str = "You left the signing page before signing. Your contract is saved, so you can sign it now.";
pub const SIGNING_EXPIRED: &str =
    "The signing link expired before you finished. Each link works once and for 5 minutes, so get a new one to sign.";
pub const SESSION_TIMEOUT: &str =
    "Your signing session timed out after a while without activity. Get a new signing link to continue.";
pub const SIGNING_FAILED: &str =
    "The signing page had a problem and your signature was not recorded. Please try signing again.";
pub const FAX_PENDING: &str = "We are waiting for your faxed signature. This page updates when it arrives.";
pub const FAX_RECEIVED: &str = "Your faxed signature arrived, so your contract is signed. Each update shows here.";
pub const ALREADY_SIGNED: &str =
    "This contract is already signed, so there is nothing more to sign. Each update from the supplier shows below.";
pub const CONTRACT_CANCELLED: &str =
    "This contract was cancelled, so it can no longer be signed. To choose another offer, start over.";
pub const VIEWED_ONLY: &str = "You viewed the contract without signing it. Sign it now when you're ready.";
pub const STATUS_HEADING: &str = "Contract status";
pub const ACCEPTED: &str = "The supplier accepted your contract. Your utility switches the supply at the start month, and your bills show the new rate. There is nothing else to do.";
pub const REJECTED: &str =
    "The supplier could not enroll this account. Check the account number against your utility bill, then start over.";
pub const STATUS_RECONNECTING: &str = "Live updates were interrupted. Reconnecting…";
pub const STATUS_STOPPED: &str = "Live updates stopped.";
pub const REFRESH_STATUS: &str = "Refresh status";
pub const CONTRACT_REFERENCE: &str = "Contract reference";
pub const SUPPLIER: &str = "Supplier";
pub const BUSINESS: &str = "Business";
pub const START: &str = "Start";

// Errors that are not the proxy's own words.
pub const NETWORK_ERROR: &str = "We couldn't reach the pricing service. Check your connection and try again.";
pub const UNEXPECTED_ERROR: &str = "Something went wrong on our side. Please try again in a minute.";
pub const UNAVAILABLE: &str = "Energy prices are unavailable right now.";

pub fn usage_label(commodity: Commodity) -> String {
    format!("Annual usage ({})", unit_plural(commodity))
}

pub fn usage_hint(commodity: Commodity) -> String {
    format!(
        "Total {} over the last 12 bills, for example {}.",
        unit_plural(commodity),
        usage_example(commodity)
    )
}

fn usage_example(commodity: Commodity) -> &'static str {
    match commodity {
        Commodity::Electricity => "120,000",
        Commodity::Gas => "8,000",
    }
}

fn unit_plural(commodity: Commodity) -> &'static str {
    match commodity {
        Commodity::Electricity => "kWh",
        Commodity::Gas => "therms",
    }
}

pub fn commodity_name(commodity: Commodity) -> &'static str {
    match commodity {
        Commodity::Electricity => "electricity",
        Commodity::Gas => "natural gas",
    }
}

pub fn served_by(utility_names: &[String], state: &str) -> String {
    format!("Served by {} ({state}).", utility_names.join(" and "))
}

pub fn no_utility_for(commodity: Commodity, zip: &str) -> String {
    format!(
        "We have no {} offers for ZIP {zip}. Try the other energy type.",
        commodity_name(commodity)
    )
}

pub fn no_choice_market(zip: &str) -> String {
    format!(
        "Businesses at ZIP {zip} can't choose an energy supplier, because the local utility supplies all energy there."
    )
}

pub fn unknown_zip(zip: &str) -> String {
    format!("We have no prices for ZIP {zip}. Check the ZIP code of the service address.")
}

pub fn usage_invalid(input: &str) -> String {
    format!("Enter the annual usage as a whole number, like 120,000; \"{input}\" is not one.")
}

pub const USAGE_MISSING: &str = "Enter the annual usage.";
pub const USAGE_ZERO: &str = "The annual usage must be more than zero.";

// Step 2: the business, its signer, billing and the utility accounts.
pub const BUSINESS_LEGEND: &str = "The business";
pub const DBA_LABEL: &str = "Doing business as (optional)";
pub const DBA_HINT: &str = "The trade name, if it differs from the legal name.";
pub const FEIN_LABEL: &str = "Federal tax ID (FEIN)";
pub const FEIN_HINT: &str = "9 digits, like 36-4123456. A sole proprietor without one can leave it empty.";
pub const BUSINESS_TYPE_LABEL: &str = "Business type";
pub const BUSINESS_TYPE_PLACEHOLDER: &str = "Choose the business type";
pub const TAX_EXEMPT_LABEL: &str = "The business is exempt from sales tax on energy";
pub const TAX_EXEMPT_HINT: &str = "The supplier asks for the exemption certificate after you sign.";
pub const SIGNER_LEGEND: &str = "Who signs the contract";
pub const CONTACT_TITLE_LABEL: &str = "Job title";
pub const AUTHORIZED_SIGNER_LABEL: &str = "I am authorised to sign contracts for this business";
pub const BILLING_LEGEND: &str = "Billing address";
pub const BILLING_SAME_LABEL: &str = "Same as the service address of account 1";
pub const ACCOUNTS_HEADING: &str = "Utility accounts";
pub const ACCOUNTS_HINT: &str = "Add every account at this price. Each account's details are on its own utility bill.";
pub const ADD_ACCOUNT: &str = "Add another account";
pub const REMOVE: &str = "Remove";
pub const LOADING_REQUIREMENTS: &str = "Checking what your utility needs…";
pub const ERROR_SUMMARY_HEADING: &str = "Some details need fixing before you sign:";

pub fn account_legend(number: usize, utility_name: &str) -> String {
    format!("Account {number}: {utility_name}")
}

pub fn account_number_label(number: usize) -> String {
    format!("Account {number}")
}

/// An error summary line: the message, after the section it is in when that is ambiguous.
pub fn summary_item(section: Option<String>, message: &str) -> String {
    match section {
        Some(section) => format!("{section}: {message}"),
        None => message.to_owned(),
    }
}

pub fn remove_account_label(number: usize) -> String {
    format!("Remove account {number}")
}

pub fn identifier_hint(format_hint: &str, utility_name: &str) -> String {
    format!("{format_hint}, as printed on your {utility_name} bill.")
}

/// Invites the customer to ask the broker about a declined contract.
pub fn questions_contact(partner_name: &str) -> String {
    format!("Questions? Contact {partner_name}")
}

/// Builds the message for a chosen price that expired or moved. An empty `old_rate` leaves the
/// chosen rate out.
pub fn price_changed(supplier: &str, rate: &str, old_rate: &str, expired: bool) -> String {
    let reason = if expired {
        "The price you chose has expired."
    } else {
        "The price changed since you chose this offer."
    };
    let was = if old_rate.is_empty() {
        String::new()
    } else {
        format!(" (you chose {old_rate})")
    };
    format!("{reason} Today's price from {supplier} is {rate}{was}.")
}

/// Builds the message for a contract whose price expired before the customer signed it.
/// `old_rate` is the contract's expired rate, once it is known.
pub fn contract_price_expired(supplier: &str, rate: &str, old_rate: Option<&str>) -> String {
    let next = "Continue at the new price to update your contract, then sign it.";
    match old_rate {
        Some(old_rate) if old_rate == rate => format!(
            "The price of your contract expired before you signed it. {supplier} still offers {rate} today for the \
             same offer. Continue to keep it, then sign your contract."
        ),
        Some(old_rate) => format!(
            "The price of your contract, {old_rate}, expired before you signed it. Today's price from {supplier} \
             for the same offer is {rate}. {next}"
        ),
        None => format!(
            "The price of your contract expired before you signed it. Today's price from {supplier} for the same \
             offer is {rate}. {next}"
        ),
    }
}

/// Builds the message for a chosen price that expired but is still offered at the same rate.
pub fn price_expired_same(supplier: &str, rate: &str) -> String {
    format!("The price you chose has expired. {supplier} still offers {rate} today; continue to keep it.")
}

pub fn term_months(months: u32) -> String {
    format!("{months} months")
}

pub fn per_month(amount: &str) -> String {
    format!("{amount} / month")
}

pub fn percent(percent: u8) -> String {
    format!("{percent}%")
}

pub fn offer_summary(supplier: &str, rate: &str) -> String {
    format!("{supplier} at {rate}")
}

pub fn choose_offer_label(supplier: &str, rate: &str, term: &str) -> String {
    format!("Choose {supplier}, {rate}, {term}")
}

pub fn status_now(status: ContractStatus) -> String {
    format!("Status: {}", status.label())
}

// Step 1: usage, the offers' details, sorting, filters, the cost chart and re-pricing.

pub const USAGE_MODE_LEGEND: &str = "Usage";
pub const USAGE_MODE_ANNUAL: &str = "I know my annual usage";
pub const USAGE_MODE_BILL: &str = "Estimate it from my monthly bill";
pub const MONTHLY_BILL_HINT: &str = "The total of a typical bill, with delivery and taxes.";
pub const BILL_MISSING: &str = "Enter a typical monthly bill in dollars.";
pub const BILL_ZERO: &str = "The monthly bill must be more than zero.";
pub const CURRENT_RATE_HINT: &str = "Optional. The supply price per unit on your bill, to see what each offer saves.";

pub fn monthly_bill_label(commodity: Commodity) -> String {
    format!("Typical monthly {} bill ($)", commodity_name(commodity))
}

pub fn bill_invalid(input: &str) -> String {
    format!("Enter the bill in dollars, like 1,250; \"{input}\" is not an amount.")
}

pub fn usage_estimate(usage: &str, commodity: Commodity, rate: &str, state: Option<&str>) -> String {
    let place = match state {
        Some(state) => format!("in {state}"),
        None => "in the US".to_owned(),
    };
    format!(
        "About {usage} {} a year, estimated from the average business price {place} of {rate}, delivery included.",
        unit_plural(commodity)
    )
}

pub fn current_rate_label(commodity: Commodity) -> String {
    format!("Current supply rate ($ / {})", commodity.unit().label())
}

fn rate_example(commodity: Commodity) -> &'static str {
    match commodity {
        Commodity::Electricity => "0.0850",
        Commodity::Gas => "0.6200",
    }
}

pub fn current_rate_invalid(input: &str, commodity: Commodity) -> String {
    format!(
        "Enter the rate in dollars per {}, like {}; \"{input}\" is not a number.",
        commodity.unit().label(),
        rate_example(commodity)
    )
}

pub fn current_rate_in_cents(input: &str, dollars: f64, commodity: Commodity) -> String {
    format!(
        "\"{input}\" looks like cents. Enter the rate in dollars per {}: {dollars:.4}.",
        commodity.unit().label()
    )
}

pub fn current_rate_out_of_range(min: f64, max: f64, commodity: Commodity) -> String {
    format!(
        "Enter a supply rate between ${min:.2} and ${max:.2} per {}.",
        commodity.unit().label()
    )
}

pub const FILTERS_LABEL: &str = "Sort and filter offers";
pub const SORT_LABEL: &str = "Sort by";
pub const SORT_PRICE: &str = "Lowest rate";
pub const SORT_TERM: &str = "Shortest term";
pub const SORT_GREEN: &str = "Most renewable";
pub const GREEN_LABEL: &str = "Renewable share";
pub const ANY_GREEN: &str = "Any share";
pub const ALL_GREEN: &str = "100% renewable";
pub const ANY_SUPPLIER: &str = "All suppliers";
pub const NO_MATCHING_OFFERS: &str = "No offers match these filters.";
pub const SHOW_ALL_OFFERS: &str = "Show all offers";

pub fn green_at_least(percent: u8) -> String {
    format!("{percent}% or more")
}

pub fn showing_offers(shown: usize, total: usize) -> String {
    format!("Showing {shown} of {total} offers")
}

pub fn costs_based_on(usage: &str, commodity: Commodity, estimated_from_bill: bool) -> String {
    let units = unit_plural(commodity);
    if estimated_from_bill {
        format!("Costs are estimated for about {usage} {units} a year, which we estimated from your monthly bill.")
    } else {
        format!("Costs are estimated for {usage} {units} a year.")
    }
}

pub fn contact_partner(partner: &str) -> String {
    format!("Contact {} for a custom quote", partner_or_us(partner))
}

pub fn custom_quote_contact(partner: &str) -> String {
    format!("Contact {} and ask for a custom quote from several suppliers.", partner_or_us(partner))
}

fn partner_or_us(partner: &str) -> &str {
    if partner.is_empty() { "us" } else { partner }
}

pub const ESTIMATED_TOTAL: &str = "Est. supply cost for the term";
pub const SWING: &str = "Usage swing allowed";
pub const NO_FEE: &str = "None";
pub const PRICE_EXPIRED: &str = "Price expired";
pub const PRICE_GOOD_FOR_UNDER_A_MINUTE: &str = "Price good for less than a minute";
pub const SAME_AS_CURRENT: &str = "Costs the same as your current rate";

pub fn swing(percent: u8) -> String {
    format!("±{percent}%")
}

pub fn disclosure_label(supplier: &str) -> String {
    format!("Terms and disclosure for {supplier} (opens in a new tab)")
}

pub fn price_good_until(time: &str) -> String {
    format!("Price good until {time}")
}

/// "Price good for 1 d 2 h", "Price good for 3 h 12 min", "Price good for 7 min".
pub fn price_good_for(days: u64, hours: u64, minutes: u64) -> String {
    let left = if days > 0 {
        format!("{days} d {hours} h")
    } else if hours > 0 {
        format!("{hours} h {minutes} min")
    } else {
        format!("{minutes} min")
    };
    format!("Price good for {left}")
}

pub fn saves(per_month: &str, over_term: &str, term: &str) -> String {
    format!("Saves {per_month} a month, {over_term} over {term}, against your current rate")
}

pub fn costs_more(per_month: &str, over_term: &str, term: &str) -> String {
    format!("Costs {per_month} more a month, {over_term} more over {term}, than your current rate")
}

pub const REPRICING: &str = "This price expired. Getting today's price…";
pub const OFFER_WITHDRAWN: &str =
    "This price expired and the supplier no longer offers this product. Search again for today's offers.";
pub const SEARCH_AGAIN: &str = "Search again";

pub fn repriced(rate: &str, previous: &str) -> String {
    if rate == previous {
        format!("This price expired, and today's price is the same: {rate}. Choose again to continue.")
    } else {
        format!("This price expired. Today's price is {rate}, was {previous}. Choose again to continue at {rate}.")
    }
}

pub const CHART_TITLE: &str = "Estimated monthly supply cost by contract length";
pub const CHART_X_AXIS: &str = "Contract length (months)";
pub const CHART_Y_AXIS: &str = "Est. monthly cost";

pub fn chart_point(supplier: &str, term_months: u32, cost: &str) -> String {
    format!("{supplier}, {term_months} months: {cost} / month")
}

pub fn chart_lowest(supplier: &str, term_months: u32, cost: &str) -> String {
    format!("{supplier} is lowest at {term_months} months, {cost} a month")
}

pub fn chart_description(suppliers: usize, lowest: &[String]) -> String {
    format!(
        "One line for each of {suppliers} suppliers, with a dot per contract length. {}.",
        lowest.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_contract_price_names_both_rates() {
        let message = contract_price_expired("Constellation", "$0.07366 / kWh", Some("$0.06907 / kWh"));

        assert!(message.starts_with("The price of your contract, $0.06907 / kWh, expired"), "{message}");
        assert!(message.contains("Today's price from Constellation for the same offer is $0.07366 / kWh."));
    }

    #[test]
    fn expired_contract_price_unchanged_is_still_offered() {
        let message = contract_price_expired("Constellation", "$0.06907 / kWh", Some("$0.06907 / kWh"));

        assert!(message.contains("Constellation still offers $0.06907 / kWh today"), "{message}");
        assert!(!message.contains("Today's price"), "{message}");
    }

    #[test]
    fn expired_contract_price_before_contract_loads() {
        let message = contract_price_expired("Constellation", "$0.07366 / kWh", None);

        assert!(message.starts_with("The price of your contract expired before you signed it."), "{message}");
        assert!(message.contains("is $0.07366 / kWh."));
    }
}
