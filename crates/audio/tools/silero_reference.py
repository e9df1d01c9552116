#!/usr/bin/env python3
"""Reference Silero VAD probabilities from ONNX Runtime, for checking the Rust implementation.

Setup: a venv with `pip install onnxruntime numpy onnx`.

    # Probabilities of an ONNX model as shipped (one per 512-sample chunk, comma-separated):
    python silero_reference.py run MODEL.onnx CLIP.wav
    # The same ONNX graph with its weights replaced by those of a safetensors file, so ONNX
    # Runtime and the Rust code run the very same network:
    python silero_reference.py run MODEL.onnx CLIP.wav --weights silero_vad_16k.safetensors
    # Export an ONNX model's weights under the safetensors names the Rust loader reads:
    python silero_reference.py export MODEL.onnx OUT.safetensors

Streaming is the `silero-vad` package's OnnxWrapper: 16 kHz, 64 samples of context carried
over, the last partial chunk zero-padded. MODEL.onnx is `silero_vad_16k_op15.onnx` (plain
initializers; `silero_vad.onnx` hides its weights inside an If node but gives the same output).
"""
import json
import struct
import sys
import wave

import numpy as np

# ONNX initializer name -> safetensors tensor name (the names tinygrad_model.py uses).
NAMES = {
    "model.stft.forward_basis_buffer": "stft_conv.weight",
    "model.encoder.0.reparam_conv.weight": "conv1.weight",
    "model.encoder.0.reparam_conv.bias": "conv1.bias",
    "model.encoder.1.reparam_conv.weight": "conv2.weight",
    "model.encoder.1.reparam_conv.bias": "conv2.bias",
    "model.encoder.2.reparam_conv.weight": "conv3.weight",
    "model.encoder.2.reparam_conv.bias": "conv3.bias",
    "model.encoder.3.reparam_conv.weight": "conv4.weight",
    "model.encoder.3.reparam_conv.bias": "conv4.bias",
    "model.decoder.rnn.weight_ih": "lstm_cell.weight_ih",
    "model.decoder.rnn.weight_hh": "lstm_cell.weight_hh",
    "model.decoder.rnn.bias_ih": "lstm_cell.bias_ih",
    "model.decoder.rnn.bias_hh": "lstm_cell.bias_hh",
    "model.decoder.decoder.2.weight": "final_conv.weight",
    "model.decoder.decoder.2.bias": "final_conv.bias",
}


def read_safetensors(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(data[base + a:base + b], dtype="<f4").reshape(meta["shape"])
    return out


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def onnx_weights(model):
    from onnx import numpy_helper
    return {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}


def run(model_path, wav_path, weights_path=None):
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper

    model = onnx.load(model_path)
    if weights_path:
        st = read_safetensors(weights_path)
        for init in model.graph.initializer:
            if init.name in NAMES:
                new = st[NAMES[init.name]].reshape(numpy_helper.to_array(init).shape)
                init.CopyFrom(numpy_helper.from_array(new.astype(np.float32), init.name))
    with wave.open(wav_path, "rb") as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getsampwidth() == 2
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    audio = pcm.astype(np.float32) / 32768.0
    if len(audio) % 512:
        audio = np.pad(audio, (0, 512 - len(audio) % 512))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(model.SerializeToString(), sess_options=opts,
                                providers=["CPUExecutionProvider"])
    state = np.zeros((2, 1, 128), dtype=np.float32)
    context = np.zeros((1, 64), dtype=np.float32)
    sr = np.array(16000, dtype=np.int64)
    probs = []
    for i in range(0, len(audio), 512):
        x = np.concatenate([context, audio[None, i:i + 512]], axis=1)
        out, state = sess.run(None, {"input": x, "state": state, "sr": sr})
        context = x[:, -64:]
        probs.append(float(out[0, 0]))
    print(", ".join(f"{p:.6f}" for p in probs))


def export(model_path, out_path):
    import onnx
    w = onnx_weights(onnx.load(model_path))
    write_safetensors(out_path, {NAMES[k]: v for k, v in w.items() if k in NAMES})


def main():
    cmd = sys.argv[1]
    if cmd == "run":
        weights = sys.argv[sys.argv.index("--weights") + 1] if "--weights" in sys.argv else None
        run(sys.argv[2], sys.argv[3], weights)
    elif cmd == "export":
        export(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
