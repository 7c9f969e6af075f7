//! [`SiteTest`]: a site folder (a copy of a fixture, the example site read
//! in place, or an empty folder) with a scratch folder beside it; files
//! written into it; one `annals` command run on it ([`Annals`]); and what
//! the user sees afterwards: the command's [`Outcome`] and the files of a
//! [`Dir`].

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use super::{copy_tree, fixture, page, repo, search_data, tree};

/// A site under test. The scratch folder holds `site/` (unless the site is
/// read in place) and the outputs the commands write (`out/` by default).
pub struct SiteTest {
    /// Shared with the [`Dir`]s of its outputs, which keep it alive.
    tmp: Arc<tempfile::TempDir>,
    root: PathBuf,
    /// False for a site read in place (the example site, a fixture that is
    /// only read): writing to it fails the test.
    writable: bool,
}

impl SiteTest {
    fn at(root: Option<PathBuf>) -> SiteTest {
        let tmp = Arc::new(tempfile::tempdir().unwrap());
        let (root, writable) = match root {
            Some(root) => (root, false),
            None => (tmp.path().join("site"), true),
        };
        SiteTest {
            tmp,
            root,
            writable,
        }
    }

    /// The repository's example site, read where it is.
    pub fn example() -> SiteTest {
        SiteTest::at(Some(repo()))
    }

    /// A copy of the fixture site `tests/fixtures/{name}`, to change.
    pub fn fixture(name: &str) -> SiteTest {
        let t = SiteTest::at(None);
        copy_tree(&fixture(name), &t.root);
        t
    }

    /// The fixture site `tests/fixtures/{name}`, read where it is (for a
    /// test that runs on the folder itself, or only reads it).
    pub fn fixture_in_place(name: &str) -> SiteTest {
        SiteTest::at(Some(fixture(name)))
    }

    /// An empty site folder.
    pub fn empty() -> SiteTest {
        let t = SiteTest::at(None);
        fs::create_dir_all(&t.root).unwrap();
        t
    }

    /// An empty site folder in a scratch folder made inside `parent` (a
    /// tmpfs, say).
    pub fn empty_in(parent: &Path) -> SiteTest {
        let tmp = Arc::new(
            tempfile::tempdir_in(parent)
                .unwrap_or_else(|e| panic!("a folder in {}: {e}", parent.display())),
        );
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        SiteTest {
            tmp,
            root,
            writable: true,
        }
    }

