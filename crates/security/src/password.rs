//! Password hashing with argon2id and the password policy.
//!
//! Defaults follow the OWASP Password Storage Cheat Sheet for argon2id: 19 MiB of memory,
//! 2 iterations, 1 lane. Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`),
//! so parameters travel with each hash; [`PasswordHasher::needs_rehash`] tells the login path
//! to re-hash (after a successful verify) when the stored parameters are older or weaker.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::{Error, Result};

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argon2Params {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Degree of parallelism (lanes).
    pub parallelism: u32,
}

impl Default for Argon2Params {
    /// OWASP minimum for argon2id: m = 19 MiB, t = 2, p = 1.
    fn default() -> Self {
        Self {
            memory_kib: 19 * 1024,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// Hashes and verifies passwords with argon2id.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Argon2Params,
    argon: Argon2<'static>,
}

impl PasswordHasher {
    /// Builds a hasher with the given costs.
    ///
    /// # Errors
    /// [`Error::Config`] when argon2 rejects the parameters (e.g. memory below 8 KiB per lane).
    pub fn new(params: Argon2Params) -> Result<Self> {
        let p = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            None,
        )
        .map_err(|e| Error::Config(format!("argon2 parameters: {e}")))?;
        Ok(Self {
            params,
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, p),
        })
    }

    /// The configured costs.
    pub fn params(&self) -> Argon2Params {
        self.params
    }

    /// Hashes a password with a fresh random salt and returns the PHC string.
    ///
    /// # Errors
    /// [`Error::PasswordHash`] if argon2 fails (input longer than argon2 allows).
    pub fn hash(&self, password: &str) -> Result<String> {
        let salt = SaltString::generate(&mut OsRng);
        self.argon
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::PasswordHash(e.to_string()))
    }

    /// Verifies a password against a stored PHC string, using the parameters stored in it.
    /// Returns `Ok(false)` for a wrong password.
    ///
    /// # Errors
    /// [`Error::PasswordHash`] when the stored hash is not a valid argon2 PHC string.
    pub fn verify(&self, password: &str, stored: &str) -> Result<bool> {
        let parsed = PasswordHash::new(stored).map_err(|e| Error::PasswordHash(e.to_string()))?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT
            && parsed.algorithm != argon2::ARGON2I_IDENT
            && parsed.algorithm != argon2::ARGON2D_IDENT
        {
            return Err(Error::PasswordHash(format!(
                "unsupported algorithm {}",
                parsed.algorithm
            )));
        }
        match self.argon.verify_password(password.as_bytes(), &parsed) {
            Ok(()) => Ok(true),
            Err(argon2::password_hash::Error::Password) => Ok(false),
            Err(e) => Err(Error::PasswordHash(e.to_string())),
        }
    }

    /// Whether a stored hash should be replaced by a fresh one: it is not argon2id v1.3, or any
    /// of its costs is lower than the configured ones.
    ///
    /// # Errors
    /// [`Error::PasswordHash`] when the stored hash cannot be parsed.
    pub fn needs_rehash(&self, stored: &str) -> Result<bool> {
        let parsed = PasswordHash::new(stored).map_err(|e| Error::PasswordHash(e.to_string()))?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT || parsed.version != Some(0x13) {
            return Ok(true);
        }
        let p = Params::try_from(&parsed).map_err(|e| Error::PasswordHash(e.to_string()))?;
        Ok(p.m_cost() < self.params.memory_kib
            || p.t_cost() < self.params.iterations
            || p.p_cost() < self.params.parallelism)
    }
}

/// Rules a new password must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// Minimum length in characters (default 12, per NIST SP 800-63B guidance for admins).
    pub min_chars: usize,
    /// Maximum length in bytes; bounds the work an unauthenticated login can cause (default 1024).
    pub max_bytes: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_chars: 12,
            max_bytes: 1024,
        }
    }
}

