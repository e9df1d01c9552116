//! Reader for CTranslate2's binary model format (`model.bin`, version 6).
//!
//! Layout, little-endian: u32 version; spec name (u16 length + NUL-terminated bytes); u32
//! revision; u32 variable count; per variable: name (u16 length + bytes), u8 rank, rank x u32
//! dims, u8 dtype, u32 byte count, raw data; then u32 alias count and (alias, target) pairs.

use std::collections::HashMap;

use crate::{Error, Result};

/// Element type of a stored variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DType {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl DType {
    fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0 => Self::F32,
            1 => Self::I8,
            2 => Self::I16,
            3 => Self::I32,
            4 => Self::F16,
            5 => Self::Bf16,
            _ => return None,
        })
    }

    fn size(self) -> usize {
        match self {
            Self::I8 => 1,
            Self::I16 | Self::F16 | Self::Bf16 => 2,
            Self::F32 | Self::I32 => 4,
        }
    }
}

/// One variable: shape, type and a byte range of the file.
#[derive(Debug, Clone)]
pub(crate) struct Variable {
    pub shape: Vec<usize>,
    pub dtype: DType,
    start: usize,
    len: usize,
}

/// A parsed `model.bin`, keeping the file bytes and an index of variables.
#[derive(Debug)]
pub(crate) struct Ct2Model {
    pub spec: String,
    bytes: Vec<u8>,
    vars: HashMap<String, Variable>,
}

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| invalid(format!("truncated at byte {}", self.pos)))?;
        let out = &self.data[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Result<String> {
        let n = usize::from(self.u16()?);
        let b = self.take(n)?;
        let b = b.strip_suffix(&[0]).unwrap_or(b);
        String::from_utf8(b.to_vec()).map_err(|_| invalid("variable name is not UTF-8".into()))
    }
}

fn invalid(msg: String) -> Error {
    Error::ModelInvalid(format!("CTranslate2 model.bin: {msg}"))
}

impl Ct2Model {
    /// Parses a whole file already read into memory.
    pub fn parse(bytes: Vec<u8>) -> Result<Self> {
        let mut c = Cursor {
            data: &bytes,
            pos: 0,
        };
        let version = c.u32()?;
        if version != 6 {
            return Err(invalid(format!("binary version {version}, expected 6")));
        }
        let spec = c.string()?;
        let _revision = c.u32()?;
        let count = c.u32()? as usize;
        let mut vars = HashMap::with_capacity(count);
        for _ in 0..count {
            let name = c.string()?;
            let rank = usize::from(c.u8()?);
            let mut shape = Vec::with_capacity(rank);
            for _ in 0..rank {
                shape.push(c.u32()? as usize);
            }
            let code = c.u8()?;
            let dtype =
                DType::from_code(code).ok_or_else(|| invalid(format!("{name}: dtype {code}")))?;
            let len = c.u32()? as usize;
            let elems: usize = shape.iter().product();
            if elems.checked_mul(dtype.size()) != Some(len) {
                return Err(invalid(format!("{name}: {len} bytes for shape {shape:?}")));
            }
            let start = c.pos;
            c.take(len)?;
            vars.insert(
                name,
                Variable {
                    shape,
                    dtype,
                    start,
                    len,
                },
            );
        }
        let aliases = c.u32()?;
        for _ in 0..aliases {
            let alias = c.string()?;
            let target = c.string()?;
            if let Some(v) = vars.get(&target).cloned() {
                vars.insert(alias, v);
            }
        }
        Ok(Self { spec, bytes, vars })
    }

    fn var(&self, name: &str) -> Result<&Variable> {
        self.vars
            .get(name)
            .ok_or_else(|| invalid(format!("variable {name} is missing")))
    }

    /// A variable converted to f32, with its shape.
    pub fn f32(&self, name: &str) -> Result<(Vec<f32>, Vec<usize>)> {
        let v = self.var(name)?;
        let raw = &self.bytes[v.start..v.start + v.len];
        let data = match v.dtype {
            DType::F32 => raw
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            DType::F16 => {
                let halves: Vec<half::f16> = raw
                    .chunks_exact(2)
                    .map(|b| half::f16::from_bits(u16::from_le_bytes([b[0], b[1]])))
                    .collect();
                let mut out = vec![0f32; halves.len()];
                // Uses F16C when the CPU has it (runtime detection inside `half`).
                half::slice::HalfFloatSliceExt::convert_to_f32_slice(&halves[..], &mut out);
                out
            }
            DType::Bf16 => raw
                .chunks_exact(2)
                .map(|b| half::bf16::from_bits(u16::from_le_bytes([b[0], b[1]])).to_f32())
                .collect(),
            other => return Err(invalid(format!("{name}: {other:?} is not a float tensor"))),
        };
        Ok((data, v.shape.clone()))
    }

    /// A rank-0 integer variable (e.g. `encoder/num_heads`).
    pub fn scalar_int(&self, name: &str) -> Result<i64> {
        let v = self.var(name)?;
        let raw = &self.bytes[v.start..v.start + v.len];
        Ok(match (v.dtype, raw) {
            (DType::I8, [a]) => i64::from(*a as i8),
            (DType::I16, [a, b]) => i64::from(i16::from_le_bytes([*a, *b])),
            (DType::I32, [a, b, c, d]) => i64::from(i32::from_le_bytes([*a, *b, *c, *d])),
            _ => return Err(invalid(format!("{name} is not an integer scalar"))),
        })
    }
}
