use serde_json::{Value, json};
use shopper_types::upstream::operations::{CONTRACT, CREATE_CONTRACT, CREATE_SIGNING_SESSION};

use crate::helpers::*;

const RETURN_URL: &str = "http://127.0.0.1:9/demo?cs_contract=abc123&lang=en";

/// Creates a contract and a signing session; returns (contract id, signing URL, expiresAt).
async fn signing_session(base: &str, external_reference: &str) -> (String, String, String) {
    let price_id = comed_price_id(base).await;
    let created = graphql(base, CREATE_CONTRACT, contract_input(&price_id, external_reference)).await;
    let id = created["data"]["createContract"]["id"].as_str().unwrap().to_owned();

    let session = graphql(
        base,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": RETURN_URL }),
    )
    .await;
    assert!(session["errors"].is_null(), "{session}");
    let url = session["data"]["createSigningSession"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let expires_at = session["data"]["createSigningSession"]["expiresAt"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, url, expires_at)
}

async fn post_action(url: &str, action: &str) -> reqwest::Response {
    client().post(url).form(&[("action", action)]).send().await.unwrap()
}

fn location(response: &reqwest::Response) -> reqwest::Url {
    reqwest::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap()
}

fn query(url: &reqwest::Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.into_owned())
}

async fn status(base: &str, id: &str) -> Value {
    graphql(base, CONTRACT, json!({ "id": id })).await["data"]["contract"]["status"].clone()
}

#[tokio::test]
async fn sign_redirects_back_with_signing_complete() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let sandbox = msc_sandbox::spawn(config(&webhook_url)).await.unwrap();
    let base = sandbox.base_url();
    let (id, url, expires_at) = signing_session(&base, "ext-sign").await;

    assert!(url.starts_with(&format!("{base}/signing/")), "{url}");
    let expires_at = chrono::DateTime::parse_from_rfc3339(&expires_at).unwrap();
    let lifetime = expires_at.signed_duration_since(chrono::Utc::now());
    assert!(lifetime <= chrono::Duration::minutes(5), "{lifetime}");
    assert!(lifetime > chrono::Duration::minutes(4), "{lifetime}");
    assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE");

    let page = client().get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for text in [
        "Lakeside Bakery LLC",
        "value=\"sign\"",
        ">Sign<",
        ">Decline<",
        ">Cancel<",
        "/ kWh",
        "broker reference ext-sign",
    ] {
        assert!(html.contains(text), "page lacks {text}");
    }
    assert!(!html.contains("0123456789"), "the page must mask the account number");

    let response = post_action(&url, "sign").await;
    assert_eq!(response.status(), 303);
    let back = location(&response);
    assert_eq!(back.path(), "/demo");
    assert_eq!(query(&back, "event").as_deref(), Some("signing_complete"));
    assert_eq!(query(&back, "cs_contract").as_deref(), Some("abc123"));
    assert_eq!(query(&back, "lang").as_deref(), Some("en"));

    let first = next_webhook(&mut webhooks).await.json();
    assert_eq!(first["status"], "signed");
    assert_eq!(first["contract_id"], id.as_str());
}

#[tokio::test]
async fn used_token_cannot_sign_again() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let (_, url, _) = signing_session(&base, "ext-reuse").await;

    assert_eq!(
        query(&location(&post_action(&url, "sign").await), "event").as_deref(),
        Some("signing_complete")
    );

    let again = post_action(&url, "sign").await;
    assert_eq!(again.status(), 303);
    let back = location(&again);
    assert_eq!(query(&back, "event").as_deref(), Some("ttl_expired"));
    assert_eq!(query(&back, "cs_contract").as_deref(), Some("abc123"));

    let page = client().get(&url).send().await.unwrap();
    assert_eq!(page.status(), 410);
    let html = page.text().await.unwrap();
    assert!(html.contains("expired"), "{html}");
    assert!(html.contains("event=ttl_expired"), "{html}");
    assert!(html.contains("window.location.replace("), "the way back replaces the page in the history: {html}");
}

#[tokio::test]
async fn decline_ends_the_contract() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let sandbox = msc_sandbox::spawn(config(&webhook_url)).await.unwrap();
    let base = sandbox.base_url();
    let (id, url, _) = signing_session(&base, "ext-decline").await;

    let response = post_action(&url, "decline").await;
    assert_eq!(query(&location(&response), "event").as_deref(), Some("decline"));
    assert_eq!(status(&base, &id).await, "DECLINED");
    assert_eq!(next_webhook(&mut webhooks).await.json()["status"], "declined");

    let session = graphql(
        &base,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": RETURN_URL }),
    )
    .await;
    assert_eq!(session["errors"][0]["extensions"]["code"], "CONTRACT_NOT_SIGNABLE");
}

