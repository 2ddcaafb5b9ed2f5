//! Integration tests of the sandbox over its router (`oneshot`) and over real loopback HTTP.

mod auth;
mod contracting;
mod docusign;
mod documents;
mod helpers;
mod pricing;
mod repricing;
mod signing;
mod webhooks;
