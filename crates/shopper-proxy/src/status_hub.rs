//! Fans contract status changes out to the open status streams of this process.

use shopper_types::api::StatusEvent;
use tokio::sync::{broadcast, watch};

/// Changes buffered per subscriber; a stream that falls further behind reloads the current
/// status from the database.
const CHANNEL_CAPACITY: usize = 256;

#[derive(Clone, Debug)]
pub struct StatusHub {
    changes: broadcast::Sender<StatusEvent>,
    shutdown: watch::Sender<bool>,
}

impl Default for StatusHub {
    fn default() -> StatusHub {
        let (changes, _) = broadcast::channel(CHANNEL_CAPACITY);
        let (shutdown, _) = watch::channel(false);
        StatusHub { changes, shutdown }
    }
}

impl StatusHub {
    /// Sends a change to every open stream. No open stream is not an error.
    pub fn publish(&self, event: StatusEvent) {
        let _ = self.changes.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<StatusEvent> {
        self.changes.subscribe()
    }

    /// Returns a receiver that turns true when the server shuts down, so streams end and let the
    /// graceful shutdown finish.
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    pub fn close_streams(&self) {
        self.shutdown.send_replace(true);
    }
}
