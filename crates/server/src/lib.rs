//! Voxgate's composition root.
//!
//! This crate owns what only a running server needs: the configuration file and its checks
//! ([`config`], [`checks`]), logging that cannot leak secrets ([`telemetry`]), the listeners
//! (the HTTP API and the admin listener with `/livez`, `/readyz` and `/metrics`), the call
//! transports served over HTTP (Twilio and the browser page, [`transports`]), and graceful
//! shutdown. Everything else (audio, speech, telephony, security, storage) is built by the lower
//! crates and wired together here.

pub mod admin;
pub mod agents;
pub mod analysis_service;
pub mod api;
pub mod ari;
pub mod auth;
pub mod checks;
pub mod config;
pub mod metrics;
pub mod recording;
pub mod retention;
pub mod run;
pub mod telemetry;
pub mod tls;
pub mod transports;

pub use run::{run, Running};
