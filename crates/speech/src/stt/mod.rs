//! Speech-to-text engines.
