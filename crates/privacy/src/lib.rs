//! PII detection and redaction for call transcripts (placeholder; see the privacy issue).
