//! One module per endpoint.

pub mod assets;
pub mod contracts;
pub mod demo;
pub mod health;
pub mod partner_config;
pub mod quote_refresh;
pub mod quotes;
pub mod requirements;
pub mod signing_return;
pub mod utilities;
pub mod webhooks;
