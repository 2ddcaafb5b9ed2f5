//! The signing ceremony: a single-use page in place of a DocuSign recipient view.
//!
//! Like a recipient view URL, a signing URL must be opened within [`SIGNING_URL_LIFETIME`] of
//! being minted, and opening it starts a signing session that lasts [`SIGNING_SESSION_LIFETIME`].
//! The customer's choice sends the browser back to the partner's return URL with an `event`
//! added to its query, named as DocuSign names its return events:
//!
//! - `signing_complete`, `decline` and `cancel` from the page's main buttons;
//! - `fax_pending`, `viewing_complete`, `session_timeout` and `exception` from the page's
//!   "end the session another way" buttons, so a partner can try every way back before going
//!   live. A faxed signature "arrives" one webhook delay later;
//! - `ttl_expired` for a used link or one opened too late, and `session_timeout` for an action
//!   after the session ended.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use shopper_types::ContractStatus;

use crate::AppState;
use crate::contract_pdf::month_label;
use crate::contracts::{Contract, TransitionError};
use crate::html::{escape, page};
use crate::webhooks;

/// How long a signing URL can be opened after it is minted.
pub const SIGNING_URL_LIFETIME: Duration = Duration::minutes(5);

/// How long a signing session lasts once its URL is opened. An action after that ends the
/// session with `session_timeout`.
pub const SIGNING_SESSION_LIFETIME: Duration = Duration::minutes(20);

/// How long used and expired tokens are kept, so their pages can still explain the outcome.
const SPENT_TOKEN_RETENTION: Duration = Duration::hours(1);

#[derive(Clone, Debug)]
pub struct SigningToken {
    pub contract_id: String,
    pub return_url: reqwest::Url,
    pub expires_at: DateTime<Utc>,
    /// When the signing page was first shown, which started the signing session.
    pub opened_at: Option<DateTime<Utc>>,
    pub used: bool,
}

impl SigningToken {
    /// Returns why the token cannot be used at `now`, if it cannot.
    fn check(&self, now: DateTime<Utc>) -> Result<(), TokenError> {
        if self.used {
            return Err(TokenError::Spent(self.return_url.clone()));
        }
        match self.opened_at {
            Some(opened_at) if now >= opened_at + SIGNING_SESSION_LIFETIME => {
                Err(TokenError::TimedOut(self.return_url.clone()))
            }
            Some(_) => Ok(()),
            None if now >= self.expires_at => Err(TokenError::Spent(self.return_url.clone())),
            None => Ok(()),
        }
    }
}

/// The reason a token cannot be used.
#[derive(Debug, PartialEq)]
pub enum TokenError {
    Unknown,
    /// Used, or not opened in time. The customer is sent back to this return URL.
    Spent(reqwest::Url),
    /// The signing session it started has ended. The customer is sent back to this return URL.
    TimedOut(reqwest::Url),
}

impl TokenError {
    /// The return event for a spent or timed-out token, with its return URL.
    fn return_event(&self) -> Option<(&reqwest::Url, &'static str)> {
        match self {
            TokenError::Unknown => None,
            TokenError::Spent(return_url) => Some((return_url, "ttl_expired")),
            TokenError::TimedOut(return_url) => Some((return_url, "session_timeout")),
        }
    }
}

#[derive(Default)]
pub struct SigningTokens {
    tokens: Mutex<HashMap<String, SigningToken>>,
}

impl SigningTokens {
    /// Mints a random token for a contract and returns it with its expiry.
    pub fn mint(&self, contract_id: &str, return_url: reqwest::Url, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let expires_at = now + SIGNING_URL_LIFETIME;

        let mut tokens = self.tokens.lock().expect("signing token lock poisoned");
        tokens.retain(|_, known| known.expires_at + SPENT_TOKEN_RETENTION > now);
        let signing_token = SigningToken {
            contract_id: contract_id.to_owned(),
            return_url,
            expires_at,
            opened_at: None,
            used: false,
        };
        tokens.insert(token.clone(), signing_token);
        (token, expires_at)
    }

