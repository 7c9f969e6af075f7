//! Diagnostics as data: what went wrong, where (file:line:col and the source
//! line), and hints. Stages collect them; only `main` prints them, in the
//! human (rustc-style snippet), short (`file:line:col: error: …`) or JSON form.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content is wrong; nothing is written.
    Error,
    /// Worth a look; the build still succeeds.
    Warning,
}

/// A place in a file: 1-based line and column (in characters) and how many
/// characters it covers. A location is small (32 bytes; a 100,000-event
/// site holds about a million): its file is shared by every location in
/// it, and the text of its line is read back only when a diagnostic shows
/// it ([`Location::source_line`]), so no file's text is kept for the
/// build.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    /// The file, shown relative to the site root where possible (it
    /// dereferences to that path).
    #[serde(serialize_with = "shared_path")]
    pub file: Arc<SourceFile>,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// How many characters the problem covers on that line (at least 1).
    pub len: usize,
}

fn shared_path<S: serde::Serializer>(file: &Arc<SourceFile>, to: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&*file.path, to)
}

impl Location {
    fn key(&self) -> (&Path, usize, usize, usize) {
        (&self.file.path, self.line, self.column, self.len)
    }

    /// The text of the location's line, without its line break, read back
    /// from its file as it was parsed (line breaks normalised, no BOM).
    /// Empty when the file can no longer be read or has changed since
    /// (an edit in `serve`): a line of other text would put the caret
    /// under the wrong words.
    pub fn source_line(&self) -> String {
        self.read_line().unwrap_or_default()
    }

    /// [`Location::source_line`]; `None` when it cannot be read back.
    fn read_line(&self) -> Option<String> {
        self.file
            .text()
            .map(|text| nth_line(&text, self.line).to_string())
    }
}

