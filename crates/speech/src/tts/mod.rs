//! Text-to-speech engines.