    /// Returns the token if it can still be used, and starts its signing session on the first
    /// call. Showing the page again, as on a reload, keeps the session.
    pub fn open(&self, token: &str, now: DateTime<Utc>) -> Result<SigningToken, TokenError> {
        let mut tokens = self.tokens.lock().expect("signing token lock poisoned");
        let known = tokens.get_mut(token).ok_or(TokenError::Unknown)?;
        known.check(now)?;
        known.opened_at.get_or_insert(now);
        Ok(known.clone())
    }

    /// Uses up every token of the contract, so no signing page opened before can be signed.
    pub fn revoke_contract(&self, contract_id: &str) {
        let mut tokens = self.tokens.lock().expect("signing token lock poisoned");
        tokens.values_mut().filter(|known| known.contract_id == contract_id).for_each(|known| known.used = true);
    }

    /// Returns the token if it can still be used, without opening it.
    pub fn peek(&self, token: &str, now: DateTime<Utc>) -> Result<SigningToken, TokenError> {
        let tokens = self.tokens.lock().expect("signing token lock poisoned");
        let known = tokens.get(token).ok_or(TokenError::Unknown)?;
        known.check(now)?;
        Ok(known.clone())
    }

    /// Marks the token used and returns it, so a second call fails. A token whose session has
    /// ended is used up too.
    pub fn consume(&self, token: &str, now: DateTime<Utc>) -> Result<SigningToken, TokenError> {
        let mut tokens = self.tokens.lock().expect("signing token lock poisoned");
        let known = tokens.get_mut(token).ok_or(TokenError::Unknown)?;
        let checked = known.check(now);
        known.used = true;
        checked.map(|()| known.clone())
    }
}

/// The return URL with `event=<event>` added to its query; other parameters stay as they were.
pub fn return_url_with_event(return_url: &reqwest::Url, event: &str) -> String {
    let mut url = return_url.clone();
    let other_params: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| key != "event")
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(other_params)
        .append_pair("event", event);
    url.to_string()
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_owned())]).into_response()
}

fn unknown_token_page() -> Response {
    let body = "<h1>Signing link not found</h1><p>This signing link is not valid. Go back to the site you came from and start signing again.</p>";
    (StatusCode::NOT_FOUND, Html(page("Signing link not found", "", body))).into_response()
}

/// Builds the page for a link that can no longer be used, which sends the browser back with
/// the matching return event after a few seconds.
///
/// The way back replaces this page in the browser's history. Otherwise Back from the partner's
/// page would land here again and be sent forward once more, so the customer could never leave.
/// The meta refresh is for browsers without JavaScript.
fn ended_page(return_url: &reqwest::Url, event: &str) -> Response {
    let back_url = return_url_with_event(return_url, event);
    let back = escape(&back_url);
    let back_json = serde_json::to_string(&back_url).expect("a string serializes to JSON");
    let head = format!(
        "<meta http-equiv=\"refresh\" content=\"5;url={back}\">\n\
         <script>setTimeout(function () {{ window.location.replace({back_json}); }}, 3000);</script>"
    );
    let (title, explanation) = if event == "session_timeout" {
        ("Your signing session has ended", "A signing session lasts 20 minutes.")
    } else {
        (
            "This signing link has expired",
            "Signing links work once and for 5 minutes.",
        )
    };
    let body = format!(
        "<h1>{title}</h1><p>{explanation} Taking you back to the site you came from…</p>\
         <p><a href=\"{back}\">Go back now</a></p>"
    );
    (StatusCode::GONE, Html(page(title, &head, &body))).into_response()
}

