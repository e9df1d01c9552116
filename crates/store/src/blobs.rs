//! Encrypted blobs and the keys that open them.
//!
//! - [`KeyRing`]: the current master key (wraps new data keys) plus older ones kept during a
//!   rotation, picked by the key id recorded in each wrapped key.
//! - [`BlobStore`]: sealed blobs as files under `data/blobs/<call>/<blob>.bin`, written
//!   atomically (temporary file, fsync, rename, directory fsync), files 0640 in 0750
//!   directories. Only ciphertext ever reaches these files; small blobs stay in the database
//!   (`blobs.ciphertext`) and never touch the file system.
//!
//! Key ids are derived from the key material (`mk-` and 16 hex digits of a domain-separated
//! SHA-256), so a configuration names only the secret and an id never has to be kept in step.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use voxgate_security::audit::AuditKey;
use voxgate_security::crypto::{self, DataKey, LookupKey, MasterKey, WrappedKey};
use zeroize::Zeroizing;

use crate::{Error, Result};

/// Mode of blob directories.
pub const BLOB_DIR_MODE: u32 = 0o750;
/// Mode of blob files.
pub const BLOB_FILE_MODE: u32 = 0o640;
/// Ciphertexts up to this size stay in the database instead of a file.
pub const INLINE_MAX: usize = 16 * 1024;

/// Decodes key text: 64 hex digits, or base64 (standard or URL-safe, padding optional), or,
/// failing both, the UTF-8 bytes of a passphrase-like secret of at least 32 bytes.
///
/// # Errors
/// [`Error::Key`] when the result is shorter than 32 bytes.
pub fn decode_key_text(text: &str) -> Result<Zeroizing<Vec<u8>>> {
    let t = text.trim();
    let bytes = if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        hex::decode(t).ok()
    } else {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE};
        let unpadded = t.trim_end_matches('=');
        let padded = format!("{unpadded}{}", "=".repeat((4 - unpadded.len() % 4) % 4));
        STANDARD
            .decode(&padded)
            .or_else(|_| URL_SAFE.decode(&padded))
            .ok()
    };
    let bytes = Zeroizing::new(match bytes {
        Some(b) if b.len() >= 32 => b,
        _ => t.as_bytes().to_vec(),
    });
    if bytes.len() < 32 {
        return Err(Error::Key(
            "key must be at least 32 bytes (64 hex digits or base64 of 32 bytes)".into(),
        ));
    }
    Ok(bytes)
}

/// The id of a master key: `mk-` and the first 8 bytes, in hex, of
/// SHA-256(`voxgate-master-key-id\0` || key).
pub fn master_key_id(key: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"voxgate-master-key-id\0");
    h.update(key);
    let d = h.finalize();
    format!("mk-{}", hex::encode(&d[..8]))
}

/// A master key from its secret text (see [`decode_key_text`]; exactly 32 bytes), with its
/// derived id.
///
/// # Errors
/// [`Error::Key`] for anything but 32 bytes.
pub fn master_key_from_text(text: &str) -> Result<MasterKey> {
    let bytes = decode_key_text(text)?;
    if bytes.len() != 32 {
        return Err(Error::Key(format!(
            "master key must be exactly 32 bytes, got {}",
            bytes.len()
        )));
    }
    MasterKey::from_bytes(master_key_id(&bytes), &bytes).map_err(Error::from)
}

/// The audit key from its secret text.
///
/// # Errors
/// [`Error::Key`] when shorter than 32 bytes.
pub fn audit_key_from_text(text: &str) -> Result<AuditKey> {
    let bytes = decode_key_text(text)?;
    AuditKey::from_bytes(&bytes).map_err(Error::from)
}

/// The caller-lookup key, derived from the audit key text as
/// HMAC-SHA256(audit key, `voxgate-caller-lookup-v1`). Deriving it from the audit key rather
/// than the master key keeps caller hashes stable across master-key rotations.
///
/// # Errors
/// [`Error::Key`] when the audit key is shorter than 32 bytes.
pub fn lookup_key_from_audit_text(text: &str) -> Result<LookupKey> {
    let bytes = decode_key_text(text)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&bytes)
        .map_err(|_| Error::Key("audit key".into()))?;
    mac.update(b"voxgate-caller-lookup-v1");
    let derived = Zeroizing::new(mac.finalize().into_bytes().to_vec());
    LookupKey::from_bytes(&derived).map_err(Error::from)
}