    /// A site folder that does not exist yet (for `init` and `import`).
    pub fn absent() -> SiteTest {
        SiteTest::at(None)
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The scratch folder, which holds the site copy and the outputs.
    pub fn scratch(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file of the site (its folders made as needed).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &SiteTest {
        assert!(self.writable, "{rel}: this site is read in place");
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        self
    }

    /// Writes several files of the site: (path, text).
    pub fn write_all(&self, files: &[(&str, &str)]) -> &SiteTest {
        for (rel, text) in files {
            self.write(rel, text);
        }
        self
    }

    /// Rewrites a text file of the site with `change`.
    pub fn edit(&self, rel: &str, change: impl FnOnce(String) -> String) -> &SiteTest {
        let text = self.read(rel);
        self.write(rel, change(text))
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) -> &SiteTest {
        assert!(self.writable, "{rel}: this site is read in place");
        fs::remove_file(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        self
    }

    /// A text file of the site.
    pub fn read(&self, rel: &str) -> String {
        page(&self.root, rel)
    }

    /// Every file of the site, with its bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root)
    }

    /// The default output folder, `out/` in the scratch folder.
    pub fn out(&self) -> Dir {
        self.dir("out")
    }

    /// A folder `name` in the scratch folder (another output).
    pub fn dir(&self, name: &str) -> Dir {
        Dir {
            path: self.tmp.path().join(name),
            _scratch: Some(Arc::clone(&self.tmp)),
        }
    }

    /// `annals ARGS`, with nothing added.
    pub fn annals(&self, args: &[&str]) -> Annals {
        Annals::new().args(args)
    }

    /// `annals check --root SITE`.
    pub fn check(&self) -> Annals {
        Annals::new().arg("check").arg("--root").arg(&self.root)
    }

    /// `annals check --root SITE --format FORMAT`.
    pub fn check_as(&self, format: &str) -> Annals {
        self.check().args(&["--format", format])
    }

    /// `annals build --root SITE --output out`.
    pub fn build(&self) -> Annals {
        self.build_into(&self.out())
    }

    /// `annals build --root SITE --output DIR`.
    pub fn build_into(&self, out: &Dir) -> Annals {
        Annals::new()
            .arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--output")
            .arg(out.path())
    }

    /// Builds into `out/`, failing the test if the build fails; the output.
    pub fn built(&self) -> Dir {
        self.build().run().succeeds();
        self.out()
    }

    /// Builds into `out/` as published at `base_url`, failing the test if
    /// the build fails; the output.
    pub fn built_at(&self, base_url: &str) -> Dir {
        self.build()
            .args(&["--base-url", base_url])
            .run()
            .succeeds();
        self.out()
    }

    /// `annals serve --root SITE --port 0` (to spawn).
    pub fn serve(&self) -> Annals {
        Annals::new()
            .arg("serve")
            .arg("--root")
            .arg(&self.root)
            .args(&["--port", "0"])
    }

    /// `annals import KIND FILE --root SITE`, KIND `csv` for a `.csv` file
    /// and `timelinejs` for any other.
    pub fn import(&self, file: &Path) -> Annals {
        let kind = if file.extension().is_some_and(|e| e == "csv") {
            "csv"
        } else {
            "timelinejs"
        };
        Annals::new()
            .args(&["import", kind])
            .arg(file)
            .arg("--root")
            .arg(&self.root)
    }

    /// `annals init SITE`.
    pub fn init(&self) -> Annals {
        Annals::new().arg("init").arg(&self.root)
    }

    /// `annals new KIND TITLE ARGS --root SITE`.
    pub fn new_file(&self, kind: &str, title: &str, args: &[&str]) -> Annals {
        Annals::new()
            .args(&["new", kind, title])
            .args(args)
            .arg("--root")
            .arg(&self.root)
    }
}

/// One run of the `annals` binary, being put together.
pub struct Annals {
    command: Command,
}

impl Annals {
    /// The `annals` binary, with colours off.
    pub fn new() -> Annals {
        let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
        command.env("NO_COLOR", "1");
        Annals { command }
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Annals {
        self.command.arg(arg);
        self
    }

    /// More arguments.
    pub fn args(mut self, args: &[&str]) -> Annals {
        self.command.args(args);
        self
    }

    /// An environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Annals {
        self.command.env(key, value);
        self
    }

    /// Where standard output goes (by default, into the [`Outcome`]).
    pub fn stdout(mut self, to: impl Into<Stdio>) -> Annals {
        self.command.stdout(to);
        self
    }

    /// Where standard error goes (by default, into the [`Outcome`]). Only
    /// a test run in debug builds uses it (`hardening/exit_codes.rs`).
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub fn stderr(mut self, to: impl Into<Stdio>) -> Annals {
        self.command.stderr(to);
        self
    }

    /// The same command run as the user `nobody` through `setpriv`
    /// (util-linux): for a test run as root, whom file permissions do not
    /// stop.
    pub fn switched_to_nobody(self) -> Annals {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(self.command.get_program())
            .args(self.command.get_args());
        for (key, value) in self.command.get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        Annals { command }
    }

    /// Runs it to the end; what it printed and its exit code.
    pub fn run(mut self) -> Outcome {
        Outcome(self.command.output().expect("the annals binary runs"))
    }

    /// The command, to spawn or to run with other standard streams.
    pub fn command(self) -> Command {
        self.command
    }
}

impl Default for Annals {
    fn default() -> Annals {
        Annals::new()
    }
}

/// What a finished command showed: exit code, standard output and error.
pub struct Outcome(pub Output);

impl Outcome {
    /// The exit code (none if killed by a signal).
    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    /// Whether it exited with code 0.
    pub fn success(&self) -> bool {
        self.0.status.success()
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    /// Asserts that it succeeded (showing standard error if not).
    #[track_caller]
    pub fn succeeds(self) -> Outcome {
        assert!(self.success(), "failed: {}", self.stderr());
        self
    }

    /// Asserts exit code `code` (showing standard error if not).
    #[track_caller]
    pub fn exits(self, code: i32) -> Outcome {
        assert_eq!(self.code(), Some(code), "{}", self.stderr());
        self
    }

    /// Asserts that standard error is exactly `expected`.
    #[track_caller]
    pub fn stderr_is(self, expected: &str) -> Outcome {
        assert_eq!(self.stderr(), expected);
        self
    }

    /// Asserts that standard error contains `needle`.
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Outcome {
        let err = self.stderr();
        assert!(err.contains(needle), "missing: {needle}\n{err}");
        self
    }

    /// Asserts that standard error starts with `start`.
    #[track_caller]
    pub fn stderr_starts(self, start: &str) -> Outcome {
        let err = self.stderr();
        assert!(err.starts_with(start), "{err}");
        self
    }

    /// Asserts that standard error ends with `end`.
    #[track_caller]
    pub fn stderr_ends(self, end: &str) -> Outcome {
        let err = self.stderr();
        assert!(err.ends_with(end), "{err}");
        self
    }
}

/// A folder of files a command wrote (an output) or read. One in a
/// [`SiteTest`]'s scratch folder keeps that folder until it is dropped.
pub struct Dir {
    path: PathBuf,
    _scratch: Option<Arc<tempfile::TempDir>>,
}

impl Dir {
    /// The folder at `path`.
    pub fn new(path: PathBuf) -> Dir {
        Dir {
            path,
            _scratch: None,
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A path inside it.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.path.join(rel)
    }

    /// Whether the folder exists.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Whether it holds `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.path.join(rel).exists()
    }

    /// A text file in it.
    pub fn read(&self, rel: &str) -> String {
        page(&self.path, rel)
    }

    /// A JSON file in it.
    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// A search data file, as the JSON search.js is handed.
    pub fn search_data(&self, name: &str) -> serde_json::Value {
        search_data(&self.path, name)
    }

    /// Every file below it, with its bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path)
    }

    /// Asserts that `rel` exists.
    #[track_caller]
    pub fn assert_has(&self, rel: &str) {
        assert!(self.has(rel), "{rel} is missing");
    }

    /// Asserts that `rel` does not exist.
    #[track_caller]
    pub fn assert_lacks(&self, rel: &str) {
        assert!(!self.has(rel), "{rel} exists");
    }

    /// Asserts that the text file `rel` contains `needle`.
    #[track_caller]
    pub fn assert_contains(&self, rel: &str, needle: &str) {
        let text = self.read(rel);
        assert!(text.contains(needle), "{rel}: missing {needle}\n{text}");
    }

    /// Asserts that the text file `rel` is exactly `expected`.
    #[track_caller]
    pub fn assert_is(&self, rel: &str, expected: &str) {
        assert_eq!(self.read(rel), expected, "{rel}");
    }
}
