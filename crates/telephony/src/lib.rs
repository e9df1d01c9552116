//! Telephony transports (placeholder).
