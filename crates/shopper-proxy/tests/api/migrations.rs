//! Schema migrations applied to a database that already contains data.

use shopper_proxy::store::Store;
use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;

const FIRST_MIGRATION: &str = "20250101000000_initial.sql";

#[tokio::test]
async fn key_retention_migration_keeps_contracts() {
    let directory = tempfile::tempdir().unwrap();
    let first_only = directory.path().join("first-migration");
    std::fs::create_dir(&first_only).unwrap();
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    std::fs::copy(migrations.join(FIRST_MIGRATION), first_only.join(FIRST_MIGRATION)).unwrap();
    let path = directory.path().join("shopper.db");
    let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    Migrator::new(first_only.as_path()).await.unwrap().run(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO quotes VALUES ('q_1', 'summit', 'price_1', 'Constellation', 'Fixed 12', 'COMED', 'electricity', \
         '60601', 120000, '2026-08', 12, 0.07, 0.003, 0.073, '2026-07-15T23:00:00Z', '2026-07-15T15:00:00.000Z')",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO contracts VALUES ('ct_1', 'summit', 'key-1', 'hash-1', 'q_1', 'created', 'msc_1', 'signed', \
         'Constellation', 'electricity', 0.073, 12, '2026-08', 'Lakeview Bakery LLC', '{}', \
         '2026-07-15T15:00:00.000Z', '2026-07-15T15:05:00.000Z')",
    )
    .execute(&pool)
    .await
    .unwrap();
    for (status, at) in [("created", "2026-07-15T15:00:00.000Z"), ("signed", "2026-07-15T15:05:00.000Z")] {
        sqlx::query("INSERT INTO contract_status_history (contract_id, status, at) VALUES ('ct_1', ?, ?)")
            .bind(status)
            .bind(at)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;

    let store = Store::open(&path).await.unwrap();

    let contract = store.contract("summit", "ct_1").await.unwrap().expect("the contract survives");
    assert_eq!(contract.idempotency_key.as_deref(), Some("key-1"));
    assert_eq!(contract.request_hash.as_deref(), Some("hash-1"));
    assert_eq!(contract.upstream_contract_id.as_deref(), Some("msc_1"));
    let history: Vec<String> = store.history("ct_1").await.unwrap().iter().map(|change| change.at.clone()).collect();
    assert_eq!(history, ["2026-07-15T15:00:00.000Z", "2026-07-15T15:05:00.000Z"], "the status history survives");
    assert_eq!(store.purge_idempotency_keys(chrono::Utc::now()).await.unwrap(), 1);
    let purged = store.contract("summit", "ct_1").await.unwrap().unwrap();
    assert_eq!(purged.idempotency_key, None);
}