#[tracing::instrument(skip_all)]
pub async fn signing_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let sandbox = &state.sandbox;
    let signing_token = match sandbox.signing_tokens.open(&token, Utc::now()) {
        Ok(signing_token) => signing_token,
        Err(error) => {
            return match error.return_event() {
                Some((return_url, event)) => ended_page(return_url, event),
                None => unknown_token_page(),
            };
        }
    };
    let Some(contract) = sandbox.contracts.get(&signing_token.contract_id) else {
        return unknown_token_page();
    };
    Html(page(
        "Review and sign your contract",
        "",
        &contract_summary(&contract, &token),
    ))
    .into_response()
}

fn contract_summary(contract: &Contract, token: &str) -> String {
    let price = &contract.price;
    let unit = price.commodity.unit().label();
    let accounts: String = contract
        .accounts
        .iter()
        .map(|account| {
            format!(
                "<tr><th>{} account</th><td>{} &middot; {}</td></tr>",
                escape(
                    crate::market::utility(&account.utility_code)
                        .map_or(account.utility_code.as_str(), |utility| utility.name)
                ),
                escape(&mask(&account.account_number)),
                escape(&account.service_address)
            )
        })
        .collect();
    format!(
        "<h1>Review and sign your contract</h1>\
         <p>{legal_name} agrees to buy {commodity} from {supplier} at the fixed price below.</p>\
         <table>\
         <tr><th>Supplier</th><td>{supplier}</td></tr>\
         <tr><th>Product</th><td>{product}</td></tr>\
         <tr><th>Rate</th><td>${rate:.5} / {unit}</td></tr>\
         <tr><th>Term</th><td>{term} months from {start}</td></tr>\
         <tr><th>Contact</th><td>{contact} &middot; {email}</td></tr>\
         {accounts}\
         <tr><th>Contract</th><td>{id} &middot; broker reference {reference}</td></tr>\
         </table>\
         <p><a href=\"/signing/{token}/document\" target=\"_blank\" rel=\"noopener\">Read the contract (PDF)</a></p>\
         <form method=\"post\" action=\"/signing/{token}\" class=\"actions\">\
         <button type=\"submit\" name=\"action\" value=\"sign\" class=\"sign\">Sign</button>\
         <button type=\"submit\" name=\"action\" value=\"decline\">Decline</button>\
         <button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\
         </form>\
         <details class=\"other-endings\"><summary>End the session another way</summary>\
         <p>A DocuSign signing session can also end in these ways. Try each one to see how your page \
         handles it.</p>\
         <form method=\"post\" action=\"/signing/{token}\" class=\"actions\">\
         <button type=\"submit\" name=\"action\" value=\"fax\">Sign by fax instead</button>\
         <button type=\"submit\" name=\"action\" value=\"finish_viewing\">Finish without signing</button>\
         <button type=\"submit\" name=\"action\" value=\"time_out\">Let the session time out</button>\
         <button type=\"submit\" name=\"action\" value=\"fail\">Fail with an error</button>\
         </form></details>",
        legal_name = escape(&contract.customer.legal_name),
        commodity = price.commodity.as_str(),
        supplier = escape(&price.supplier),
        product = escape(&price.product_name),
        rate = price.rate,
        term = price.term_months,
        start = escape(&month_label(&price.start_month)),
        contact = escape(&contract.customer.contact_name),
        email = escape(&contract.customer.email),
        id = escape(&contract.id),
        reference = escape(&contract.external_reference),
        token = escape(token),
    )
}

/// Shows only the last four characters of an account number.
fn mask(account_number: &str) -> String {
    let visible = account_number.len().saturating_sub(4);
    format!("{}{}", "•".repeat(visible.min(6)), &account_number[visible..])
}

/// The values of the signing page's `action` form field.
const ACTIONS: &str = "sign, decline, cancel, fax, finish_viewing, time_out or fail";

#[derive(Debug, Clone, Copy, PartialEq)]
enum SigningAction {
    Sign,
    Decline,
    Cancel,
    /// The customer prints the contract and faxes it back signed.
    Fax,
    /// The customer closes the document after reading it, without signing.
    FinishViewing,
    /// The session ends without activity, as if the customer walked away.
    TimeOut,
    /// The signing service fails.
    Fail,
}

