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
pub const NO_OFFERS: &str =
    "No supplier has a price for these choices today. Try another start month or contract length.";
pub const CUSTOM_QUOTE: &str =
    "Your usage is above what suppliers price online. Contact us for a custom quote from several suppliers.";
pub const CHOOSE: &str = "Choose";
pub const RATE: &str = "Rate";
pub const TERM: &str = "Term";
pub const ESTIMATED_MONTHLY: &str = "Est. monthly supply cost";
pub const PRICE_GOOD_UNTIL: &str = "Price good until";
pub const RENEWABLE: &str = "Renewable";
pub const EARLY_TERMINATION_FEE: &str = "Early termination fee";
pub const DISCLOSURE: &str = "Terms and disclosure";
pub const RATE_NOTE: &str = "Rates are for energy supply only. Your utility still bills its delivery charges.";

// Step 2: details.
pub const DETAILS_HEADING: &str = "Tell us about the business";
pub const CHOSEN_OFFER: &str = "Your offer";
pub const CHANGE_OFFER: &str = "Change offer";
pub const LEGAL_NAME_LABEL: &str = "Legal business name";
pub const LEGAL_NAME_HINT: &str = "Exactly as printed on the utility bill.";
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
pub const FIX_ERRORS: &str = "Check the highlighted fields.";
pub const QUOTE_EXPIRED: &str = "This price has expired. Get today's prices and choose again.";
pub const GET_FRESH_PRICES: &str = "Get fresh prices";
pub const CONTINUE_AT_NEW_PRICE: &str = "Continue at the new price";

// Step 3: signing and status.
pub const SIGN_HEADING: &str = "Sign your contract";
pub const OPENING_SIGNING: &str = "Opening the secure signing page…";
pub const POPUP_OPEN: &str = "Open the signing page in a new window. This page updates when you have signed.";
pub const SIGN_WITH_LINK: &str = "Open the signing page to review and sign your contract.";
pub const OPEN_SIGNING_PAGE: &str = "Open the signing page";
pub const SIGN_AGAIN: &str = "Sign again";
pub const START_OVER: &str = "Start over";
pub const SIGNED: &str = "Thanks, your contract is signed. We'll send it to the supplier and show each update here.";
pub const DECLINED: &str = "You declined to sign, so nothing was sent to the supplier.";
pub const CANCELLED: &str = "You left the signing page before signing. Your contract is saved, so you can sign it now.";
pub const SIGNING_EXPIRED: &str = "The signing session expired before you finished. Open a new one to sign.";
pub const SIGNING_FAILED: &str =
    "The signing page had a problem and your signature was not recorded. Please sign again.";
pub const FAX_PENDING: &str = "We are waiting for your faxed signature. This page updates when it arrives.";
pub const VIEWED_ONLY: &str = "You viewed the contract without signing it.";
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
    format!("We don't serve ZIP {zip} yet. We cover parts of Illinois, Pennsylvania and Texas.")
}

pub fn usage_invalid(input: &str) -> String {
    format!("Enter the annual usage as a whole number, like 120,000; \"{input}\" is not one.")
}

pub const USAGE_MISSING: &str = "Enter the annual usage.";
pub const USAGE_ZERO: &str = "The annual usage must be more than zero.";

pub fn account_label(identifier_label: &str) -> String {
    format!("{identifier_label} for the service address")
}

pub fn price_changed(supplier: &str, rate: &str) -> String {
    format!("The price changed since you chose this offer. Today's price from {supplier} is {rate}.")
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
