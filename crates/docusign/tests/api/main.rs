//! Tests of the DocuSign client against a wiremock server on 127.0.0.1. Its requests and
//! responses follow DocuSign's documentation of the authentication service and the
//! eSignature REST API.

mod account;
mod auth;
mod connect;
mod envelopes;
mod helpers;
