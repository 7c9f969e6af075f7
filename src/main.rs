//! The `annals` command: parses arguments, runs the library, prints what
//! happened and picks the exit code (0 ok, 1 content errors, 2 usage or I/O).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// jemalloc rather than the system's: a build allocates and frees
/// millions of small strings from two threads; against glibc's malloc,
/// jemalloc cuts a 10,000-event build's time by 20% at the same peak
/// memory, and a 100,000-event build's by 25% with 15% less (measured
/// side by side; bench/README.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings (its `malloc_conf`, read when it starts; the
/// `_RJEM_MALLOC_CONF` environment variable still overrides them): freed
/// pages go back to the system after 0.2 s instead of 10, without the
/// intermediate "muzzy" stage. A build frees much of what it made on the
/// way, and the default kept it: 100,000 events peaked at 1.11 GB, now
/// 0.99 GB, for 0.4 s more system time (0 ms: 0.97 GB for 1.4 s more;
/// bench/README.md).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 36] = b"dirty_decay_ms:200,muzzy_decay_ms:0\0";

use annals::diagnostic::Diagnostics;
use annals::{Built, Failure};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Build sourced, browsable timeline sites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the site and write it to the output folder
    Build {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site is published at (overrides site.yaml)
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Fail on warnings as on errors
        #[arg(long)]
        deny_warnings: bool,
        /// Put draft events (`draft: true`) on the timeline too
        #[arg(long)]
        drafts: bool,
        /// Also write a gzip copy (.gz) of every text file, for servers that
        /// send precompressed files (nginx gzip_static, Caddy)
        #[arg(long)]
        precompress: bool,
    },
    /// Check the site and render it in memory, writing nothing
    Check {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings as on errors
        #[arg(long)]
        deny_warnings: bool,
        /// Put draft events (`draft: true`) on the timeline too
        #[arg(long)]
        drafts: bool,
    },
    /// Serve the site on HTTP, rebuild on every change and reload open pages
    Serve {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Write a new site: site.yaml, one source, three events, a README
    Init {
        /// The folder to create
        dir: PathBuf,
        /// Write into a folder that is not empty
        #[arg(long)]
        force: bool,
    },
    /// Turn TimelineJS data into event files of the site at --root
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Write a new event or source file and print its path
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Turn a news article into a clean source and draft events, and report
    Draft {
        /// The article: plain text, Markdown or a saved HTML page
        #[arg(required_unless_present = "timeml")]
        article: Option<PathBuf>,
        /// Tag a TempEval-3 input document instead and print it as TimeML
        #[arg(long, conflicts_with = "article")]
        timeml: Option<PathBuf>,
        /// The site folder to write into
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// When the article was published (2025-05-05T20:03+05:30), if it does not say
        #[arg(long)]
        published: Option<String>,
        /// The IANA time zone of the article's times (Asia/Kolkata)
        #[arg(long)]
        timezone: Option<String>,
        /// The article's language: en or es [default: guessed]
        #[arg(long)]
        language: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// A TimelineJS3 JSON file
    Timelinejs {
        /// The JSON file
        file: PathBuf,
        /// The site folder to write into (site.yaml is created if missing)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// The TimelineJS spreadsheet template, saved as CSV
    Csv {
        /// The CSV file
        file: PathBuf,
        /// The site folder to write into (site.yaml is created if missing)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// Write content/events/SLUG.yaml for a new event
    Event {
        /// The event's title
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// Its id and file name [default: made from the title]
        #[arg(long)]
        id: Option<String>,
        /// When it happened (2025, 2025-02, 2025-05-04, 2025-01/.., -0043-03-15, …)
        #[arg(long, allow_hyphen_values = true)]
        date: String,
        /// The id of the source it cites
        #[arg(long)]
        source: Option<String>,
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write content/sources/SLUG.md for a new article source
    Source {
        /// The article's headline
        #[arg(allow_hyphen_values = true)]
        title: String,
        /// Its id and file name [default: made from the headline]
        #[arg(long)]
        id: Option<String>,
        /// When it was published (2025-05-05, 2025-05-05T20:03+05:30, …)
        #[arg(long, allow_hyphen_values = true)]
        published: Option<String>,
        /// Byline
        #[arg(long)]
        author: Option<String>,
        /// Publication
        #[arg(long)]
        publisher: Option<String>,
        /// Address of the original
        #[arg(long)]
        url: Option<String>,
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Messages with the source line, for people
    Human,
    /// One `file:line:col: error: message` line each, for editors and CI
    Short,
    /// A JSON array of diagnostics, for programs
    Json,
}

/// `--base-url` is checked as site.yaml's `base_url` is.
fn parse_base_url(s: &str) -> Result<String, String> {
    annals::content::base_url(s).map_err(|(message, hint)| format!("{message}; {hint}"))
}

/// Prints `diags` in `format`: false if the JSON report could not be
/// written (and that was said on stderr).
fn print_diagnostics(diags: &Diagnostics, format: Format) -> bool {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match format {
        Format::Human => {
            for d in diags.iter() {
                eprintln!("{}\n", d.human(color));
            }
            for note in diags.notes() {
                eprintln!("note: {note}\n");
            }
            true
        }
        Format::Short => {
            for d in diags.iter() {
                eprintln!("{}", d.short());
            }
            true
        }
        Format::Json => match serde_json::to_string_pretty(diags) {
            Ok(json) => print_out(&json),
            Err(e) => {
                eprintln!("error: {e}");
                false
            }
        },
    }
}

/// Writes `line` to standard output. A reader that stopped reading (`| head`)
/// has what it wanted: that is not an error, and the exit code stays the
/// command's own. Any other failure (a full disk) is said on stderr, and
/// false is returned: the command then ends with the I/O failure code.
#[must_use]
fn print_out(line: &str) -> bool {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{line}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {e}");
            false
        }
        _ => true,
    }
}

/// "13 events, 1 source, 40 pages"
fn counts(built: &Built) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(built.events, "event", "events"),
        plural(built.sources, "source", "sources"),
        plural(built.html_files(), "page", "pages"),
    ) + &match built.drafts_left_out {
        0 => String::new(),
        n => format!(
            "; {} left out (--drafts puts them in)",
            plural(n, "draft", "drafts")
        ),
    }
}

/// On a terminal, a build that takes a while shows its stage on one line,
/// rewritten in place; elsewhere (CI logs, pipes) nothing is printed.
fn progress_line(started: Instant) -> impl Fn(annals::Stage) {
    let terminal = std::io::stderr().is_terminal();
    move |stage| {
        if !terminal || started.elapsed() < std::time::Duration::from_millis(300) {
            return;
        }
        let text = match stage {
            annals::Stage::Checking => "checking the site…".to_string(),
            annals::Stage::Rendering { events } => {
                format!("rendering the pages of {events} events…")
            }
            annals::Stage::Writing { files } => {
                format!("{files} pages written; writing the feeds, exports and search index…")
            }
        };
        eprint!("\r\x1b[2K{text}");
    }
}

/// Clears the progress line before the summary.
fn clear_progress() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[2K");
    }
}

