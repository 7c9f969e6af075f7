//! The only stage that writes to disk. The site is written into a fresh
//! folder beside the output folder and swapped in only when every file is
//! written, so a failed or killed build leaves the previous output exactly
//! as it was. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`:
//! at no instant is the output folder missing or half written.
//!
//! A file whose bytes are the same as the previous output's is not written
//! again: the staging folder gets a hard link to the old file (or, where
//! links fail, a copy that keeps its modification time), so after the
//! swap it keeps its modification time and hosts that sync by time upload
//! only what changed. The old output is never modified, so a failed build
//! still leaves it as it was.
//!
//! With `--precompress`, every text file also gets a gzip copy beside it
//! (`index.html.gz`), for servers that send a precompressed file to
//! browsers that accept it (nginx `gzip_static`, Caddy's `precompressed`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::sync::Mutex;

use crate::outputs::{OutputFile, Target};
use crate::read::folded_path;

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

/// Refuses two paths that are one file where case is ignored.
fn one_file_per_name(paths: &[String]) -> io::Result<()> {
    let mut seen = std::collections::HashMap::with_capacity(paths.len());
    for path in paths {
        if let Some(first) = seen.insert(folded_path(path), path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "`{first}` and `{path}` would be one file where case is ignored (macOS, Windows)"
                ),
            ));
        }
    }
    Ok(())
}

/// The metadata of `old` when it is a plain file holding exactly `bytes`
/// (the length compared first, so most changed files cost no read).
fn unchanged(old: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    let meta = fs::symlink_metadata(old).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    (fs::read(old).ok()? == bytes).then_some(meta)
}

/// Puts the unchanged file `old` at `dest`: a hard link (no bytes
/// written, the same modification time), else a copy given `old`'s
/// modification time.
fn reuse(old: &Path, meta: &fs::Metadata, dest: &Path) -> io::Result<()> {
    match fs::hard_link(old, dest) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(e),
        Ok(()) => Ok(()),
        Err(_) => {
            fs::copy(old, dest)?;
            let file = fs::File::options().write(true).open(dest)?;
            file.set_modified(meta.modified()?)
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

/// A site being written beside its output folder: the build puts files
/// one by one as it makes them, from any thread (it is a [`Target`]), and
/// [`Staging::commit`] swaps the whole site in. Dropped without a commit,
/// it is removed and the output is untouched.
pub(crate) struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    dir: tempfile::TempDir,
    /// Paths written so far, and the first write that failed.
    written: Mutex<(Vec<String>, Option<io::Error>)>,
    /// Also write gzip copies of text files.
    precompress: bool,
}

impl Target for Staging {
    fn put(&self, file: OutputFile) {
        let mut paths = Vec::new();
        let result = self.write(&file.path, &file.bytes).and_then(|reused| {
            if self.precompress && compressible(&file.path, file.bytes.len()) {
                paths.extend(self.write_gzipped(&file.path, &file.bytes, reused)?);
            }
            Ok(())
        });
        paths.push(file.path);
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(()) => written.0.extend(paths),
            Err(e) => {
                written.1.get_or_insert(e);
            }
        }
    }
}

/// Text worth a compressed copy: what browsers fetch and servers
/// compress, from 256 bytes (below that the copy saves nothing).
fn compressible(path: &str, len: usize) -> bool {
    const TEXT: [&str; 9] = [
        "html",
        "css",
        "js",
        "json",
        "xml",
        "ics",
        "svg",
        "txt",
        "webmanifest",
    ];
    len >= 256
        && path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| TEXT.contains(&ext))
}

/// The gzip form of `bytes` (level 6, as servers compress on the fly),
/// when smaller. It is deterministic: the header has no time and no
/// name, so an unchanged file has an unchanged copy, which the next build
/// links rather than writes.
fn gzipped(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::default(),
    );
    gz.write_all(bytes).ok()?;
    gz.finish().ok().filter(|gz| gz.len() < bytes.len())
}