/// The master keys the store knows: the current one wraps new data keys; older ones only
/// unwrap, until `voxgate master-key rotate` has re-wrapped everything.
#[derive(Debug)]
pub struct KeyRing {
    current: MasterKey,
    older: Vec<MasterKey>,
}

impl KeyRing {
    /// A ring with one key.
    pub fn new(current: MasterKey) -> Self {
        Self {
            current,
            older: Vec::new(),
        }
    }

    /// Adds a key that may still unwrap older data keys.
    pub fn with_older(mut self, key: MasterKey) -> Self {
        if key.id() != self.current.id() {
            self.older.push(key);
        }
        self
    }

    /// The key that wraps new data keys.
    pub fn current(&self) -> &MasterKey {
        &self.current
    }

    /// The key with this id, if known.
    pub fn find(&self, id: &str) -> Option<&MasterKey> {
        std::iter::once(&self.current)
            .chain(self.older.iter())
            .find(|k| k.id() == id)
    }

    /// Wraps a data key for `call_id` under the current key.
    ///
    /// # Errors
    /// [`Error::Crypto`].
    pub fn wrap(&self, key: &DataKey, call_id: &str) -> Result<WrappedKey> {
        crypto::wrap(&self.current, key, call_id).map_err(Error::from)
    }

    /// Unwraps with whichever known key wrapped it.
    ///
    /// # Errors
    /// [`Error::Key`] when the master key is unknown, [`Error::Crypto`] when it fails to open.
    pub fn unwrap(&self, wrapped: &WrappedKey, call_id: &str) -> Result<DataKey> {
        let master = self.find(wrapped.master_key_id()).ok_or_else(|| {
            Error::Key(format!(
                "data key of call {call_id} is wrapped by unknown master key {}",
                wrapped.master_key_id()
            ))
        })?;
        crypto::unwrap(master, wrapped, call_id).map_err(Error::from)
    }
}

/// Checks that an id is safe as a path component: 1-128 of `[A-Za-z0-9._-]`, not starting
/// with a dot.
///
/// # Errors
/// [`Error::InvalidInput`] otherwise.
pub fn check_id(kind: &'static str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{kind} id must be 1-128 characters of A-Z a-z 0-9 . _ - and not start with a dot"
        )))
    }
}

/// Sealed blob files under one root directory.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

fn io_err<'a>(op: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        op,
        path: path.to_path_buf(),
        source,
    }
}

fn ensure_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        DirBuilder::new()
            .recursive(true)
            .mode(BLOB_DIR_MODE)
            .create(dir)
            .map_err(io_err("creating directory", dir))?;
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(BLOB_DIR_MODE))
        .map_err(io_err("setting permissions of", dir))
}

fn fsync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err("syncing directory", dir))
}

impl BlobStore {
    /// Opens (creating with mode 0750) the blob directory `root`.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn open(root: &Path) -> Result<Self> {
        ensure_dir(root)?;
        Ok(Self {
            root: root.to_path_buf(),
        })
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn call_dir(&self, call_id: &str) -> Result<PathBuf> {
        check_id("call", call_id)?;
        Ok(self.root.join(call_id))
    }

    /// Path of a blob file.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for ids unfit for paths.
    pub fn path(&self, call_id: &str, blob_id: &str) -> Result<PathBuf> {
        check_id("blob", blob_id)?;
        Ok(self.call_dir(call_id)?.join(format!("{blob_id}.bin")))
    }

    /// Writes a ciphertext atomically: a temporary file (0640) is written and fsynced, renamed
    /// over the final name, and the directory fsynced, so a crash leaves either no blob or the
    /// whole blob.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::InvalidInput`].
    pub fn write(&self, call_id: &str, blob_id: &str, ciphertext: &[u8]) -> Result<()> {
        let dir = self.call_dir(call_id)?;
        ensure_dir(&dir)?;
        let path = self.path(call_id, blob_id)?;
        let tmp = dir.join(format!(".{blob_id}.tmp"));
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(BLOB_FILE_MODE)
            .open(&tmp)
            .map_err(io_err("creating", &tmp))?;
        // The umask may have narrowed the mode; set it exactly.
        f.set_permissions(std::fs::Permissions::from_mode(BLOB_FILE_MODE))
            .map_err(io_err("setting permissions of", &tmp))?;
        f.write_all(ciphertext).map_err(io_err("writing", &tmp))?;
        f.sync_all().map_err(io_err("syncing", &tmp))?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(io_err("renaming", &path))?;
        fsync_dir(&dir)
    }

