//! Integration tests: the proxy on a real port, with the real embedded sandbox, over HTTP.

mod auth;
mod contracts;
mod helpers;
mod idempotency;
mod pages;
mod quotes;
mod signing;
mod utilities;
mod webhooks;