impl Staging {
    /// Refuses an output folder that annals did not build, removes what a
    /// killed build left beside it, and makes the staging folder.
    pub(crate) fn new(output: &Path) -> io::Result<Staging> {
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
            written: Mutex::default(),
            precompress: false,
        })
    }

    /// Also writes a gzip copy of every text file.
    pub(crate) fn precompressed(mut self, on: bool) -> Staging {
        self.precompress = on;
        self
    }

    /// Writes one file into the staging folder, making its folder if need
    /// be; a file the previous output holds with the same bytes is linked
    /// instead ([`reuse`]). Says whether it was.
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<bool> {
        let dest = self.dest(path)?;
        let old = self.output.join(safe_relative(path).unwrap_or_default());
        let once = |dest: &Path| match unchanged(&old, bytes) {
            Some(meta) => reuse(&old, &meta, dest).map(|()| true),
            None => fs::write(dest, bytes).map(|()| false),
        };
        match once(&dest) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = dest.parent() {
                    fs::create_dir_all(dir)?;
                }
                once(&dest)
            }
            done => done,
        }
    }

    /// Writes the gzip copy of the file at `path`; when that file was
    /// `reused` from the previous output, its copy there is reused too
    /// rather than compressed again. The copy's path, if there is one.
    fn write_gzipped(&self, path: &str, bytes: &[u8], reused: bool) -> io::Result<Option<String>> {
        let path = format!("{path}.gz");
        let old = self.output.join(safe_relative(&path).unwrap_or_default());
        if reused
            && let Ok(meta) = fs::symlink_metadata(&old)
            && meta.is_file()
        {
            reuse(&old, &meta, &self.dest(&path)?)?;
            return Ok(Some(path));
        }
        match gzipped(bytes) {
            Some(gz) => self.write(&path, &gz).map(|_| Some(path)),
            None => Ok(None),
        }
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

    /// Puts the staged site in the output folder's place, unless a write
    /// failed or two paths written are one file where case is ignored
    /// (macOS, Windows), where one would replace the other.
    pub(crate) fn commit(self) -> io::Result<()> {
        let Staging {
            output,
            parent,
            name,
            dir: staging,
            written,
            precompress: _,
        } = self;
        let (mut paths, failed) = written.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = failed {
            return Err(e);
        }
        paths.sort_unstable();
        one_file_per_name(&paths)?;
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

    /// Writes `files` to `output` as a build does.
    fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
        let staging = Staging::new(output)?;
        files.par_iter().for_each(|f| staging.put(f.clone()));
        staging.commit()
    }

    #[test]
    fn refuses_files_that_differ_only_in_case() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let e = write_site(&out, &[file("map.png", "b"), file("Map.png", "a")]).unwrap_err();
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
    fn files_put_from_any_thread_are_swapped_in_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "before")]).unwrap();
        let staging = Staging::new(&out).unwrap();
        ["events/a/index.html", "events/b/index.html", "index.html"]
            .par_iter()
            .for_each(|p| staging.put(file(p, p)));
        // Not committed: the output is as it was, and nothing is left.
        drop(staging);
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "before"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

        // A path outside the output fails the commit.
        let staging = Staging::new(&out).unwrap();
        staging.put(file("index.html", "after"));
        staging.put(file("../escape.html", "x"));
        let e = staging.commit().unwrap_err();
        assert!(e.to_string().contains("outside the output folder"), "{e}");
        assert!(!tmp.path().join("escape.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "before"
        );

        let staging = Staging::new(&out).unwrap();
        staging.put(file("events/a/index.html", "a"));
        staging.put(file("index.html", "after"));
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

    #[test]
    fn unchanged_files_keep_their_modification_time_and_changed_ones_are_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "one"), file("a/b.css", "same")]).unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for p in ["index.html", "a/b.css"] {
            let f = fs::File::options().write(true).open(out.join(p)).unwrap();
            f.set_modified(old).unwrap();
        }
        let mtime = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        // Not committed: the old output is untouched.
        let staging = Staging::new(&out).unwrap();
        staging.put(file("a/b.css", "same"));
        staging.put(file("index.html", "two"));
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(mtime("index.html"), old);

        write_site(&out, &[file("index.html", "two"), file("a/b.css", "same")]).unwrap();
        assert_eq!(mtime("a/b.css"), old);
        assert_ne!(mtime("index.html"), old);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(out.join("a/b.css")).unwrap(), "same");
    }
}