    /// Reads a ciphertext.
    ///
    /// # Errors
    /// [`Error::NotFound`] when missing, [`Error::Io`] otherwise.
    pub fn read(&self, call_id: &str, blob_id: &str) -> Result<Vec<u8>> {
        let path = self.path(call_id, blob_id)?;
        std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound {
                    what: "blob",
                    id: blob_id.to_owned(),
                }
            } else {
                Error::Io {
                    op: "reading",
                    path,
                    source: e,
                }
            }
        })
    }

    /// Removes one blob file (missing is fine).
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn remove(&self, call_id: &str, blob_id: &str) -> Result<()> {
        let path = self.path(call_id, blob_id)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Io {
                op: "removing",
                path,
                source,
            }),
        }
    }

    /// Removes a call's directory and every blob in it; returns how many files went.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn remove_call(&self, call_id: &str) -> Result<usize> {
        let dir = self.call_dir(call_id)?;
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(source) => {
                return Err(Error::Io {
                    op: "listing",
                    path: dir,
                    source,
                })
            }
        };
        let mut n = 0;
        for entry in entries {
            let entry = entry.map_err(io_err("listing", &dir))?;
            let p = entry.path();
            std::fs::remove_file(&p).map_err(io_err("removing", &p))?;
            n += 1;
        }
        std::fs::remove_dir(&dir).map_err(io_err("removing directory", &dir))?;
        fsync_dir(&self.root)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_private_files() {
        let tmp = tempfile::tempdir().unwrap();
        let store = BlobStore::open(&tmp.path().join("blobs")).unwrap();
        store.write("call-1", "b1", b"ciphertext").unwrap();
        let p = store.path("call-1", "b1").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            std::fs::metadata(p.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o750
        );
        assert_eq!(store.read("call-1", "b1").unwrap(), b"ciphertext");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b1.bin")]);
        assert!(matches!(
            store.read("call-1", "b2"),
            Err(Error::NotFound { .. })
        ));
        assert_eq!(store.remove_call("call-1").unwrap(), 1);
        assert!(!p.parent().unwrap().exists());
        assert_eq!(store.remove_call("call-1").unwrap(), 0);
    }

    #[test]
    fn ids_cannot_escape_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        let store = BlobStore::open(tmp.path()).unwrap();
        for bad in ["..", "../x", "a/b", "", ".hidden", "a\0b"] {
            assert!(store.path("c", bad).is_err(), "{bad:?}");
            assert!(store.path(bad, "b").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn key_text_and_ids() {
        let hexkey = "11".repeat(32);
        let k = master_key_from_text(&hexkey).unwrap();
        assert_eq!(k.id(), master_key_id(&[0x11; 32]));
        assert!(k.id().starts_with("mk-") && k.id().len() == 19);
        let b64 = base64::engine::general_purpose::STANDARD.encode([0x11; 32]);
        assert_eq!(
            master_key_from_text(&format!("{b64}\n")).unwrap().id(),
            k.id()
        );
        assert!(master_key_from_text("short").is_err());
        assert!(
            master_key_from_text(&"x".repeat(40)).is_err(),
            "not 32 bytes"
        );
        assert!(audit_key_from_text(&"p".repeat(40)).is_ok());
        assert!(lookup_key_from_audit_text(&hexkey).is_ok());
        let ring = KeyRing::new(k).with_older(master_key_from_text(&"22".repeat(32)).unwrap());
        let dk = DataKey::generate();
        let w = ring.wrap(&dk, "c").unwrap();
        assert!(ring.unwrap(&w, "c").is_ok());
        let other = KeyRing::new(master_key_from_text(&"33".repeat(32)).unwrap());
        assert!(matches!(other.unwrap(&w, "c"), Err(Error::Key(_))));
    }
}
