//! The proxy's database: quotes, contracts with their status history, and received webhook
//! events. SQLite through sqlx, with the schema in `migrations/`.
//!
//! Every query is scoped by partner. Transactions that write start with a write statement, so
//! SQLite takes the write lock at once and waits on `busy_timeout` instead of failing a lock
//! upgrade with `SQLITE_BUSY`.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use shopper_types::api::{Contract, StatusChange, StatusEvent};
use shopper_types::upstream::WebhookEvent;
use shopper_types::{Commodity, ContractStatus};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{FromRow, SqlitePool};

/// How long a connection waits for another connection's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long an idempotency key is kept. A retry or a double click within this time returns the
/// first contract; after it the key is purged and may be used again.
pub const IDEMPOTENCY_KEY_RETENTION: chrono::Duration = chrono::Duration::hours(24);

/// Formats the current time as stored: RFC 3339 in UTC with milliseconds.
pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A stored offer, priced with the partner's broker fee.
#[derive(Clone, Debug, FromRow)]
pub struct QuoteRecord {
    pub id: String,
    pub partner_id: String,
    pub price_id: String,
    pub supplier: String,
    pub product_name: String,
    pub utility_code: String,
    pub commodity: String,
    pub zip: String,
    pub annual_usage: i64,
    pub start_month: String,
    pub term_months: i64,
    pub supplier_rate: f64,
    pub broker_fee: f64,
    pub rate: f64,
    pub expires_at: String,
    pub created_at: String,
}

impl QuoteRecord {
    pub fn commodity(&self) -> anyhow::Result<Commodity> {
        Commodity::parse(&self.commodity)
            .with_context(|| format!("quote {} has unknown commodity {}", self.id, self.commodity))
    }

    /// True when both quotes price the same offer: supplier, product, utility, usage, term and
    /// start month.
    pub fn is_same_offer(&self, other: &QuoteRecord) -> bool {
        self.partner_id == other.partner_id
            && self.supplier == other.supplier
            && self.product_name == other.product_name
            && self.utility_code == other.utility_code
            && self.commodity == other.commodity
            && self.zip == other.zip
            && self.annual_usage == other.annual_usage
            && self.start_month == other.start_month
            && self.term_months == other.term_months
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let expires_at = DateTime::parse_from_rfc3339(&self.expires_at)
            .with_context(|| format!("quote {} has an invalid expiry {}", self.id, self.expires_at))?;
        Ok(expires_at <= now)
    }
}

/// Whether the platform has accepted a contract row yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractState {
    /// Inserted to claim the idempotency key; the platform call is in flight or failed.
    Pending,
    Created,
}

#[derive(Clone, Debug, FromRow)]
pub struct ContractRecord {
    pub id: String,
    pub partner_id: String,
    /// `None` once purged after [`IDEMPOTENCY_KEY_RETENTION`].
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub quote_id: String,
    state: String,
    pub upstream_contract_id: Option<String>,
    status: String,
    pub supplier: String,
    commodity: String,
    pub rate: f64,
    pub term_months: i64,
    pub start_month: String,
    pub legal_name: String,
    pub details: String,
    pub created_at: String,
}

impl ContractRecord {
    pub fn state(&self) -> ContractState {
        if self.state == "created" { ContractState::Created } else { ContractState::Pending }
    }

    pub fn status(&self) -> anyhow::Result<ContractStatus> {
        ContractStatus::parse(&self.status)
            .with_context(|| format!("contract {} has unknown status {}", self.id, self.status))
    }

    /// Converts the record to the contract as the widget shows it.
    pub fn to_api(&self, history: Vec<StatusChange>) -> anyhow::Result<Contract> {
        let commodity = Commodity::parse(&self.commodity)
            .with_context(|| format!("contract {} has unknown commodity {}", self.id, self.commodity))?;
        Ok(Contract {
            id: self.id.clone(),
            status: self.status()?,
            supplier: self.supplier.clone(),
            rate: self.rate,
            unit: commodity.unit(),
            term_months: u32::try_from(self.term_months).context("term months out of range")?,
            start_month: self.start_month.clone(),
            legal_name: self.legal_name.clone(),
            history,
        })
    }
}

