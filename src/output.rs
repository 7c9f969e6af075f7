//! The only stage that writes to disk. The site is written into a fresh
//! folder beside the output folder and swapped in only when every file is
//! written, so a failed or killed build leaves the previous output exactly
//! as it was. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`:
//! at no instant is the output folder missing or half written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

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

/// The output folder is replaced wholesale, so an existing one must be
/// empty or hold a site annals built: never the site's own folder or any
/// other folder a mistyped `--output` names (`..`, `~`, the site through
/// a symbolic link), whose files would be deleted.
fn refuse_foreign_output(output: &Path) -> io::Result<()> {
    let Ok(mut entries) = fs::read_dir(output) else {
        return Ok(()); // missing (or not a folder: the swap fails on its own)
    };
    let empty = entries.next().is_none();
    let built = output.join("index.html").is_file()
        && !output.join("site.yaml").exists()
        && !output.join("content").exists();
    if empty || built {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "it is a folder that annals did not build (it has no index.html, or it has site.yaml or content/), and a build replaces the whole output folder; choose another --output, or empty it first",
    ))
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
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Removes a folder and everything in it, the folders one level down in
/// parallel: a site is thousands of small folders (`events/ID/`), and
/// unlinking is file-system work that both cores can do.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut inner = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            inner.extend(fs::read_dir(entry.path())?.map(|e| e.map(|e| e.path())));
        }
    }
    inner.into_par_iter().try_for_each(|path| {
        let path = path?;
        match fs::symlink_metadata(&path)?.is_dir() {
            true => fs::remove_dir_all(&path),
            false => fs::remove_file(&path),
        }
    })?;
    fs::remove_dir_all(dir)
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
    let mut staging = Staging::new(output)?;
    staging.claim(files.iter().map(|f| f.path.as_str()))?;
    files
        .par_iter()
        .try_for_each(|f| staging.put(&f.path, &f.bytes))?;
    staging.commit()
}

/// A site being written beside its output folder: files are put one by one
/// as a build makes them, their paths claimed, and [`Staging::commit`]
/// swaps the whole site in. Dropped without a commit, it is removed and
/// the output is untouched.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    dir: tempfile::TempDir,
    /// Paths written so far, folded as a case-insensitive file system
    /// sees them, to refuse two files that would be one.
    seen: std::collections::HashMap<String, String>,
}

impl Staging {
    /// Refuses an output folder that annals did not build, removes what a
    /// killed build left beside it, and makes the staging folder.
    pub fn new(output: &Path) -> io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        refuse_foreign_output(output)?;
        fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_stale(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)?;
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            name,
            dir,
            seen: std::collections::HashMap::new(),
        })
    }

    /// Writes one file into the staging folder, from any thread, making
    /// its folder if need be. Its path must be [`Staging::claim`]ed before
    /// the site is committed.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let dest = self.dest(path)?;
        match fs::write(&dest, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = dest.parent() {
                    fs::create_dir_all(dir)?;
                }
                fs::write(&dest, bytes)
            }
            done => done,
        }
    }

    /// Records the paths of files written, refusing two paths (now or
    /// earlier) that are one file where case is ignored (macOS, Windows):
    /// one would replace the other.
    pub fn claim<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) -> io::Result<()> {
        for path in paths {
            let folded = crate::load::folded_path(path);
            if let Some(first) = self.seen.get(&folded) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "`{first}` and `{path}` would be one file where case is ignored (macOS, Windows)"
                    ),
                ));
            }
            self.seen.insert(folded, path.to_string());
        }
        Ok(())
    }

    /// Where a file goes in the staging folder; refuses a path outside it.
    fn dest(&self, path: &str) -> io::Result<PathBuf> {
        let rel = safe_relative(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {path}"),
            )
        })?;
        Ok(self.dir.path().join(rel))
    }

    /// Puts the staged site in the output folder's place.
    pub fn commit(self) -> io::Result<()> {
        let Staging {
            output,
            parent,
            name,
            dir: staging,
            ..
        } = self;
        let output = output.as_path();
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
            // The staging folder now holds the previous site. The new one
            // is in place: failing to remove the old one is not a failed
            // build, and the next build removes what is left
            // (`remove_stale`).
            Ok(()) => {
                let _ = remove_tree(&staging.keep());
                Ok(())
            }
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
                remove_tree(&old)
            }
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

    fn file(p: &str, b: &str) -> OutputFile {
        OutputFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_files_that_differ_only_in_case() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let e = write_site(&out, &[file("Map.png", "a"), file("map.png", "b")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`Map.png` and `map.png` would be one file where case is ignored (macOS, Windows)"
        );
        // Accents in either Unicode form are one name on macOS.
        assert!(
            write_site(
                &out,
                &[file("caf\u{e9}.png", "a"), file("cafe\u{301}.png", "b")]
            )
            .is_err()
        );
        assert!(!out.exists());
    }

    #[test]
    fn files_put_one_by_one_are_claimed_before_the_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "before")]).unwrap();
        let mut staging = Staging::new(&out).unwrap();
        ["events/a/index.html", "events/b/index.html", "index.html"]
            .par_iter()
            .for_each(|p| staging.put(p, p.as_bytes()).unwrap());
        assert!(staging.put("../escape.html", b"x").is_err());
        staging
            .claim(["events/a/index.html", "events/b/index.html", "index.html"])
            .unwrap();
        // A later claim may not take a claimed path in another case.
        let e = staging.claim(["Index.html"]).unwrap_err();
        assert!(
            e.to_string().contains("`index.html` and `Index.html`"),
            "{e}"
        );
        // Not committed: the output is as it was, and nothing is left.
        drop(staging);
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "before"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

        let mut staging = Staging::new(&out).unwrap();
        staging.put("events/a/index.html", b"a").unwrap();
        staging.put("index.html", b"after").unwrap();
        staging
            .claim(["events/a/index.html", "index.html"])
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "after");
        assert_eq!(
            fs::read_to_string(out.join("events/a/index.html")).unwrap(),
            "a"
        );
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_build() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        fs::write(site.join("site.yaml"), "title: T\n").unwrap();
        let e = write_site(&site, &[file("index.html", "x")]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(site.join("site.yaml").exists());
        // A folder of other files, and one with a site in it, likewise.
        assert!(write_site(tmp.path(), &[file("index.html", "x")]).is_err());
        assert!(site.join("content").is_dir());
        // An empty folder is fine.
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        write_site(&empty, &[file("index.html", "x")]).unwrap();
    }

    #[test]
    fn replaces_the_output_in_one_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
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