fn fail(failure: Failure, format: Format) -> ExitCode {
    clear_progress();
    match failure {
        Failure::Content(diags) => {
            let delivered = print_diagnostics(&diags, format);
            if !matches!(format, Format::Json) {
                let (e, w) = (diags.error_count(), diags.warning_count());
                let plural =
                    |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
                if e == 0 {
                    eprintln!(
                        "error: the site has {}, and --deny-warnings is on",
                        plural(w, "warning")
                    );
                } else if w > 0 {
                    eprintln!(
                        "error: the site has {} and {}",
                        plural(e, "error"),
                        plural(w, "warning")
                    );
                } else {
                    eprintln!("error: the site has {}", plural(e, "error"));
                }
            }
            ExitCode::from(if delivered { 1 } else { 2 })
        }
        Failure::Usage(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// What `serve` prints as it goes.
fn report_serve(event: annals::serve::ServeEvent, open: bool) {
    use annals::serve::ServeEvent;
    match event {
        ServeEvent::Ready(addr) => {
            let url = format!("http://{addr}/");
            eprintln!("serving {url} (Ctrl-C stops)");
            if open {
                let opener = if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                };
                if std::process::Command::new(opener)
                    .arg(&url)
                    .spawn()
                    .is_err()
                {
                    eprintln!("warning: could not open a browser; visit {url}");
                }
            }
        }
        ServeEvent::Rebuilt {
            files,
            pages,
            took,
            total,
            warnings,
        } => {
            print_diagnostics(&warnings, Format::Human);
            eprintln!("built {pages} pages in {took:.2?}, all {files} files in {total:.2?}");
        }
        ServeEvent::Failed(diags) => {
            print_diagnostics(&diags, Format::Human);
            eprintln!(
                "error: the site has {} error(s); still serving the last good build",
                diags.error_count()
            );
        }
        ServeEvent::Unusable(msg) => eprintln!("error: {msg}; still serving the last good build"),
    }
}

fn main() -> ExitCode {
    // A panic is a bug in annals, never the user's fault: say so, and exit
    // with the usage/I-O code rather than a crash. The hook must not panic
    // itself (a second panic aborts), even when stderr cannot be written.
    // Issues go to Cargo.toml's `repository`, once it has one.
    std::panic::set_hook(Box::new(|info| {
        use std::io::Write as _;
        let tracker = match env!("CARGO_PKG_REPOSITORY") {
            "" => "with the annals maintainers".to_string(),
            repo => format!("at {repo}/issues"),
        };
        let _ = writeln!(
            std::io::stderr(),
            "error: internal error in annals {}: {info}\n\
             This is a bug. Please file an issue {tracker} with the command you ran and, if you can, the files it read.",
            env!("CARGO_PKG_VERSION"),
        );
    }));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(2))
}

fn run() -> ExitCode {
    // annals has no known way to panic left; the tests reach the panic hook
    // through this, which release builds do not have.
    #[cfg(debug_assertions)]
    if std::env::var_os("ANNALS_DEBUG_PANIC").is_some() {
        panic!("ANNALS_DEBUG_PANIC is set");
    }
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            deny_warnings,
            drafts,
            precompress,
        } => build(
            &root,
            output.as_deref(),
            base_url.as_deref(),
            deny_warnings,
            drafts,
            precompress,
        ),
        Command::Check {
            root,
            format,
            deny_warnings,
            drafts,
        } => check(&root, format, deny_warnings, drafts),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => serve(root, port, bind, open),
        Command::Import { from } => import(from),
        Command::Init { dir, force } => init(&dir, force),
        Command::New { what } => new(what),
        Command::Draft {
            article,
            timeml,
            root,
            published,
            timezone,
            language,
        } => draft(&annals::draft::DraftArgs {
            article,
            timeml,
            root,
            published,
            timezone,
            language,
        }),
    }
}

