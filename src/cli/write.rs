//! Writing a fixed file back without ever leaving a partial one: the new bytes go to a
//! temporary file in the same folder, which is flushed to disk (`fsync`) and then renamed over
//! the original. A full disk, a file-size limit or a crash leaves either the old file or the
//! new one. The original's permissions are kept; a symlink is resolved so that the link stays
//! a link and its target is replaced.

use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".policy-lsp-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is flushed (not possible everywhere).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_the_content_keeps_permissions_and_symlinks() {
        let d = std::env::temp_dir().join(format!("policy-lsp-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let f = d.join("a.txt");
        std::fs::write(&f, "旧").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        write_atomic(&link, "新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "新");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let leftovers = std::fs::read_dir(&d).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file left behind");
        let _ = std::fs::remove_dir_all(&d);
    }
}
