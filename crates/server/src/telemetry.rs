//! Logging that cannot leak secrets.
//!
//! Every formatted log line, whatever its level, target, fields or message, passes through
//! [`Scrubber`] before it reaches the output: secrets are removed at the last point before
//! bytes leave the process, so a field added tomorrow under a new name is covered as long as
//! its value has a recognisable form. The scrubbing rules live in the security crate
//! (`voxgate_security::scrub`); a PII pass from the privacy engine can be chained here too.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// A function that removes sensitive content from one formatted log line.
pub type ScrubFn = dyn Fn(&str) -> Cow<'_, str> + Send + Sync;

/// Wraps a writer factory so every write is scrubbed first.
#[derive(Clone)]
pub struct Scrubber<M> {
    inner: M,
    scrub: Arc<ScrubFn>,
}

impl<M> std::fmt::Debug for Scrubber<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scrubber")
    }
}

impl<M> Scrubber<M> {
    /// Wraps `inner`, applying `scrub` to every line.
    pub fn new(inner: M, scrub: Arc<ScrubFn>) -> Self {
        Self { inner, scrub }
    }
}

/// The writer handed out per event; tracing-subscriber formats one event into a buffer and
/// writes it in one call, so each `write` sees whole lines.
pub struct ScrubbingWriter<W> {
    inner: W,
    scrub: Arc<ScrubFn>,
}

impl<W> std::fmt::Debug for ScrubbingWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScrubbingWriter")
    }
}

impl<W: Write> Write for ScrubbingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let clean = (self.scrub)(&text);
        self.inner.write_all(clean.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Scrubber<M> {
    type Writer = ScrubbingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        ScrubbingWriter {
            inner: self.inner.make_writer(),
            scrub: Arc::clone(&self.scrub),
        }
    }
}

/// The scrubber every Voxgate log line goes through: secrets first, then personal data.
///
/// The PII pass is limited to entities with a strong format (phone numbers, e-mail addresses,
/// SSNs, cards, IBANs, bank and routing numbers): log lines are machine text full of ids,
/// timestamps and addresses that operators need (source IPs in security events), so the
/// context-driven entities stay off here; transcripts go through the full engine elsewhere.
pub fn default_scrub() -> Arc<ScrubFn> {
    use voxgate_privacy::{EntityType, RedactorBuilder};
    let pii = RedactorBuilder::new()
        .entities([
            EntityType::PhoneNumber,
            EntityType::EmailAddress,
            EntityType::UsSsn,
            EntityType::CreditCard,
            EntityType::IbanCode,
            EntityType::UsBankNumber,
            EntityType::AbaRoutingNumber,
        ])
        .build()
        .ok();
    Arc::new(move |line: &str| {
        let secrets_removed = voxgate_security::scrub::scrub(line);
        match &pii {
            Some(redactor) => match redactor.redact_for_log(&secrets_removed) {
                Cow::Borrowed(_) => secrets_removed,
                Cow::Owned(clean) => Cow::Owned(clean),
            },
            None => secrets_removed,
        }
    })
}

/// Parses a level or filter directive (`info`, `warn,voxgate_telephony=debug`).
///
/// # Errors
/// The filter's parse error.
pub fn parse_filter(level: &str) -> Result<EnvFilter, tracing_subscriber::filter::ParseError> {
    EnvFilter::try_new(level)
}

/// Whether a level setting enables debug or trace output anywhere.
pub fn is_verbose(level: &str) -> bool {
    let lower = level.to_ascii_lowercase();
    lower.split(',').any(|directive| {
        let lvl = directive.rsplit('=').next().unwrap_or("").trim();
        lvl == "debug" || lvl == "trace"
    })
}

/// Builds the subscriber writing scrubbed lines to `writer`, without installing it.
pub fn subscriber<M>(config: &LogConfig, writer: M) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    M: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = parse_filter(&config.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let writer = Scrubber::new(writer, default_scrub());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match config.format {
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .finish(),
        ),
        LogFormat::Human => Box::new(builder.with_ansi(false).finish()),
    }
}

/// Installs the global subscriber writing scrubbed lines to `writer`.
///
/// Returns false if a subscriber was already installed (tests, or a second call).
pub fn init_with_writer<M>(config: &LogConfig, writer: M) -> bool
where
    M: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing::subscriber::set_global_default(subscriber(config, writer)).is_ok()
}

/// Installs the global subscriber writing to standard error.
pub fn init(config: &LogConfig) -> bool {
    init_with_writer(config, io::stderr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbose_levels() {
        assert!(is_verbose("debug"));
        assert!(is_verbose("info,voxgate_server=trace"));
        assert!(!is_verbose("info"));
        assert!(!is_verbose("warn,hyper=error"));
    }
}