impl SigningAction {
    fn parse(value: &str) -> Option<SigningAction> {
        match value {
            "sign" => Some(SigningAction::Sign),
            "decline" => Some(SigningAction::Decline),
            "cancel" => Some(SigningAction::Cancel),
            "fax" => Some(SigningAction::Fax),
            "finish_viewing" => Some(SigningAction::FinishViewing),
            "time_out" => Some(SigningAction::TimeOut),
            "fail" => Some(SigningAction::Fail),
            _ => None,
        }
    }

    /// The return event, as DocuSign names it.
    fn event(self) -> &'static str {
        match self {
            SigningAction::Sign => "signing_complete",
            SigningAction::Decline => "decline",
            SigningAction::Cancel => "cancel",
            SigningAction::Fax => "fax_pending",
            SigningAction::FinishViewing => "viewing_complete",
            SigningAction::TimeOut => "session_timeout",
            SigningAction::Fail => "exception",
        }
    }
}

#[tracing::instrument(skip_all)]
pub async fn signing_action(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let sandbox = &state.sandbox;
    let action_text = form.get("action").map(String::as_str).unwrap_or("");
    let Some(action) = SigningAction::parse(action_text) else {
        let body = format!(
            "<h1>Unknown action</h1><p>The form field action must be {ACTIONS}, not \"{}\".</p>",
            escape(action_text)
        );
        return (StatusCode::BAD_REQUEST, Html(page("Unknown action", "", &body))).into_response();
    };

    let signing_token = match sandbox.signing_tokens.consume(&token, Utc::now()) {
        Ok(signing_token) => signing_token,
        Err(error) => {
            return match error.return_event() {
                Some((return_url, event)) => see_other(&return_url_with_event(return_url, event)),
                None => unknown_token_page(),
            };
        }
    };
    let contract_id = signing_token.contract_id.as_str();
    let awaiting = [ContractStatus::AwaitingSignature];
    let after_signing = [ContractStatus::SubmittedToSupplier, ContractStatus::Accepted];

    let outcome = match action {
        SigningAction::Sign => sandbox
            .contracts
            .transition(contract_id, &awaiting, ContractStatus::Signed)
            .map(|(contract, change)| {
                webhooks::schedule(sandbox.clone(), contract, change, &after_signing);
            }),
        SigningAction::Decline => sandbox
            .contracts
            .transition(contract_id, &awaiting, ContractStatus::Declined)
            .map(|(contract, change)| {
                webhooks::schedule(sandbox.clone(), contract, change, &[]);
            }),
        // The contract waits for the fax, which the sandbox treats as arriving one webhook delay
        // later, signed.
        SigningAction::Fax => sandbox.contracts.check_status(contract_id, &awaiting).map(|()| {
            let then = [
                ContractStatus::Signed,
                ContractStatus::SubmittedToSupplier,
                ContractStatus::Accepted,
            ];
            webhooks::advance(
                sandbox.clone(),
                contract_id.to_owned(),
                ContractStatus::AwaitingSignature,
                &then,
            );
        }),
        // Without a signature the contract keeps waiting for one.
        SigningAction::Cancel | SigningAction::FinishViewing | SigningAction::TimeOut | SigningAction::Fail => {
            sandbox.contracts.check_status(contract_id, &awaiting)
        }
    };

    let event = match outcome {
        Ok(()) => action.event(),
        Err(TransitionError::WrongStatus(status)) => {
            tracing::warn!(
                contract_id,
                status = status.as_str(),
                "signing action on a contract that is no longer awaiting signature"
            );
            "ttl_expired"
        }
        Err(TransitionError::NotFound) => return unknown_token_page(),
    };
    tracing::info!(contract_id, event, "signing finished");
    see_other(&return_url_with_event(&signing_token.return_url, event))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> reqwest::Url {
        reqwest::Url::parse(text).unwrap()
    }

    #[test]
    fn return_url_keeps_its_query() {
        let back = return_url_with_event(
            &url("http://127.0.0.1:8080/demo?cs_contract=c1&x=a%20b"),
            "signing_complete",
        );
        assert_eq!(
            back,
            "http://127.0.0.1:8080/demo?cs_contract=c1&x=a+b&event=signing_complete"
        );
    }

    #[test]
    fn return_url_replaces_an_old_event() {
        let back = return_url_with_event(&url("http://localhost/p?event=cancel&cs_contract=c1"), "decline");
        assert_eq!(back, "http://localhost/p?cs_contract=c1&event=decline");
    }

    #[test]
    fn token_is_single_use() {
        let tokens = SigningTokens::default();
        let now = Utc::now();
        let (token, _) = tokens.mint("ctr_1", url("http://localhost/"), now);
        assert!(tokens.open(&token, now).is_ok());
        assert!(tokens.consume(&token, now).is_ok());
        assert_eq!(
            tokens.consume(&token, now).unwrap_err(),
            TokenError::Spent(url("http://localhost/"))
        );
    }

    #[test]
    fn unopened_token_expires_after_five_minutes() {
        let tokens = SigningTokens::default();
        let now = Utc::now();
        let (token, expires_at) = tokens.mint("ctr_1", url("http://localhost/"), now);
        assert_eq!(expires_at - now, Duration::minutes(5));
        assert!(tokens.peek(&token, now + Duration::seconds(299)).is_ok());
        assert!(matches!(
            tokens.open(&token, now + Duration::seconds(300)),
            Err(TokenError::Spent(_))
        ));
        assert!(matches!(
            tokens.consume(&token, now + Duration::seconds(300)),
            Err(TokenError::Spent(_))
        ));
    }

    #[test]
    fn opened_token_lasts_for_the_session() {
        let tokens = SigningTokens::default();
        let now = Utc::now();
        let (token, _) = tokens.mint("ctr_1", url("http://localhost/"), now);
        assert!(tokens.open(&token, now + Duration::seconds(299)).is_ok());
        // A reload later in the session keeps the session's start.
        assert!(tokens.open(&token, now + Duration::minutes(10)).is_ok());
        assert!(tokens.consume(&token, now + Duration::minutes(15)).is_ok());
    }

    #[test]
    fn session_times_out_after_twenty_minutes() {
        let tokens = SigningTokens::default();
        let now = Utc::now();
        let (token, _) = tokens.mint("ctr_1", url("http://localhost/"), now);
        tokens.open(&token, now).unwrap();
        let ended = now + SIGNING_SESSION_LIFETIME;
        assert_eq!(
            tokens.open(&token, ended).unwrap_err(),
            TokenError::TimedOut(url("http://localhost/"))
        );
        assert_eq!(
            tokens.consume(&token, ended).unwrap_err(),
            TokenError::TimedOut(url("http://localhost/"))
        );
        assert!(
            matches!(tokens.consume(&token, now).unwrap_err(), TokenError::Spent(_)),
            "a timed-out token is used up"
        );
    }

    #[test]
    fn unknown_token_is_reported() {
        assert_eq!(
            SigningTokens::default().open("nope", Utc::now()).unwrap_err(),
            TokenError::Unknown
        );
    }

    #[test]
    fn every_action_parses_and_has_an_event() {
        let actions: Vec<&str> = ACTIONS.split(", ").flat_map(|part| part.split(" or ")).collect();
        assert_eq!(actions.len(), 7);
        let mut events: Vec<&str> = actions
            .iter()
            .map(|action| SigningAction::parse(action).unwrap().event())
            .collect();
        events.sort_unstable();
        events.dedup();
        assert_eq!(events.len(), 7, "each action ends the session differently");
        assert!(
            events
                .iter()
                .all(|event| shopper_types::api::SIGNING_EVENTS.contains(event))
        );
    }

    #[test]
    fn account_number_is_masked() {
        assert_eq!(mask("0123456789"), "••••••6789");
        assert_eq!(mask("123"), "123");
    }
}
