//! `GET /signing/return?contract=…&page=…&mode=…&event=…`: where the signing ceremony sends the
//! customer back.
//!
//! The proxy passes this URL to the platform as the return URL, and the platform (the sandbox's
//! signing page, or DocuSign's recipient view) adds `event=…`. The page then hands the outcome
//! to the widget on the partner's page, `page`, whose origin must be one of the partner's
//! allowed origins:
//! - in redirect mode it redirects to `page` with `cs_contract` and `event` in the query;
//! - in popup mode it posts `{ type: "commercial-shopper:signing", contractId, event }` to
//!   `window.opener` with `page`'s origin as the target origin, then closes itself.
//!
//! Only the partner's own origins may frame the page (`frame-ancestors`). The event in the URL
//! is not trusted for status: on `decline` the page queries the platform for the contract's status
//! and records a decline only when the platform reports one. The status webhooks stay the source
//! of truth.

use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, LOCATION, REFERRER_POLICY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use reqwest::Url;
use serde::Deserialize;
use serde_json::json;
use shopper_types::ContractStatus;
use shopper_types::api::{SIGNING_EVENTS, SIGNING_MESSAGE_TYPE, SigningMode};

use crate::config::Partner;
use crate::state::{AppState, ConnectedPartner};
use crate::store::{ContractRecord, ContractState, now_rfc3339};

/// The event passed on for any value the ceremony should not have sent.
const FALLBACK_EVENT: &str = "exception";
/// The query parameters the widget reads on its page after a redirect.
const CONTRACT_PARAMETER: &str = "cs_contract";
const EVENT_PARAMETER: &str = "event";

#[derive(Deserialize)]
pub struct ReturnQuery {
    contract: Option<String>,
    page: Option<String>,
    mode: Option<String>,
    event: Option<String>,
}

/// Builds the return URL the platform sends the customer back to: this page, carrying the
/// contract, the partner page to hand the outcome to, and the signing mode.
pub fn proxy_return_url(base_url: &str, contract_id: &str, page_url: &Url, mode: SigningMode) -> String {
    let mut url = Url::parse(&format!("{base_url}/signing/return")).expect("the proxy's base URL is a valid URL");
    url.query_pairs_mut()
        .append_pair("contract", contract_id)
        .append_pair("page", page_url.as_str())
        .append_pair("mode", mode_parameter(mode));
    url.to_string()
}

/// Checks that a partner page URL is an absolute http(s) URL on one of the partner's allowed
/// origins. Anything else would make the proxy an open redirect, or would post the outcome to a
/// foreign window.
pub fn parse_page_url(partner: &Partner, page_url: &str) -> Result<Url, String> {
    let url = Url::parse(page_url).map_err(|_| format!("\"{page_url}\" is not an absolute URL."))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err("The page URL must start with http:// or https://.".into());
    }
    let origin = url.origin().ascii_serialization();
    if !partner.allows_origin(&origin) {
        return Err(format!("The page URL's origin {origin} is not one of the partner's allowed origins."));
    }
    Ok(url)
}

