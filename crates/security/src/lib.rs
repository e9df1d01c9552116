//! Security core (placeholder).
