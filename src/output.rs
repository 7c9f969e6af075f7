//! The only stage that writes to disk. The site is written into a fresh
//! folder beside the output folder and swapped in only when every file is
//! written, so a failed or killed build leaves the previous output exactly
//! as it was. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`:
//! at no instant is the output folder missing or half written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Refuses output paths that would escape the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && !path.contains('\0')
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

/// Removes staging folders that a killed build left beside the output.
fn remove_stale(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p))
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Swaps two folders in one step where the system can (Linux), else
/// reports `Unsupported` so the caller falls back to two renames.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// Writes `files` to `output`, replacing what was there only once all of
/// them are written.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    remove_stale(&parent, &name);
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;
    let mut dests = Vec::with_capacity(files.len());
    let mut dirs = std::collections::BTreeSet::new();
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            )
        })?;
        let dest = staging.path().join(rel);
        if let Some(dir) = dest.parent() {
            dirs.insert(dir.to_path_buf());
        }
        dests.push((dest, &f.bytes));
    }
    for dir in &dirs {
        fs::create_dir_all(dir)?;
    }
    for (dest, bytes) in &dests {
        fs::write(dest, bytes)?;
    }
    // Readable by the web server like any normally created folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755))?;
    }
    if !output.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, output).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staged);
        });
    }
    match exchange(staging.path(), output) {
        // The staging folder now holds the previous site; dropping it
        // removes it.
        Ok(()) => Ok(()),
        Err(_) => {
            // Two renames: the output is missing for an instant.
            let staged = staging.keep();
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(&parent)?
                .keep();
            fs::remove_dir(&old)?;
            fs::rename(output, &old)?;
            if let Err(e) = fs::rename(&staged, output) {
                let _ = fs::rename(&old, output);
                let _ = fs::remove_dir_all(&staged);
                return Err(e);
            }
            fs::remove_dir_all(&old)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/\0/b").is_none());
        assert!(safe_relative("events/a/index.html").is_some());
    }

    #[test]
    fn replaces_the_output_in_one_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let file = |p: &str, b: &str| OutputFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write_site(
            &out,
            &[file("index.html", "one"), file("old/index.html", "x")],
        )
        .unwrap();
        // A stale staging folder from a killed build is cleaned up.
        fs::create_dir(tmp.path().join(".public.new-stale")).unwrap();
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