#[tracing::instrument(skip_all, fields(contract_id = query.contract.as_deref().unwrap_or_default()))]
pub async fn return_page(State(state): State<AppState>, Query(query): Query<ReturnQuery>) -> Response {
    let Some(contract_id) = query.contract.as_deref().filter(|id| !id.is_empty()) else {
        return error_page(StatusCode::BAD_REQUEST, "This return link has no contract. Go back to the site you came from.");
    };
    let record = match state.store.contract_of_any_partner(contract_id).await {
        Ok(Some(record)) if record.state() == ContractState::Created => record,
        Ok(_) => return error_page(StatusCode::NOT_FOUND, "This contract is not known. Go back to the site you came from."),
        Err(error) => {
            tracing::error!(error = %error, contract_id, "failed to load the contract of a signing return");
            return error_page(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side; go back to the site you came from.");
        }
    };
    let Some(connected) = state.partners.by_slug(&record.partner_id).cloned() else {
        tracing::error!(contract_id, partner = %record.partner_id, "a contract of a partner this proxy no longer serves");
        return error_page(StatusCode::NOT_FOUND, "This contract is not known. Go back to the site you came from.");
    };
    let partner = &connected.partner;
    let page_url = match parse_page_url(partner, query.page.as_deref().unwrap_or_default()) {
        Ok(url) => url,
        Err(reason) => {
            tracing::warn!(contract_id, partner = %partner.slug, reason, "rejected a signing return to a page that is not allowed");
            return error_page(StatusCode::BAD_REQUEST, &format!("This return link is not valid: {reason}"));
        }
    };

    let event = return_event(query.event.as_deref());
    tracing::info!(contract_id, partner = %partner.slug, event, "customer returned from signing");
    if event == "decline" {
        record_decline(&state, &connected, &record).await;
    }

    let redirect_url = page_url_with_outcome(&page_url, contract_id, event);
    let mode = match query.mode.as_deref() {
        Some("popup") => SigningMode::Popup,
        Some("redirect") => SigningMode::Redirect,
        _ => partner.signing_mode,
    };
    match mode {
        SigningMode::Redirect => {
            let redirect = (StatusCode::SEE_OTHER, [(LOCATION, redirect_url)]).into_response();
            with_page_headers(redirect, partner, None)
        }
        SigningMode::Popup => popup_page(partner, &page_url, contract_id, event, &redirect_url),
    }
}

/// Returns the event if it is one the signing ceremony can send, and `exception` otherwise.
fn return_event(event: Option<&str>) -> &'static str {
    let event = event.unwrap_or_default();
    SIGNING_EVENTS.into_iter().find(|known| *known == event).unwrap_or(FALLBACK_EVENT)
}

fn mode_parameter(mode: SigningMode) -> &'static str {
    match mode {
        SigningMode::Redirect => "redirect",
        SigningMode::Popup => "popup",
    }
}

/// Builds the partner page URL with `cs_contract` and `event` set, keeping its other query
/// parameters.
fn page_url_with_outcome(page_url: &Url, contract_id: &str, event: &str) -> String {
    let mut url = page_url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| key != CONTRACT_PARAMETER && key != EVENT_PARAMETER)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair(CONTRACT_PARAMETER, contract_id)
        .append_pair(EVENT_PARAMETER, event);
    url.to_string()
}

/// Records a decline that the platform already reports, when its webhook has not arrived yet.
/// Failures are logged only: the webhook will still bring the status.
async fn record_decline(state: &AppState, connected: &ConnectedPartner, record: &ContractRecord) {
    let contract_id = record.id.as_str();
    let Some(upstream_contract_id) = record.upstream_contract_id.as_deref() else {
        return;
    };
    match record.status() {
        Ok(status) if status.is_final() => return,
        Ok(_) => {}
        Err(error) => {
            tracing::error!(error = %error, contract_id, "failed to read a contract's status");
            return;
        }
    }

    let platform_contract = match connected.upstream.contract(upstream_contract_id).await {
        Ok(Some(platform_contract)) => platform_contract,
        Ok(None) => {
            tracing::warn!(contract_id, upstream_contract_id, "the platform does not know a contract the customer declined");
            return;
        }
        Err(error) => {
            tracing::warn!(error = %error, contract_id, "failed to ask the platform about a decline; the webhook will bring it");
            return;
        }
    };
    if platform_contract.status() != Some(ContractStatus::Declined) {
        tracing::info!(contract_id, status = %platform_contract.status, "the platform reports no decline, so none is recorded");
        return;
    }

    let at = platform_contract.changed_to_at(ContractStatus::Declined).map(str::to_owned).unwrap_or_else(now_rfc3339);
    match state.store.advance_status(&connected.partner.slug, contract_id, ContractStatus::Declined, &at).await {
        Ok(Some(change)) => {
            tracing::info!(contract_id, "recorded a decline before its webhook");
            state.status_hub.publish(change);
        }
        Ok(None) => {}
        Err(error) => tracing::error!(error = format!("{error:#}"), contract_id, "failed to record a decline"),
    }
}

