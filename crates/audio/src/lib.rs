//! Audio toolkit for Voxgate.
//!
//! Everything that touches samples and nothing that touches models or sockets: G.711 codecs,
//! PCM conversions, streaming resampling, voice activity detection, endpointing and audio file
//! decoding with validation.

pub mod g711;