impl PartialEq for Location {
    fn eq(&self, other: &Location) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Location {}

impl PartialOrd for Location {
    fn partial_cmp(&self, other: &Location) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Location {
    fn cmp(&self, other: &Location) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// A file that locations point into: the path shown in messages, and
/// where its text comes back from when a diagnostic shows a line.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in messages.
    pub path: Arc<Path>,
    origin: Origin,
}

#[derive(Debug)]
enum Origin {
    /// Read from this file on disk: its text had this length and hash.
    Disk { at: PathBuf, len: usize, hash: u64 },
    /// Made from text in memory (built-in templates, tests), kept.
    Memory(Arc<str>),
}

impl std::ops::Deref for SourceFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl SourceFile {
    /// The file's text as it was parsed, or `None` when it cannot be read
    /// back as it was. Diagnostics are shown sorted by file, so the last
    /// text read back is kept for the next one (by path, length and hash).
    fn text(&self) -> Option<Arc<str>> {
        let (at, len, hash) = match &self.origin {
            Origin::Memory(text) => return Some(Arc::clone(text)),
            Origin::Disk { at, len, hash } => (at, *len, *hash),
        };
        type Kept = Option<(PathBuf, usize, u64, Arc<str>)>;
        thread_local! {
            static LAST: std::cell::RefCell<Kept> = const { std::cell::RefCell::new(None) };
        }
        let kept = LAST.with_borrow(|last| match last {
            Some((path, l, h, text)) if path == at && (*l, *h) == (len, hash) => {
                Some(Arc::clone(text))
            }
            _ => None,
        });
        if kept.is_some() {
            return kept;
        }
        let bytes = std::fs::read(at).ok()?;
        let text: Arc<str> = as_parsed(String::from_utf8(bytes).ok()?).into();
        if text.len() != len || hash_text(&text) != hash {
            return None;
        }
        LAST.set(Some((at.clone(), len, hash, Arc::clone(&text))));
        Some(text)
    }
}

/// A file's text as the parsers see it: without a leading BOM, with line
/// breaks normalised to LF (YAML and Markdown also take CRLF and a lone CR
/// as a line break, and a location must count lines as the parsers do).
fn as_parsed(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    lf_breaks(text)
}

/// `text` with CRLF and lone CR line breaks made LF.
fn lf_breaks(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

fn hash_text(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0).hash_one(text)
}

/// 1-based line `n` of `text`, without its line break ("" past the end).
fn nth_line(text: &str, n: usize) -> &str {
    text.split('\n').nth(n.saturating_sub(1)).unwrap_or("")
}

/// One problem found in the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One-line statement of the problem.
    pub message: String,
    /// Where it is; `None` for problems of a whole file or of the site.
    /// (Boxed: diagnostics travel in `Result`s, which should stay small.)
    pub location: Option<Box<Location>>,
    /// The file concerned when there is no line to point at.
    pub file: Option<PathBuf>,
    /// What to do about it.
    pub hints: Vec<String>,
    /// A note about a whole class of problems (the date forms annals
    /// accepts), printed once after all the diagnostics that carry it.
    #[serde(skip)]
    pub note: Option<&'static str>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(message: impl Into<String>, location: Location) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: Some(location.file.to_path_buf()),
            location: Some(Box::new(location)),
            hints: Vec::new(),
            note: None,
        }
    }

    /// An error about a whole file (unreadable, not UTF-8, …).
    pub fn file_error(message: impl Into<String>, file: &Path) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            file: Some(file.to_path_buf()),
            hints: Vec::new(),
            note: None,
        }
    }

    /// Adds a hint (shown as `= hint: …`).
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds the note of a class of problems, shown once per run.
    pub fn with_note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }

    /// Turns the diagnostic into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    fn sort_key(&self) -> (Option<&PathBuf>, usize, usize, Severity, &str) {
        let (line, col) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (self.file.as_ref(), line, col, self.severity, &self.message)
    }

    /// `file:line:col: error: message`. A problem of a whole file is put
    /// at `file:1:1`, so that every line matches an editor's
    /// `%f:%l:%c` pattern.
    pub fn short(&self) -> String {
        let mut out = String::new();
        match (&self.location, &self.file) {
            (Some(l), _) => {
                let _ = write!(out, "{}:{}:{}: ", display_path(&l.file), l.line, l.column);
            }
            (None, Some(f)) => {
                let _ = write!(out, "{}:1:1: ", display_path(f));
            }
            (None, None) => {}
        }
        let _ = write!(out, "{}: {}", self.severity_word(), self.message);
        out
    }

    fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The rustc-style form: message, `--> file:line:col`, the source line
    /// with a caret under the problem, and hints.
    pub fn human(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path;
        // Read back from the file; `None` when it is gone or has changed.
        let line = self.location.as_ref().and_then(|l| l.read_line());
        let mut group = match (&self.location, &line, &self.file) {
            (Some(l), Some(source_line), _) => {
                path = display_path(&l.file);
                let start = byte_of_column(source_line, l.column);
                let end = byte_of_column(source_line, l.column + l.len.max(1));
                let end = end.max(start);
                level.primary_title(self.message.as_str()).element(
                    Snippet::source(source_line.as_str())
                        .line_start(l.line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            (Some(l), None, _) => {
                path = display_path(&l.file);
                level.primary_title(self.message.as_str()).element(
                    annotate_snippets::Origin::path(path.as_str())
                        .line(l.line)
                        .char_column(l.column),
                )
            }
            (None, _, Some(f)) => {
                path = display_path(f);
                level
                    .primary_title(self.message.as_str())
                    .element(annotate_snippets::Origin::path(path.as_str()))
            }
            (None, _, None) => Group::with_title(level.primary_title(self.message.as_str())),
        };
        for hint in &self.hints {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// Paths in messages use `/` on every platform so messages are the same everywhere.
fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Byte offset of a 1-based character column in `line` (clamped to its end).
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// A file's text while it is parsed, so that locations can be made from
/// line/column or byte offsets. Locations do not keep it (see
/// [`Location`]).
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Full text of the file, as parsed (see [`SourceText::new`]).
    pub text: Arc<str>,
    /// The file its locations point into.
    file: Arc<SourceFile>,
    /// Byte offset of the start of each line, so that a location costs a
    /// lookup, not a scan of the file (a file may hold thousands of events).
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Text in memory, shown as the file `path` (relative to the site
    /// root). Line breaks are normalised to LF: YAML and Markdown also
    /// take CRLF and a lone CR as a line break, and a location must count
    /// lines as the parsers do. Its locations keep the text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceText {
        let text: Arc<str> = lf_breaks(text.into()).into();
        let origin = Origin::Memory(Arc::clone(&text));
        Self::with_origin(path.into(), text, origin)
    }

    /// The text of the file at `at` on disk (its bytes as read), shown as
    /// `path`. Its locations read the file again to show a line.
    pub fn read(path: impl Into<PathBuf>, at: &Path, text: String) -> SourceText {
        let text: Arc<str> = as_parsed(text).into();
        let origin = Origin::Disk {
            at: at.to_path_buf(),
            len: text.len(),
            hash: hash_text(&text),
        };
        Self::with_origin(path.into(), text, origin)
    }

    fn with_origin(path: PathBuf, text: Arc<str>, origin: Origin) -> SourceText {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let file = Arc::new(SourceFile {
            path: path.into(),
            origin,
        });
        SourceText {
            text,
            file,
            line_starts,
        }
    }

    /// Path relative to the site root, as shown in messages.
    pub fn path(&self) -> &Path {
        &self.file.path
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1)
            .max(start);
        &self.text[start..end]
    }

    /// Location of 1-based `line` and `column`, covering `len` characters.
    pub fn at(&self, line: usize, column: usize, len: usize) -> Location {
        Location {
            file: Arc::clone(&self.file),
            line: line.max(1),
            column: column.max(1),
            len: len.max(1),
        }
    }

    /// Location of a byte offset, covering `len` characters.
    pub fn at_byte(&self, offset: usize, len: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        self.at(line, column, len)
    }
}

/// All diagnostics of a run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file, line, column: the order they are shown in, whatever
    /// the order the files were read.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
    }

    /// The notes of the diagnostics, each once, in the order first met.
    pub fn notes(&self) -> Vec<&'static str> {
        let mut notes: Vec<&'static str> = Vec::new();
        for n in self.0.iter().filter_map(|d| d.note) {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
        notes
    }

    /// Iterates over the diagnostics.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

/// The known names closest to `wanted`, best first (at most three), for
/// "did you mean" hints.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(wanted, k), k))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    // Only names about as close as the best one: a clear winner stands alone.
    let best = scored.first().map_or(0.0, |s| s.0);
    scored
        .into_iter()
        .filter(|(score, _)| *score >= best - 0.08)
        .take(3)
        .map(|(_, k)| k)
        .collect()
}

/// "did you mean `x`?" or "did you mean one of `x`, `y`?"; `None` when
/// nothing is close.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let best = closest(wanted, known);
    match best.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of {}?",
            many.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_from_bytes_count_characters() {
        let src = SourceText::new("a.yaml", "title: “x”\ndate: 2025-13\n");
        let l = src.at_byte(src.text.find("2025").unwrap(), 7);
        assert_eq!((l.line, l.column), (2, 7));
        assert_eq!(l.source_line(), "date: 2025-13");
    }

    #[test]
    fn short_form_is_file_line_col() {
        let src = SourceText::new("content/events/a.yaml", "date: 2025-13\n");
        let d = Diagnostic::error("invalid month `13`", src.at(1, 12, 2));
        assert_eq!(
            d.short(),
            "content/events/a.yaml:1:12: error: invalid month `13`"
        );
        let human = d.human(false);
        assert!(human.contains("--> content/events/a.yaml:1:12"), "{human}");
        assert!(human.contains("date: 2025-13"), "{human}");
    }

    #[test]
    fn a_line_is_read_back_from_its_file_while_the_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let located = |name: &str| {
            let path = dir.path().join(name);
            let text = "\u{feff}title: x\r\ndate: 2025-13\r\n";
            std::fs::write(&path, text).unwrap();
            let src = SourceText::read(format!("content/events/{name}"), &path, text.into());
            (
                path,
                Diagnostic::error("invalid month `13`", src.at(2, 12, 2)),
            )
        };
        // Read back as parsed: no BOM, no CR.
        let (_, d) = located("a.yaml");
        assert_eq!(d.location.as_ref().unwrap().source_line(), "date: 2025-13");
        assert!(
            d.human(false).contains("2 | date: 2025-13"),
            "{}",
            d.human(false)
        );
        // Edited since it was read: the location stays, the line (now
        // other text) goes.
        let (path, d) = located("b.yaml");
        std::fs::write(&path, "title: x\ndate: 2025-12\n").unwrap();
        assert_eq!(d.location.as_ref().unwrap().source_line(), "");
        let human = d.human(false);
        assert!(human.contains("--> content/events/b.yaml:2:12"), "{human}");
        assert!(!human.contains("2025-1"), "{human}");
        // Read again as it was parsed (`serve` reads an edited file anew).
        let text = std::fs::read_to_string(&path).unwrap();
        let src = SourceText::read("content/events/b.yaml", &path, text);
        assert_eq!(src.at(2, 1, 1).source_line(), "date: 2025-12");
    }

    #[test]
    fn did_you_mean_finds_close_names() {
        assert_eq!(
            did_you_mean("titel", ["title", "date", "tags"]).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
    }
}
