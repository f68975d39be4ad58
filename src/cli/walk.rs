//! The files a `check` run reads: each path given, or the checkable files under a folder.
//!
//! Folders are walked without trusting symlinks: a link to a folder is followed once (a
//! canonical-path set), and a link back into the folder being walked is reported as a loop
//! instead of being walked forever. Entries are not opened here; FIFOs, devices and links to
//! them are listed like files and refused by [`crate::userfile::read_bytes`] when read, which
//! reports them as errors.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One entry of the list: a file to read, or a path that could not be walked.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    Error(PathBuf, String),
}

/// `.txt`, `.md`, `.markdown` and `.policy` (the VS Code extension's own language).
pub fn is_checkable(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown" | "policy")
    )
}

/// Skipped inside folders: hidden entries and build or dependency folders.
fn is_skipped(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.starts_with(b".") || bytes == b"target" || bytes == b"node_modules"
}

/// Every file to check under `paths`, in order (folders sorted by name).
pub fn collect(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut stack = Vec::new();
                walk(path, &mut visited, &mut stack, &mut out);
            }
            // A file named explicitly is checked whatever its extension; a FIFO or device
            // is refused when read.
            Ok(_) => out.push(Found::File(path.clone())),
            Err(e) => out.push(Found::Error(path.clone(), io_message(&e))),
        }
    }
    out
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => e.to_string(),
    }
}

/// Walks `dir`. `stack` holds the canonical paths of the folders being walked (a link to one
/// of them is a loop); `visited` every folder already walked (a second link to one is skipped).
fn walk(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<Found>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            out.push(Found::Error(dir.to_path_buf(), io_message(&e)));
            return;
        }
    };
    if stack.contains(&canonical) {
        out.push(Found::Error(
            dir.to_path_buf(),
            format!(
                "symlink loop (leads back to {}), not followed",
                canonical.display()
            ),
        ));
        return;
    }
    if !visited.insert(canonical.clone()) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Found::Error(dir.to_path_buf(), io_message(&e)));
            return;
        }
    };
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(Result::ok)
        .filter(|e| !is_skipped(&e.file_name()))
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    stack.push(canonical);
    for (path, file_type) in entries {
        let is_dir = match file_type {
            Some(t) if t.is_dir() => true,
            // A symlink counts as a folder when its target is one.
            Some(t) if t.is_symlink() => std::fs::metadata(&path).is_ok_and(|m| m.is_dir()),
            _ => false,
        };
        if is_dir {
            walk(&path, visited, stack, out);
        } else if is_checkable(&path) {
            out.push(Found::File(path));
        }
    }
    stack.pop();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_loop_is_reported_once_and_a_second_link_is_skipped() {
        let d = std::env::temp_dir().join(format!("policy-lsp-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/a.txt"), "会议指出").unwrap();
        std::fs::write(d.join("b.policy"), "会议强调").unwrap();
        std::fs::write(d.join("c.json"), "{}").unwrap();
        std::os::unix::fs::symlink(&d, d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(d.join("sub"), d.join("zz-again")).unwrap();
        let found = collect(std::slice::from_ref(&d));
        let files: Vec<_> = found
            .iter()
            .filter_map(|f| match f {
                Found::File(p) => Some(p.strip_prefix(&d).unwrap().to_path_buf()),
                _ => None,
            })
            .collect();
        assert_eq!(
            files,
            [PathBuf::from("b.policy"), PathBuf::from("sub/a.txt")]
        );
        let errors: Vec<_> = found
            .iter()
            .filter(|f| matches!(f, Found::Error(..)))
            .collect();
        assert_eq!(errors.len(), 1, "{found:?}");
        assert!(
            matches!(errors[0], Found::Error(p, m) if p.ends_with("sub/loop") && m.contains("loop"))
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}