/// `annals build`
fn build(
    root: &Path,
    output: Option<&Path>,
    base_url: Option<&str>,
    deny: bool,
    drafts: bool,
    precompress: bool,
) -> ExitCode {
    let started = Instant::now();
    match annals::build(
        root,
        output,
        base_url,
        deny,
        drafts,
        precompress,
        &progress_line(started),
    ) {
        Ok(report) => {
            clear_progress();
            let built = &report.built;
            print_diagnostics(&built.warnings, Format::Human);
            eprintln!(
                "built {} into {} in {:.2?}",
                counts(built),
                report.output.display(),
                started.elapsed()
            );
            // About to exit: the system frees the site's memory at once,
            // where dropping it piece by piece takes a second on a large
            // site.
            std::mem::forget(report);
            ExitCode::SUCCESS
        }
        Err(f) => fail(f, Format::Human),
    }
}

/// `annals check`
fn check(root: &Path, format: Format, deny: bool, drafts: bool) -> ExitCode {
    match annals::check(root, None, drafts) {
        Ok(built) if deny && !built.warnings.is_empty() => {
            fail(Failure::Content(built.warnings), format)
        }
        Ok(built) => {
            if !print_diagnostics(&built.warnings, format) {
                return ExitCode::from(2);
            }
            if !matches!(format, Format::Json) {
                eprintln!("ok: {}", counts(&built));
            }
            ExitCode::SUCCESS
        }
        Err(f) => fail(f, format),
    }
}

