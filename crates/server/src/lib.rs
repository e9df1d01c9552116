//! Composition root (placeholder).
