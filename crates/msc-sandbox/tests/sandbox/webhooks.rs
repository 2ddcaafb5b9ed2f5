use axum::http::StatusCode;
use serde_json::json;
use shopper_types::ContractStatus;
use shopper_types::upstream::operations::{CONTRACT, CREATE_CONTRACT, CREATE_SIGNING_SESSION};
use shopper_types::upstream::{CONTRACT_STATUS_CHANGED, WebhookEvent};

use crate::helpers::*;

#[tokio::test]
async fn signing_sends_three_signed_status_webhooks() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![]).await;
    let sandbox = msc_sandbox::spawn(config(&webhook_url)).await.unwrap();
    let base = sandbox.base_url();

    let price_id = comed_price_id(&base).await;
    let created = graphql(&base, CREATE_CONTRACT, contract_input(&price_id, "proxy-contract-42")).await;
    let id = created["data"]["createContract"]["id"].as_str().unwrap().to_owned();
    let session = graphql(&base, CREATE_SIGNING_SESSION, json!({ "contractId": id, "returnUrl": "http://127.0.0.1:9/back" })).await;
    let url = session["data"]["createSigningSession"]["url"].as_str().unwrap();
    let response = client().post(url).form(&[("action", "sign")]).send().await.unwrap();
    assert_eq!(response.status(), 303);

    let mut event_ids = Vec::new();
    for expected in [ContractStatus::Signed, ContractStatus::SubmittedToSupplier, ContractStatus::Accepted] {
        let webhook = next_webhook(&mut webhooks).await;
        assert!(signature_is_valid(&webhook.signature, &webhook.body, WEBHOOK_SECRET), "bad signature {}", webhook.signature);
        assert!(!signature_is_valid(&webhook.signature, &webhook.body, "whsec_wrong"));
        let event: WebhookEvent = serde_json::from_slice(&webhook.body).unwrap();
        assert_eq!(event.status, expected);
        assert_eq!(event.event_type, CONTRACT_STATUS_CHANGED);
        assert_eq!(event.contract_id, id);
        assert_eq!(event.external_reference, "proxy-contract-42");
        event_ids.push(event.id);
    }
    event_ids.dedup();
    assert_eq!(event_ids.len(), 3, "event ids must differ");

    let contract = graphql(&base, CONTRACT, json!({ "id": id })).await;
    let history: Vec<&str> = contract["data"]["contract"]["statusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["CREATED", "AWAITING_SIGNATURE", "SIGNED", "SUBMITTED_TO_SUPPLIER", "ACCEPTED"]);
}

fn test_event() -> WebhookEvent {
    WebhookEvent {
        id: "evt_test_1".to_owned(),
        event_type: CONTRACT_STATUS_CHANGED.to_owned(),
        contract_id: "ctr_test".to_owned(),
        external_reference: "ext".to_owned(),
        status: ContractStatus::Signed,
        occurred_at: "2026-07-15T15:00:00Z".to_owned(),
    }
}

#[tokio::test]
async fn failed_delivery_is_retried_with_the_same_event() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![StatusCode::INTERNAL_SERVER_ERROR, StatusCode::SERVICE_UNAVAILABLE]).await;
    let sender = msc_sandbox::webhooks::WebhookSender::new();

    let attempts = sender.deliver(&partner(&webhook_url), &test_event()).await.unwrap();
    assert_eq!(attempts, 3);
    for _ in 0..3 {
        let webhook = next_webhook(&mut webhooks).await;
        assert_eq!(webhook.json()["id"], "evt_test_1");
        assert!(signature_is_valid(&webhook.signature, &webhook.body, WEBHOOK_SECRET));
    }
}

#[tokio::test]
async fn rejected_delivery_is_not_retried() {
    let (webhook_url, mut webhooks) = webhook_receiver(vec![StatusCode::UNAUTHORIZED]).await;
    let sender = msc_sandbox::webhooks::WebhookSender::new();

    let error = sender.deliver(&partner(&webhook_url), &test_event()).await.unwrap_err();
    assert!(error.to_string().contains("401"), "{error}");
    next_webhook(&mut webhooks).await;
    assert!(webhooks.try_recv().is_err(), "a 401 must not be retried");
}