/// A few passwords that pass the length rule but are among the first any attacker tries.
const COMMON: &[&str] = &[
    "password1234",
    "passwordpassword",
    "123456789012",
    "1234567890123",
    "qwertyuiopasdf",
    "qwerty123456",
    "adminadminadmin",
    "administrator",
    "changemechangeme",
    "letmeinletmein",
    "iloveyou1234",
    "welcome12345",
];

impl PasswordPolicy {
    /// Checks a new password. `context` holds words that must not be the password or contained
    /// in it (user name, e-mail, product name).
    ///
    /// # Errors
    /// [`Error::WeakPassword`] with the reason.
    pub fn check(&self, password: &str, context: &[&str]) -> Result<()> {
        let chars = password.chars().count();
        if chars < self.min_chars {
            return Err(Error::WeakPassword(format!(
                "must be at least {} characters",
                self.min_chars
            )));
        }
        if password.len() > self.max_bytes {
            return Err(Error::WeakPassword(format!(
                "must be at most {} bytes",
                self.max_bytes
            )));
        }
        if password.trim().is_empty() {
            return Err(Error::WeakPassword("must not be only whitespace".into()));
        }
        let mut distinct: Vec<char> = password.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 4 {
            return Err(Error::WeakPassword(
                "must use at least 4 different characters".into(),
            ));
        }
        let lower = password.to_lowercase();
        if COMMON.contains(&lower.as_str()) {
            return Err(Error::WeakPassword("is a commonly used password".into()));
        }
        for word in context {
            let w = word.trim().to_lowercase();
            if w.chars().count() >= 4 && lower.contains(&w) {
                return Err(Error::WeakPassword(
                    "must not contain your user name or similar".into(),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> PasswordHasher {
        // Small costs keep unit tests quick; defaults are exercised in the bench.
        PasswordHasher::new(Argon2Params {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap()
    }

    #[test]
    fn hash_and_verify() {
        let h = fast();
        let phc = h.hash("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"), "{phc}");
        assert!(h.verify("correct horse battery", &phc).unwrap());
        assert!(!h.verify("correct horse batterx", &phc).unwrap());
        assert_ne!(
            phc,
            h.hash("correct horse battery").unwrap(),
            "salt is random"
        );
        assert!(h.verify("x", "not a hash").is_err());
        assert!(h
            .verify("x", "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA")
            .is_err());
    }

    #[test]
    fn default_params_are_owasp() {
        let h = PasswordHasher::new(Argon2Params::default()).unwrap();
        let phc = h.hash("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(!h.needs_rehash(&phc).unwrap());
    }

    #[test]
    fn needs_rehash_when_weaker_or_other_variant() {
        let weak = fast().hash("correct horse battery").unwrap();
        let strong = PasswordHasher::new(Argon2Params {
            memory_kib: 2048,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap();
        assert!(strong.needs_rehash(&weak).unwrap());
        assert!(!fast().needs_rehash(&weak).unwrap());
        let argon2i = weak.replacen("argon2id", "argon2i", 1);
        assert!(fast().needs_rehash(&argon2i).unwrap());
        assert!(fast().needs_rehash("garbage").is_err());
    }

    #[test]
    fn policy() {
        let p = PasswordPolicy::default();
        assert!(p.check("short", &[]).is_err());
        assert!(p.check("aaaaaaaaaaaaaaaa", &[]).is_err());
        assert!(p.check("Password1234", &[]).is_err());
        assert!(p.check("            x", &[]).is_err());
        assert!(p.check(&"ab12".repeat(300), &[]).is_err());
        assert!(p.check("alice-rocks-2024!", &["Alice"]).is_err());
        assert!(p.check("tangerine umbrella 42", &["alice"]).is_ok());
        let relaxed = PasswordPolicy {
            min_chars: 8,
            ..PasswordPolicy::default()
        };
        assert!(relaxed.check("tr0ub4dor", &[]).is_ok());
        // 12 multi-byte characters count as 12, not 24.
        assert!(p.check("ééééééabcdéé", &[]).is_ok());
        assert!(p.check("éééééabcdéé", &[]).is_err());
    }
}
