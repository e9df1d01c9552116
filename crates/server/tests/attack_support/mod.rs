//! The security tests' harness now lives in `tests/support/mod.rs`; this name is kept for the
//! test files that still say `mod attack_support;`.

#[path = "../support/mod.rs"]
mod support;

#[allow(unused_imports)]
pub use support::*;
