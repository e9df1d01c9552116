#!/usr/bin/env python3
"""Prints the MEL_FIXTURE table of tests/stt.rs: faster-whisper's log-mel of a fixed signal.

Run with a Python that has faster-whisper installed. The signal must match `fixture_signal()`
in tests/stt.rs.
"""
import numpy as np
from faster_whisper.feature_extractor import FeatureExtractor

t = np.arange(16000, dtype=np.float32) / 16000.0
x = (0.3 * np.sin(2 * np.pi * 440.0 * t)
     + 0.2 * np.sin(2 * np.pi * (300.0 + 2000.0 * t) * t)
     + 0.05 * np.sin(2 * np.pi * 3500.0 * t)).astype(np.float32)
mel = FeatureExtractor()(x, padding=160)
assert mel.shape == (80, 101), mel.shape
print("const MEL_FIXTURE: &[(usize, usize, f32)] = &[")
for m in (0, 5, 13, 27, 40, 55, 63, 79):
    for f in (0, 1, 17, 50, 99, 100):
        print(f"    ({m}, {f}, {mel[m, f]:.6f}),")
print("];")
