//! [`Secret<T>`]: the holder for every key, token and password in configuration.
//!
//! It zeroizes its contents on drop, prints `[REDACTED]` through `Debug` and `Display` (so a
//! config struct can derive `Debug` safely), deserializes transparently from the inner type, and
//! deliberately does not implement `Serialize`: writing a secret back out must be a conscious
//! `expose()` call that shows up in review.

use std::fmt;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroize;

/// The text printed in place of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// A secret value that is wiped from memory when dropped and never printed.
pub struct Secret<T: Zeroize>(T);

/// The usual case: a secret string from configuration.
pub type SecretString = Secret<String>;

impl<T: Zeroize> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// Gives read access to the secret. Every call site is a place where the secret leaves
    /// its wrapper, so keep them few and obvious.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    #[derive(Debug)]
    struct Config {
        user: String,
        password: SecretString,
    }

    #[test]
    fn debug_and_display_are_redacted() {
        let s = Secret::new(String::from("hunter2-very-secret"));
        assert_eq!(format!("{s:?}"), "[REDACTED]");
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn deserializes_transparently_and_hides_in_derived_debug() {
        let cfg: Config =
            serde_json::from_str(r#"{"user":"ops","password":"correct horse"}"#).unwrap();
        assert_eq!(cfg.password.expose(), "correct horse");
        let printed = format!("{cfg:?}");
        assert!(printed.contains("[REDACTED]"));
        assert!(!printed.contains("correct horse"));
    }

    struct Probe(Arc<AtomicBool>);
    impl Zeroize for Probe {
        fn zeroize(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn zeroizes_on_drop() {
        let flag = Arc::new(AtomicBool::new(false));
        let s = Secret::new(Probe(flag.clone()));
        assert!(!flag.load(Ordering::SeqCst));
        drop(s);
        assert!(flag.load(Ordering::SeqCst));
    }
}
