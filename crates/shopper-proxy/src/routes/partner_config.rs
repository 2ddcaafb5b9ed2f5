//! `GET /v1/config`: how the widget presents itself for the partner.

use axum::Json;
use axum::http::HeaderMap;
use axum::http::header::HOST;
use shopper_types::api::PartnerConfig;

use crate::auth::AuthenticatedPartner;

pub async fn partner_config(
    AuthenticatedPartner(connected): AuthenticatedPartner,
    headers: HeaderMap,
) -> Json<PartnerConfig> {
    let partner = &connected.partner;
    let logo_url = partner.logo_url.as_deref().map(|logo| absolute_url(logo, &headers));
    Json(PartnerConfig {
        partner_name: partner.name.clone(),
        environment: partner.environment,
        logo_url,
        theme: partner.theme.clone(),
        signing_mode: partner.signing_mode,
    })
}

/// Turns a path on this proxy into an absolute URL, because the widget runs on the partner's
/// page and would resolve a bare path against the partner's host.
fn absolute_url(logo: &str, headers: &HeaderMap) -> String {
    if !logo.starts_with('/') {
        return logo.to_owned();
    }
    match headers.get(HOST).and_then(|host| host.to_str().ok()) {
        // NOTE: assumes plain HTTP, which is how the proxy serves; behind a TLS-terminating
        // load balancer, configure an absolute logo_url instead.
        Some(host) => format!("http://{host}{logo}"),
        None => logo.to_owned(),
    }
}