/// `annals serve`
fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr, open: bool) -> ExitCode {
    if !bind.is_loopback() {
        eprintln!(
            "warning: serving on {bind}: every machine that can reach this one can read the site; use --bind 127.0.0.1 to keep it local"
        );
    }
    let opts = annals::serve::ServeOptions { root, bind, port };
    match annals::serve::serve(&opts, move |event| report_serve(event, open)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => fail(Failure::Usage(msg), Format::Human),
    }
}

/// `annals import`
fn import(from: ImportFrom) -> ExitCode {
    let (file, root, csv) = match from {
        ImportFrom::Timelinejs { file, root } => (file, root, false),
        ImportFrom::Csv { file, root } => (file, root, true),
    };
    let imported = annals::import::read(&file).and_then(|text| {
        if csv {
            annals::import::from_csv(&text, annals::import::present_year())
        } else {
            annals::import::from_timelinejs(&text, annals::import::present_year())
        }
    });
    match imported.and_then(|i| annals::import::write(&root, &i).map(|w| (i, w))) {
        Ok((imported, written)) => {
            for w in imported.warnings.iter().chain(&written.notes) {
                eprintln!("warning: {w}");
            }
            if !written.skipped.is_empty() {
                let ids: Vec<String> = written.skipped.iter().map(|id| format!("`{id}`")).collect();
                eprintln!(
                    "skipped {} slide(s) whose event the site already has (imported before?): {}; to import one again, delete its file from content/events/",
                    ids.len(),
                    ids.join(", ")
                );
            }
            eprintln!(
                "imported {} events and {} eras from {} into {} ({} files written); next: annals build --root {}",
                imported.events.len(),
                imported.eras.len(),
                file.display(),
                root.display(),
                written.files.len(),
                root.display()
            );
            ExitCode::SUCCESS
        }
        Err(msg) => fail(Failure::Usage(msg), Format::Human),
    }
}

/// `annals init`
fn init(dir: &Path, force: bool) -> ExitCode {
    match annals::scaffold::init(dir, force) {
        Ok(files) => {
            if force {
                for f in &files {
                    eprintln!("added {}", f.display());
                }
            }
            eprintln!(
                "wrote a new site in {} ({} files); next: cd {} && annals serve",
                dir.display(),
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(msg) => fail(Failure::Usage(msg), Format::Human),
    }
}

/// `annals draft`
fn draft(args: &annals::draft::DraftArgs) -> ExitCode {
    match annals::draft::run(args) {
        Ok(report) if print_out(report.trim_end()) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        // The article, not a site, has the problem: no site summary.
        Err(Failure::Content(diags)) => {
            print_diagnostics(&diags, Format::Human);
            ExitCode::from(1)
        }
        Err(f) => fail(f, Format::Human),
    }
}

/// `annals new`
fn new(what: NewWhat) -> ExitCode {
    let written = match what {
        NewWhat::Event {
            title,
            id,
            date,
            source,
            root,
        } => annals::scaffold::new_event(&root, &title, id.as_deref(), &date, source.as_deref()),
        NewWhat::Source {
            title,
            id,
            published,
            author,
            publisher,
            url,
            root,
        } => annals::scaffold::new_source(
            &root,
            &annals::scaffold::NewSource {
                title: &title,
                id: id.as_deref(),
                published: published.as_deref(),
                author: author.as_deref(),
                publisher: publisher.as_deref(),
                url: url.as_deref(),
            },
        ),
    };
    match written {
        Ok(path) if print_out(&path.display().to_string()) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        Err(msg) => fail(Failure::Usage(msg), Format::Human),
    }
}
