//! Reading a file that a user or a repository names: documents given to the CLI, files found
//! by the workspace scan, `lexiconPaths`, `.policy-lsp/config.json`.
//!
//! Such a path can name anything: a FIFO that never answers, `/dev/zero`, a symlink to either,
//! a directory, a 1 GB log. Every such read goes through [`read_bytes`], which only reads
//! regular files, never blocks on opening one, and stops at a size cap. It is blocking I/O:
//! the server calls it from its blocking pool, never from an async worker.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why a user-named file was not read.
#[derive(Debug)]
pub enum UserFileError {
    /// Not a regular file (a directory, FIFO, socket or device), after following symlinks.
    NotRegular,
    /// Larger than the cap given to [`read_bytes`].
    TooLarge { cap: u64 },
    /// The operating system's error (missing, permission denied, …).
    Io(std::io::Error),
}

impl fmt::Display for UserFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserFileError::NotRegular => f.write_str("not a regular file"),
            UserFileError::TooLarge { cap } => {
                write!(f, "larger than {} MB, not read", cap / (1024 * 1024))
            }
            UserFileError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for UserFileError {}

/// Documents and lexicons larger than this are not read (the workspace scan's limit too).
pub const DEFAULT_CAP: u64 = 64 * 1024 * 1024;

/// Reads the regular file at `path` (symlinks followed), at most `cap` bytes.
///
/// The file is opened without blocking (`O_NONBLOCK` on Unix), so a FIFO swapped in between
/// the type check and the open cannot hang the caller, and its type is checked again on the
/// open handle.
pub fn read_bytes(path: &Path, cap: u64) -> Result<Vec<u8>, UserFileError> {
    let meta = std::fs::metadata(path).map_err(UserFileError::Io)?;
    if !meta.is_file() {
        return Err(UserFileError::NotRegular);
    }
    if meta.len() > cap {
        return Err(UserFileError::TooLarge { cap });
    }
    let file = open_nonblocking(path).map_err(UserFileError::Io)?;
    let meta = file.metadata().map_err(UserFileError::Io)?;
    if !meta.is_file() {
        return Err(UserFileError::NotRegular);
    }
    let mut buf = Vec::with_capacity(meta.len().min(cap) as usize);
    // One byte past the cap tells a file that grew after the check from one that fits.
    file.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(UserFileError::Io)?;
    if buf.len() as u64 > cap {
        return Err(UserFileError::TooLarge { cap });
    }
    Ok(buf)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK, spelled out so the module needs no libc outside glibc builds.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const FLAG: i32 = 0o4000;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const FLAG: i32 = 0x0004;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(FLAG)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("policy-lsp-userfile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_a_regular_file() {
        let dir = temp_dir("regular");
        let p = dir.join("a.txt");
        std::fs::write(&p, "会议指出").unwrap();
        assert_eq!(read_bytes(&p, DEFAULT_CAP).unwrap(), "会议指出".as_bytes());
    }

    #[test]
    fn refuses_directories_and_oversized_files() {
        let dir = temp_dir("refuse");
        assert!(matches!(
            read_bytes(&dir, DEFAULT_CAP),
            Err(UserFileError::NotRegular)
        ));
        let p = dir.join("big.txt");
        std::fs::write(&p, vec![b'a'; 100]).unwrap();
        assert!(matches!(
            read_bytes(&p, 99),
            Err(UserFileError::TooLarge { cap: 99 })
        ));
        assert_eq!(read_bytes(&p, 100).unwrap().len(), 100);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_devices_and_symlinks_to_them_without_reading() {
        let dir = temp_dir("dev");
        let link = dir.join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_bytes(Path::new("/dev/zero"), DEFAULT_CAP),
            Err(UserFileError::NotRegular)
        ));
        assert!(matches!(
            read_bytes(&link, DEFAULT_CAP),
            Err(UserFileError::NotRegular)
        ));
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn refuses_a_fifo_without_blocking() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo reads a NUL-terminated path and creates a file; no memory is shared.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_bytes(&fifo, DEFAULT_CAP),
            Err(UserFileError::NotRegular)
        ));
    }
}