/// A contract row to insert as pending.
pub struct NewContract<'a> {
    pub id: &'a str,
    pub partner_id: &'a str,
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub quote: &'a QuoteRecord,
    pub legal_name: &'a str,
    pub details: &'a str,
}

/// The result of claiming an idempotency key.
pub enum Reservation {
    Reserved,
    /// Another request has claimed the key, so the caller looks that row up.
    KeyTaken,
}

/// The effect of a received webhook.
#[derive(Debug, PartialEq)]
pub enum WebhookOutcome {
    /// The event id was seen before; nothing changed.
    Duplicate,
    /// No contract of this partner has the event's external reference.
    UnknownContract,
    /// The event's status is not ahead of the contract's; recorded only.
    Stale,
    Applied(StatusEvent),
}

#[derive(FromRow)]
struct HistoryRow {
    status: String,
    at: String,
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub async fn open(path: &Path) -> anyhow::Result<Store> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .with_context(|| format!("failed to open the database {}", path.display()))?;
        sqlx::migrate!("./migrations").run(&pool).await.context("failed to apply database migrations")?;
        Ok(Store { pool })
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    pub async fn insert_quotes(&self, quotes: &[QuoteRecord]) -> Result<(), sqlx::Error> {
        let mut transaction = self.pool.begin().await?;
        for quote in quotes {
            sqlx::query(
                "INSERT INTO quotes (id, partner_id, price_id, supplier, product_name, utility_code, commodity, zip, \
                 annual_usage, start_month, term_months, supplier_rate, broker_fee, rate, expires_at, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&quote.id)
            .bind(&quote.partner_id)
            .bind(&quote.price_id)
            .bind(&quote.supplier)
            .bind(&quote.product_name)
            .bind(&quote.utility_code)
            .bind(&quote.commodity)
            .bind(&quote.zip)
            .bind(quote.annual_usage)
            .bind(&quote.start_month)
            .bind(quote.term_months)
            .bind(quote.supplier_rate)
            .bind(quote.broker_fee)
            .bind(quote.rate)
            .bind(&quote.expires_at)
            .bind(&quote.created_at)
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await
    }

    pub async fn quote(&self, partner_id: &str, quote_id: &str) -> Result<Option<QuoteRecord>, sqlx::Error> {
        sqlx::query_as::<_, QuoteRecord>("SELECT * FROM quotes WHERE partner_id = ? AND id = ?")
            .bind(partner_id)
            .bind(quote_id)
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn contract_by_idempotency_key(
        &self,
        partner_id: &str,
        idempotency_key: &str,
    ) -> Result<Option<ContractRecord>, sqlx::Error> {
        sqlx::query_as::<_, ContractRecord>("SELECT * FROM contracts WHERE partner_id = ? AND idempotency_key = ?")
            .bind(partner_id)
            .bind(idempotency_key)
            .fetch_optional(&self.pool)
            .await
    }

    /// Finds a contract of any partner. Only the signing return page uses this, because it has
    /// no publishable key and learns the partner from the contract.
    pub async fn contract_of_any_partner(&self, contract_id: &str) -> Result<Option<ContractRecord>, sqlx::Error> {
        sqlx::query_as::<_, ContractRecord>("SELECT * FROM contracts WHERE id = ?")
            .bind(contract_id)
            .fetch_optional(&self.pool)
            .await
    }

    /// Forgets the idempotency keys of created contracts made before `cutoff`, and returns how
    /// many were purged. Contracts still pending keep their key, so an interrupted request can
    /// be resumed.
    pub async fn purge_idempotency_keys(&self, cutoff: DateTime<Utc>) -> Result<u64, sqlx::Error> {
        let cutoff = cutoff.to_rfc3339_opts(SecondsFormat::Millis, true);
        let result = sqlx::query(
            "UPDATE contracts SET idempotency_key = NULL, request_hash = NULL \
             WHERE idempotency_key IS NOT NULL AND state = 'created' AND created_at < ?",
        )
        .bind(cutoff)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected())
    }

    pub async fn contract(&self, partner_id: &str, contract_id: &str) -> Result<Option<ContractRecord>, sqlx::Error> {
        sqlx::query_as::<_, ContractRecord>("SELECT * FROM contracts WHERE partner_id = ? AND id = ?")
            .bind(partner_id)
            .bind(contract_id)
            .fetch_optional(&self.pool)
            .await
    }

    /// Claims an idempotency key with a pending contract row. The unique index on
    /// `(partner_id, idempotency_key)` lets exactly one of several concurrent requests win.
    pub async fn reserve_contract(&self, contract: &NewContract<'_>) -> Result<Reservation, sqlx::Error> {
        let now = now_rfc3339();
        let quote = contract.quote;
        let result = sqlx::query(
            "INSERT INTO contracts (id, partner_id, idempotency_key, request_hash, quote_id, state, status, supplier, \
             commodity, rate, term_months, start_month, legal_name, details, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(contract.id)
        .bind(contract.partner_id)
        .bind(contract.idempotency_key)
        .bind(contract.request_hash)
        .bind(&quote.id)
        .bind(ContractStatus::Created.as_str())
        .bind(&quote.supplier)
        .bind(&quote.commodity)
        .bind(quote.rate)
        .bind(quote.term_months)
        .bind(&quote.start_month)
        .bind(contract.legal_name)
        .bind(contract.details)
        .bind(&now)
        .bind(&now)
        .execute(&self.pool)
        .await;

        match result {
            Ok(_) => Ok(Reservation::Reserved),
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(Reservation::KeyTaken),
            Err(error) => Err(error),
        }
    }

    /// Marks a pending contract as created on the platform and starts its status history.
    pub async fn mark_contract_created(
        &self,
        contract_id: &str,
        upstream_contract_id: &str,
    ) -> Result<(), sqlx::Error> {
        let now = now_rfc3339();
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "UPDATE contracts SET state = 'created', upstream_contract_id = ?, status = ?, updated_at = ? \
             WHERE id = ? AND state = 'pending'",
        )
        .bind(upstream_contract_id)
        .bind(ContractStatus::Created.as_str())
        .bind(&now)
        .bind(contract_id)
        .execute(&mut *transaction)
        .await?;
        sqlx::query("INSERT INTO contract_status_history (contract_id, status, at) VALUES (?, ?, ?)")
            .bind(contract_id)
            .bind(ContractStatus::Created.as_str())
            .bind(&now)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    /// Moves a contract to a new quote of the same offer, after the platform re-priced it.
    pub async fn update_contract_price(&self, contract_id: &str, quote: &QuoteRecord) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE contracts SET quote_id = ?, rate = ?, updated_at = ? WHERE id = ?")
            .bind(&quote.id)
            .bind(quote.rate)
            .bind(now_rfc3339())
            .bind(contract_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes over a pending contract whose request stopped mid-call. Of several requests that
    /// try at once, only the one whose update matches the old `created_at` gets true.
    pub async fn claim_stale_pending(&self, contract_id: &str, seen_created_at: &str) -> Result<bool, sqlx::Error> {
        let now = now_rfc3339();
        let result = sqlx::query(
            "UPDATE contracts SET created_at = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND created_at = ?",
        )
        .bind(&now)
        .bind(&now)
        .bind(contract_id)
        .bind(seen_created_at)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Removes a pending contract whose platform call failed, so the same idempotency key can
    /// be retried.
    pub async fn delete_pending_contract(&self, contract_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM contracts WHERE id = ? AND state = 'pending'")
            .bind(contract_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn history(&self, contract_id: &str) -> anyhow::Result<Vec<StatusChange>> {
        let rows = sqlx::query_as::<_, HistoryRow>(
            "SELECT status, at FROM contract_status_history WHERE contract_id = ? ORDER BY id",
        )
        .bind(contract_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let status =
                    ContractStatus::parse(&row.status).with_context(|| format!("unknown status {}", row.status))?;
                Ok(StatusChange { status, at: row.at })
            })
            .collect()
    }

    /// Moves a created contract to `status` if that is ahead of its current status, and returns
    /// the change.
    pub async fn advance_status(
        &self,
        partner_id: &str,
        contract_id: &str,
        status: ContractStatus,
        at: &str,
    ) -> anyhow::Result<Option<StatusEvent>> {
        let mut transaction = self.pool.begin().await?;
        let applied = advance_in(&mut transaction, partner_id, contract_id, status, at).await?;
        transaction.commit().await?;
        Ok(applied)
    }

    /// Records a verified webhook event once and applies its status if it moves the contract
    /// forward, in one transaction.
    pub async fn record_webhook(&self, partner_id: &str, event: &WebhookEvent) -> anyhow::Result<WebhookOutcome> {
        let mut transaction = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO webhook_events (partner_id, event_id, event_type, contract_id, status, occurred_at, received_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, event_id) DO NOTHING",
        )
        .bind(partner_id)
        .bind(&event.id)
        .bind(&event.event_type)
        .bind(&event.external_reference)
        .bind(event.status.as_str())
        .bind(&event.occurred_at)
        .bind(now_rfc3339())
        .execute(&mut *transaction)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(WebhookOutcome::Duplicate);
        }

        let exists = sqlx::query("SELECT 1 FROM contracts WHERE partner_id = ? AND id = ? AND state = 'created'")
            .bind(partner_id)
            .bind(&event.external_reference)
            .fetch_optional(&mut *transaction)
            .await?
            .is_some();
        let outcome = if !exists {
            WebhookOutcome::UnknownContract
        } else {
            match advance_in(&mut transaction, partner_id, &event.external_reference, event.status, &event.occurred_at)
                .await?
            {
                Some(change) => {
                    sqlx::query("UPDATE webhook_events SET applied = 1 WHERE partner_id = ? AND event_id = ?")
                        .bind(partner_id)
                        .bind(&event.id)
                        .execute(&mut *transaction)
                        .await?;
                    WebhookOutcome::Applied(change)
                }
                None => WebhookOutcome::Stale,
            }
        };
        transaction.commit().await?;
        Ok(outcome)
    }
}

/// Applies a forward-only status change inside a transaction.
async fn advance_in(
    transaction: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    partner_id: &str,
    contract_id: &str,
    status: ContractStatus,
    at: &str,
) -> anyhow::Result<Option<StatusEvent>> {
    // A status of lower rank than the new one may be replaced. The lower statuses are listed in
    // the UPDATE, so the comparison happens under the write lock.
    let behind: Vec<&str> = ContractStatus::ALL
        .into_iter()
        .filter(|current| current.rank() < status.rank())
        .map(ContractStatus::as_str)
        .collect();
    if behind.is_empty() {
        return Ok(None);
    }
    let placeholders = vec!["?"; behind.len()].join(", ");
    let sql = format!(
        "UPDATE contracts SET status = ?, updated_at = ? \
         WHERE partner_id = ? AND id = ? AND state = 'created' AND status IN ({placeholders})"
    );
    let mut update = sqlx::query(&sql).bind(status.as_str()).bind(now_rfc3339()).bind(partner_id).bind(contract_id);
    for current in &behind {
        update = update.bind(*current);
    }
    if update.execute(&mut **transaction).await?.rows_affected() == 0 {
        return Ok(None);
    }

    sqlx::query("INSERT INTO contract_status_history (contract_id, status, at) VALUES (?, ?, ?)")
        .bind(contract_id)
        .bind(status.as_str())
        .bind(at)
        .execute(&mut **transaction)
        .await?;
    Ok(Some(StatusEvent { contract_id: contract_id.to_owned(), status, at: at.to_owned() }))
}
