//! The only stage that writes to disk. The site is written into a fresh
//! folder beside the output folder and swapped in only when every file is
//! written, so a failed build leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Refuses output paths that would escape the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then(|| p.to_path_buf())
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
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            )
        })?;
        let dest = staging.path().join(rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&dest, &f.bytes)?;
    }
    let staged = staging.keep();
    // Readable by the web server like any normally created folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&staged, fs::Permissions::from_mode(0o755))?;
    }
    if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)?
            .keep();
        fs::remove_dir(&old)?;
        fs::rename(output, &old)?;
        if let Err(e) = fs::rename(&staged, output) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&old, output);
            let _ = fs::remove_dir_all(&staged);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else if let Err(e) = fs::rename(&staged, output) {
        let _ = fs::remove_dir_all(&staged);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("events/a/index.html").is_some());
    }
}
