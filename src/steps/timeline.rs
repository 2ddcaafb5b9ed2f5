//! The status timeline: Signed, Submitted to supplier, Accepted, with the time each was reached.
//!
//! Webhooks can arrive late, twice, or out of order, so the timeline shows the furthest status by
//! rank and fills in each time as it becomes known.

use leptos::prelude::*;
use shopper_types::ContractStatus;
use shopper_types::api::StatusChange;

use crate::{format, text};

/// Adds a status to the history once; a later copy only fills in a missing time.
pub fn record(history: RwSignal<Vec<StatusChange>>, change: StatusChange) {
    history.update(
        |history| match history.iter_mut().find(|known| known.status == change.status) {
            Some(known) if known.at.is_empty() => known.at = change.at,
            Some(_) => {}
            None => history.push(change),
        },
    );
}

/// Returns the furthest status reached. Webhooks may arrive out of order, so rank decides, not
/// arrival order.
fn current_status(history: &[StatusChange]) -> Option<ContractStatus> {
    history
        .iter()
        .map(|change| change.status)
        .max_by_key(|status| status.rank())
}

/// Lists the timeline rows for the furthest status reached.
fn milestones(current: Option<ContractStatus>) -> Vec<ContractStatus> {
    use ContractStatus::*;
    match current {
        Some(status @ (Declined | Cancelled)) => vec![status],
        Some(Rejected) => vec![Signed, SubmittedToSupplier, Rejected],
        _ => vec![Signed, SubmittedToSupplier, Accepted],
    }
}

#[component]
pub fn Timeline(history: RwSignal<Vec<StatusChange>>) -> impl IntoView {
    let current = move || history.with(|history| current_status(history));
    let rows = move || {
        let current = current();
        let reached_rank = current.map_or(0, ContractStatus::rank);
        let mut waiting_shown = false;
        milestones(current)
            .into_iter()
            .map(|status| {
                let reached = if status.is_final() {
                    current == Some(status)
                } else {
                    reached_rank >= status.rank()
                };
                let state = if reached {
                    "done"
                } else if !waiting_shown {
                    waiting_shown = true;
                    "next"
                } else {
                    "upcoming"
                };
                let at = history.with(|history| {
                    history
                        .iter()
                        .find(|change| change.status == status && !change.at.is_empty())
                        .map(|change| change.at.clone())
                });
                view! {
                    <li class="cs-milestone" data-state=state aria-current=(current == Some(status)).then_some("step")>
                        <span class="cs-milestone-dot" aria-hidden="true"></span>
                        <span class="cs-milestone-label">{status.label()}</span>
                        {at.map(|at| view! { <span class="cs-milestone-time">{format::local_time(&at)}</span> })}
                    </li>
                }
            })
            .collect_view()
    };

    let outcome = move || match current() {
        Some(ContractStatus::Accepted) => Some(view! { <p class="cs-notice cs-notice-success">{text::ACCEPTED}</p> }),
        Some(ContractStatus::Rejected) => Some(view! { <p class="cs-notice cs-notice-error">{text::REJECTED}</p> }),
        _ => None,
    };

    view! {
        <ol class="cs-timeline" data-status=move || current().map(ContractStatus::as_str)>{rows}</ol>
        {outcome}
        <p class="cs-visually-hidden" aria-live="polite">{move || current().map(text::status_now)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(status: ContractStatus) -> StatusChange {
        StatusChange {
            status,
            at: "2026-12-04T20:00:00Z".into(),
        }
    }

    #[test]
    fn current_status_ignores_late_webhooks() {
        let history = [change(ContractStatus::Accepted), change(ContractStatus::Signed)];
        assert_eq!(current_status(&history), Some(ContractStatus::Accepted));
        assert_eq!(current_status(&[]), None);
    }

    #[test]
    fn milestones_end_with_the_final_status() {
        use ContractStatus::*;
        assert_eq!(milestones(Some(Signed)), [Signed, SubmittedToSupplier, Accepted]);
        assert_eq!(milestones(Some(Rejected)), [Signed, SubmittedToSupplier, Rejected]);
        assert_eq!(milestones(Some(Declined)), [Declined]);
    }
}
