//! Offline model assets for Voxgate (placeholder).
