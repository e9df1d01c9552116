//! Private files and directories: created with restrictive modes rather than fixed afterwards,
//! so there is no window in which another local user can open them.

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use crate::{Error, Result};

/// Creates `dir` (and parents) with mode 0700 if missing; tightens an existing directory to
/// 0700 when it is readable by group or others.
///
/// # Errors
/// [`Error::Io`] when the directory cannot be created or its mode changed.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|source| Error::Io {
                op: "creating directory",
                path: dir.to_path_buf(),
                source,
            })?;
    }
    tighten(dir, 0o700)
}

/// Creates `file` with mode 0600 if missing (without truncating an existing file), and tightens
/// an existing file to 0600.
///
/// # Errors
/// [`Error::Io`] when the file cannot be created or its mode changed.
pub fn ensure_private_file(file: &Path) -> Result<()> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)
        .map_err(|source| Error::Io {
            op: "creating file",
            path: file.to_path_buf(),
            source,
        })?;
    tighten(file, 0o600)
}

fn tighten(path: &Path, mode: u32) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        op: "reading metadata of",
        path: path.to_path_buf(),
        source,
    })?;
    if meta.permissions().mode() & 0o777 != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(
            |source| Error::Io {
                op: "setting permissions of",
                path: path.to_path_buf(),
                source,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_private_dir_and_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        ensure_private_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        let file = dir.join("db");
        ensure_private_file(&file).unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn tightens_existing_loose_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("loose");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}
