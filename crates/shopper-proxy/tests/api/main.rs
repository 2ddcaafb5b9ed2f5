//! Integration tests: the proxy on a real port, with the real embedded sandbox, over HTTP.

mod auth;
mod contract_price;
mod contracts;
mod documents;
mod forms;
mod helpers;
mod idempotency;
mod migrations;
mod pages;
mod platform_calls;
mod quotes;
mod repricing;
mod signing;
mod signing_return;
mod utilities;
mod webhooks;
