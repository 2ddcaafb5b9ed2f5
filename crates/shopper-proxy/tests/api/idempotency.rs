use chrono::{Duration, SecondsFormat, Utc};
use futures::future::join_all;
use shopper_proxy::store::{IDEMPOTENCY_KEY_RETENTION, Store};
use shopper_types::api::Contract;

use crate::helpers::{TestApp, contract_request, error_code, spawn_app};

/// Concurrent requests sharing one key, as from a customer double-clicking on a slow network.
const CONCURRENT_REQUESTS: usize = 50;

#[tokio::test]
async fn same_key_twice_returns_first_contract() {
    let app = spawn_app().await;
    let body = contract_request(&app.comed_quote_id().await);

    let first = app.create_contract_response("key-repeat", &body).await;
    let second = app.create_contract_response("key-repeat", &body).await;

    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 200);
    let first: Contract = first.json().await.unwrap();
    let second: Contract = second.json().await.unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(app.contract_count().await, 1);
}

#[tokio::test]
async fn same_key_different_body_is_422() {
    let app = spawn_app().await;
    let body = contract_request(&app.comed_quote_id().await);
    let mut changed = body.clone();
    changed["customer"]["legal_name"] = "Lakeview Bakery Holdings LLC".into();

    let first = app.create_contract_response("key-reused", &body).await;
    let second = app.create_contract_response("key-reused", &changed).await;

    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 422);
    assert_eq!(error_code(second).await, "idempotency_key_reused");
    assert_eq!(app.contract_count().await, 1);
}

#[tokio::test]
async fn different_keys_create_two_contracts() {
    let app = spawn_app().await;
    let body = contract_request(&app.comed_quote_id().await);

    let first: Contract = app.create_contract_response("key-a", &body).await.json().await.unwrap();
    let second: Contract = app.create_contract_response("key-b", &body).await.json().await.unwrap();

    assert_ne!(first.id, second.id);
    assert_eq!(app.contract_count().await, 2);
}

#[tokio::test]
async fn concurrent_requests_create_one_contract() {
    let app = spawn_app().await;
    let body = contract_request(&app.comed_quote_id().await);

    let responses =
        join_all((0..CONCURRENT_REQUESTS).map(|_| app.create_contract_response("key-concurrent", &body))).await;

    let mut created = 0;
    let mut ids = Vec::new();
    for response in responses {
        let status = response.status();
        assert!(status == 201 || status == 200, "unexpected status {status}: {}", response.text().await.unwrap());
        if status == 201 {
            created += 1;
        }
        let contract: Contract = response.json().await.unwrap();
        ids.push(contract.id);
    }
    assert_eq!(created, 1, "exactly one request creates the contract");
    ids.dedup();
    assert_eq!(ids.len(), 1, "every request returns the same contract: {ids:?}");
    assert_eq!(app.contract_count().await, 1);
}

#[tokio::test]
async fn retry_after_upstream_failure_succeeds() {
    let app = spawn_app().await;
    let quote_id = app.comed_quote_id().await;
    let body = contract_request(&quote_id);
    let price_id: String = sqlx::query_scalar("SELECT price_id FROM quotes WHERE id = ?")
        .bind(&quote_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let set_price_id = |price_id: String| {
        sqlx::query("UPDATE quotes SET price_id = ? WHERE id = ?").bind(price_id).bind(&quote_id).execute(&app.db)
    };

    // A price id the platform never issued makes createContract fail.
    set_price_id("price_never_issued".into()).await.unwrap();
    let failed = app.create_contract_response("key-retry", &body).await;
    assert_eq!(failed.status(), 409);
    assert_eq!(error_code(failed).await, "quote_expired");
    assert_eq!(app.contract_count().await, 0, "a failed platform call leaves no contract row");

    set_price_id(price_id).await.unwrap();
    let retried = app.create_contract_response("key-retry", &body).await;
    assert_eq!(retried.status(), 201);
    assert_eq!(app.contract_count().await, 1);
}

/// Moves the creation time of the contract made with `idempotency_key` back by `age`.
async fn age_key(app: &TestApp, idempotency_key: &str, age: Duration) {
    let created_at = (Utc::now() - age).to_rfc3339_opts(SecondsFormat::Millis, true);
    sqlx::query("UPDATE contracts SET created_at = ? WHERE idempotency_key = ?")
        .bind(created_at)
        .bind(idempotency_key)
        .execute(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn keys_purged_after_retention_only() {
    let app = spawn_app().await;
    let body = contract_request(&app.comed_quote_id().await);
    let old: Contract = app.create_contract_response("key-25h", &body).await.json().await.unwrap();
    let young: Contract = app.create_contract_response("key-23h", &body).await.json().await.unwrap();
    age_key(&app, "key-25h", Duration::hours(25)).await;
    age_key(&app, "key-23h", Duration::hours(23)).await;

    let store = Store::open(&app.data_dir.path().join("shopper.db")).await.unwrap();
    let purged = store.purge_idempotency_keys(Utc::now() - IDEMPOTENCY_KEY_RETENTION).await.unwrap();

    assert_eq!(purged, 1, "only the key older than 24 hours is purged");
    let other_body = contract_request(&app.comed_quote_id().await);
    let young_again = app.create_contract_response("key-23h", &other_body).await;
    assert_eq!(young_again.status(), 422, "a 23-hour-old key is still kept");
    assert_eq!(error_code(young_again).await, "idempotency_key_reused");
    let old_again = app.create_contract_response("key-25h", &other_body).await;
    assert_eq!(old_again.status(), 201, "a purged key may be used for a new contract");
    let new: Contract = old_again.json().await.unwrap();
    assert_ne!(new.id, old.id);
    assert_eq!(app.contract(&old.id).await.id, old.id, "the contract outlives its key");
    assert_eq!(app.contract(&young.id).await.id, young.id);
    assert_eq!(app.contract_count().await, 3);
}

#[test]
fn keys_kept_at_least_24_hours() {
    assert!(IDEMPOTENCY_KEY_RETENTION >= Duration::hours(24));
}
