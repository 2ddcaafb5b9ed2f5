//! `GET /v1/contracts/{id}/events?key=pk_…`: the contract's status as server-sent events.
//!
//! The stream sends `event: status` with a [`StatusEvent`] as data: first the current status,
//! then each change. It ends after a final status, and when the server shuts down.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use shopper_types::api::StatusEvent;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use super::find_contract;
use crate::auth::AuthenticatedPartner;
use crate::error::AppError;
use crate::state::AppState;

/// Interval of the keep-alive comments that stop proxies from closing an idle stream.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(15);

pub async fn stream_status(
    State(state): State<AppState>,
    AuthenticatedPartner(connected): AuthenticatedPartner,
    Path(contract_id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let partner_id = connected.partner.slug.clone();
    // Subscribe before reading the current status, so no change falls between the two.
    let changes = state.status_hub.subscribe();
    let record = find_contract(&state, &partner_id, &contract_id).await?;
    let current = StatusEvent {
        contract_id: record.id.clone(),
        status: record.status()?,
        at: latest_change_at(&state, &record.id).await?,
    };

    let (sender, receiver) = mpsc::channel(16);
    tokio::spawn(forward_changes(state, partner_id, current, changes, sender));
    Ok(Sse::new(ReceiverStream::new(receiver)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE_INTERVAL)))
}

/// Reads the time of the latest status change.
async fn latest_change_at(state: &AppState, contract_id: &str) -> Result<String, AppError> {
    let history = state.store.history(contract_id).await?;
    Ok(history.last().map(|change| change.at.clone()).unwrap_or_else(crate::store::now_rfc3339))
}

/// Sends the current status, then every later change of the contract, until a final status,
/// a closed client, or shutdown.
async fn forward_changes(
    state: AppState,
    partner_id: String,
    current: StatusEvent,
    mut changes: broadcast::Receiver<StatusEvent>,
    sender: mpsc::Sender<Result<Event, Infallible>>,
) {
    let mut shutdown = state.status_hub.shutdown_signal();
    let contract_id = current.contract_id.clone();
    let mut last_rank = current.status.rank();
    if !send(&sender, &current).await || current.status.is_final() {
        return;
    }

    loop {
        let change = tokio::select! {
            _ = sender.closed() => return,
            _ = shutdown.wait_for(|closed| *closed) => return,
            received = changes.recv() => received,
        };
        let change = match change {
            Ok(change) if change.contract_id == contract_id => change,
            Ok(_) => continue,
            Err(broadcast::error::RecvError::Lagged(skipped)) => {
                tracing::warn!(skipped, contract_id, "status stream fell behind; reloading the status");
                match reload(&state, &partner_id, &contract_id).await {
                    Some(change) => change,
                    None => return,
                }
            }
            Err(broadcast::error::RecvError::Closed) => return,
        };

        if change.status.rank() <= last_rank {
            continue;
        }
        last_rank = change.status.rank();
        if !send(&sender, &change).await || change.status.is_final() {
            return;
        }
    }
}

async fn reload(state: &AppState, partner_id: &str, contract_id: &str) -> Option<StatusEvent> {
    let record = find_contract(state, partner_id, contract_id).await.ok()?;
    let status = record.status().ok()?;
    let at = latest_change_at(state, contract_id).await.ok()?;
    Some(StatusEvent { contract_id: contract_id.to_owned(), status, at })
}

/// Returns false when the client has gone.
async fn send(sender: &mpsc::Sender<Result<Event, Infallible>>, change: &StatusEvent) -> bool {
    let event = match Event::default().event("status").json_data(change) {
        Ok(event) => event,
        Err(error) => {
            tracing::error!(error = %error, "failed to encode a status event");
            return false;
        }
    };
    sender.send(Ok(event)).await.is_ok()
}
