//! The Commercial Shopper proxy: the partner's server between the widget and the broker platform.
//!
//! It authenticates the widget by publishable key and page origin, prices offers with the
//! partner's broker fee, creates contracts idempotently, mints signing sessions, receives the
//! platform's status webhooks and streams contract status to the widget. Without a configured
//! platform it runs the embedded sandbox (`msc-sandbox`) on loopback.

pub mod auth;
pub mod config;
pub mod credentials;
pub mod error;
pub mod extract;
pub mod price_cache;
pub mod pricing;
pub mod routes;
pub mod startup;
pub mod state;
pub mod status_hub;
pub mod store;
pub mod telemetry;
pub mod upstream;
pub mod webhook_signature;