/// Builds the page that passes the outcome to the widget's window and closes the popup. Without
/// an opener (the browser opened a tab and cut the link), it goes to the partner page instead.
fn popup_page(partner: &Partner, page_url: &Url, contract_id: &str, event: &str, redirect_url: &str) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let outcome = json!({
        "message": { "type": SIGNING_MESSAGE_TYPE, "contractId": contract_id, "event": event },
        "targetOrigin": page_url.origin().ascii_serialization(),
        "fallbackUrl": redirect_url,
    });
    let body = format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Signing finished</title>
</head>
<body>
  <p>Signing finished. You can close this window and return to {name}.</p>
  <p><a href="{redirect_url}">Return to {name}</a></p>
  <script nonce="{nonce}">
    (function () {{
      var outcome = {outcome};
      if (window.opener && !window.opener.closed) {{
        window.opener.postMessage(outcome.message, outcome.targetOrigin);
        window.close();
      }} else {{
        window.location.replace(outcome.fallbackUrl);
      }}
    }})();
  </script>
</body>
</html>
"#,
        name = escape_html(&partner.name),
        redirect_url = escape_html(redirect_url),
        outcome = script_json(&outcome),
    );
    with_page_headers(Html(body).into_response(), partner, Some(&nonce))
}

/// Sets the headers of every return page response. Only the partner's own origins may frame it,
/// and only the page's own script (by nonce) may run. Because its URL names the contract, it is
/// neither cached nor sent as a referrer.
fn with_page_headers(mut response: Response, partner: &Partner, nonce: Option<&str>) -> Response {
    let frame_ancestors: Vec<String> = partner.allowed_origins.iter().map(|origin| origin.csp_source()).collect();
    let frame_ancestors = if frame_ancestors.is_empty() { "'none'".to_owned() } else { frame_ancestors.join(" ") };
    let script_src = nonce.map_or_else(|| "'none'".to_owned(), |nonce| format!("'nonce-{nonce}'"));
    let policy = format!(
        "default-src 'none'; script-src {script_src}; base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors}"
    );

    let headers = response.headers_mut();
    match HeaderValue::from_str(&policy) {
        Ok(policy) => {
            headers.insert(CONTENT_SECURITY_POLICY, policy);
        }
        Err(error) => tracing::error!(error = %error, policy, "invalid Content-Security-Policy header"),
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Signing</title></head>\n\
         <body><p>{}</p></body>\n</html>\n",
        escape_html(message)
    );
    let mut response = (status, Html(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Serializes JSON for a `<script>` element: `<`, `>` and `&` are escaped, so no value can
/// close the element, and U+2028 and U+2029 are escaped for older JavaScript parsers.
fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_event_becomes_exception() {
        assert_eq!(return_event(Some("signing_complete")), "signing_complete");
        assert_eq!(return_event(Some("ttl_expired")), "ttl_expired");
        assert_eq!(return_event(Some("SIGNING_COMPLETE")), "exception");
        assert_eq!(return_event(Some("<script>")), "exception");
        assert_eq!(return_event(None), "exception");
    }

    #[test]
    fn outcome_replaces_old_parameters() {
        let page = Url::parse("http://127.0.0.1:5173/shop?cs_contract=ct_old&event=cancel&tab=energy").unwrap();

        let url = page_url_with_outcome(&page, "ct_new", "signing_complete");

        assert_eq!(url, "http://127.0.0.1:5173/shop?tab=energy&cs_contract=ct_new&event=signing_complete");
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let json = script_json(&json!({ "fallbackUrl": "http://127.0.0.1/</script><script>alert(1)</script>" }));

        assert!(!json.contains("</script>"), "{json}");
        assert!(!json.contains('<'), "{json}");
    }
}
