//! The call-session model (placeholder).