#[tokio::test]
async fn cancel_lets_the_customer_sign_later() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let (id, url, _) = signing_session(&base, "ext-cancel").await;

    let response = post_action(&url, "cancel").await;
    assert_eq!(query(&location(&response), "event").as_deref(), Some("cancel"));
    assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE");

    let session = graphql(
        &base,
        CREATE_SIGNING_SESSION,
        json!({ "contractId": id, "returnUrl": RETURN_URL }),
    )
    .await;
    let new_url = session["data"]["createSigningSession"]["url"].as_str().unwrap();
    assert_ne!(new_url, url);
    assert_eq!(
        query(&location(&post_action(new_url, "sign").await), "event").as_deref(),
        Some("signing_complete")
    );
}

#[tokio::test]
async fn page_offers_every_other_ending() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let (_, url, _) = signing_session(&sandbox.base_url(), "ext-endings").await;

    let html = client().get(&url).send().await.unwrap().text().await.unwrap();
    for action in ["fax", "finish_viewing", "time_out", "fail"] {
        assert!(
            html.contains(&format!("name=\"action\" value=\"{action}\"")),
            "page lacks the {action} button"
        );
    }
}

#[tokio::test]
async fn endings_without_signature_keep_the_contract_waiting() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let endings = [
        ("finish_viewing", "viewing_complete"),
        ("time_out", "session_timeout"),
        ("fail", "exception"),
    ];

    for (action, event) in endings {
        let (id, url, _) = signing_session(&base, &format!("ext-{action}")).await;
        let response = post_action(&url, action).await;
        assert_eq!(response.status(), 303, "{action}");
        let back = location(&response);
        assert_eq!(query(&back, "event").as_deref(), Some(event), "{action}");
        assert_eq!(query(&back, "cs_contract").as_deref(), Some("abc123"), "{action}");
        assert_eq!(status(&base, &id).await, "AWAITING_SIGNATURE", "{action}");

        // The link is used up, and a new session can still be signed.
        assert_eq!(
            query(&location(&post_action(&url, "sign").await), "event").as_deref(),
            Some("ttl_expired")
        );
        let session = graphql(
            &base,
            CREATE_SIGNING_SESSION,
            json!({ "contractId": id, "returnUrl": RETURN_URL }),
        )
        .await;
        let new_url = session["data"]["createSigningSession"]["url"].as_str().unwrap();
        assert_eq!(
            query(&location(&post_action(new_url, "sign").await), "event").as_deref(),
            Some("signing_complete")
        );
    }
}

#[tokio::test]
async fn faxed_signature_arrives_later() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let sandbox = msc_sandbox::spawn(config(&webhook_url)).await.unwrap();
    let base = sandbox.base_url();
    let (id, url, _) = signing_session(&base, "ext-fax").await;

    let response = post_action(&url, "fax").await;
    assert_eq!(query(&location(&response), "event").as_deref(), Some("fax_pending"));

    let mut announced = Vec::new();
    for _ in 0..3 {
        let webhook = next_webhook(&mut webhooks).await.json();
        assert_eq!(webhook["contract_id"], id.as_str());
        announced.push(webhook["status"].as_str().unwrap().to_owned());
    }
    assert_eq!(announced, ["signed", "submitted_to_supplier", "accepted"]);
    assert_eq!(status(&base, &id).await, "ACCEPTED");
}

#[tokio::test]
async fn unknown_action_and_token_are_rejected() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let (_, url, _) = signing_session(&base, "ext-bad-action").await;

    let rejected = post_action(&url, "approve").await;
    assert_eq!(rejected.status(), 400);
    let html = rejected.text().await.unwrap();
    assert!(
        html.contains("must be sign, decline, cancel, fax, finish_viewing, time_out or fail"),
        "{html}"
    );
    // The rejected action did not use up the token.
    assert_eq!(client().get(&url).send().await.unwrap().status(), 200);
    assert_eq!(
        client()
            .get(format!("{base}/signing/deadbeef"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn newer_link_ends_older_links() {
    let sandbox = msc_sandbox::spawn(config("http://127.0.0.1:9/webhooks")).await.unwrap();
    let base = sandbox.base_url();
    let (id, first_url, _) = signing_session(&base, "ext-older").await;
    assert_eq!(client().get(&first_url).send().await.unwrap().status(), 200);

    let second = graphql(&base, CREATE_SIGNING_SESSION, json!({ "contractId": id, "returnUrl": RETURN_URL })).await;
    let second_url = second["data"]["createSigningSession"]["url"].as_str().unwrap().to_owned();
    let first_again = client().get(&first_url).send().await.unwrap();
    assert_eq!(first_again.status(), 410, "an opened page gives way to the newer link");

    assert_eq!(query(&location(&post_action(&second_url, "sign").await), "event").as_deref(), Some("signing_complete"));
    let first_after = post_action(&first_url, "decline").await;
    assert_eq!(query(&location(&first_after), "event").as_deref(), Some("ttl_expired"));
    assert_eq!(status(&base, &id).await, "SIGNED");
}
