//! `annals serve`: builds the site in memory, serves it over HTTP, watches
//! the site's files and rebuilds on change, and tells open pages to reload
//! (server-sent events). While the content has errors the last good site
//! stays served, with an overlay listing the errors on every page.
//!
//! Files are served from memory only, by exact path: nothing outside the
//! rendered site can be reached, whatever the request path says. The
//! reload script and the overlay are added to responses here, never to the
//! output of `build`.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use notify::RecursiveMode;
use std::future::IntoFuture;

use tokio::sync::watch;

use crate::diagnostic::Diagnostics;
use crate::outputs::MemoryTarget;
use crate::site::Failure;
use crate::site::{Site, Stage};
use crate::views::escape::escape_html;

/// How long a burst of file changes may last before the site is rebuilt:
/// an editor's save (write, rename, change of times) takes a few
/// milliseconds.
const DEBOUNCE_MS: u64 = 20;

/// Where the reload events are served.
const EVENTS_PATH: &str = "/__annals/events";

const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource(\"/__annals/events\");s.onmessage=function(e){if(e.data===\"reload\"){location.reload();}};})();</script>";

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
}

/// What happened, for `main` to print.
#[derive(Debug)]
pub enum ServeEvent {
    /// Listening at this address.
    Ready(SocketAddr),
    /// A rebuild succeeded.
    Rebuilt {
        /// Pages and files served now.
        files: usize,
        /// Pages rendered (the ones whose inputs changed).
        pages: usize,
        /// From the change to the updated pages being served.
        took: Duration,
        /// From the change to every file being served.
        total: Duration,
        /// Warnings of the new build.
        warnings: Diagnostics,
    },
    /// A rebuild failed: the previous site stays served.
    Failed(Diagnostics),
    /// The site could not be read at all.
    Unusable(String),
}

/// The site as served: files by path, and the errors of the last build if
/// it failed.
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    overlay: Option<String>,
}

struct Shared {
    site: RwLock<Served>,
    generation: watch::Sender<u64>,
}

fn overlay_html(diags: &Diagnostics) -> String {
    let mut lines = String::new();
    for d in diags.iter() {
        lines.push_str(&escape_html(&d.short()));
        lines.push('\n');
        for h in &d.hints {
            lines.push_str("    hint: ");
            lines.push_str(&escape_html(h));
            lines.push('\n');
        }
    }
    format!(
        "<div id=\"annals-overlay\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffdede;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647;border-bottom:3px solid #ff6b6b\"><strong>annals: the site has errors; showing the last good build.</strong>\n{lines}</div>"
    )
}

/// The site being served, kept between rebuilds so that a change to a few
/// content files costs little.
struct Session {
    root: PathBuf,
    /// `None` until the site has been read.
    site: Option<Site>,
}

impl Shared {
    fn served(&self) -> std::sync::RwLockWriteGuard<'_, Served> {
        self.site.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps serving the last good build, with the errors over every page.
    fn fail(&self, failure: Failure, report: &(dyn Fn(ServeEvent) + Send + Sync)) {
        let (overlay, event) = match failure {
            Failure::Content(diags) => (overlay_html(&diags), ServeEvent::Failed(diags)),
            Failure::Usage(msg) => (
                overlay_html(&Diagnostics::from(vec![
                    crate::diagnostic::Diagnostic::file_error(msg.clone(), Path::new("site.yaml")),
                ])),
                ServeEvent::Unusable(msg),
            ),
        };
        self.served().overlay = Some(overlay);
        report(event);
        self.generation.send_modify(|g| *g += 1);
    }
}

/// Rebuilds after `changed` files changed (`None`: read everything again)
/// and updates what is served. When only content files changed, only the
/// pages whose inputs changed are rendered; they are served (and open pages
/// reloaded) at once, and the feeds, exports and search index follow.
fn rebuild(
    session: &mut Session,
    changed: Option<&[PathBuf]>,
    shared: &Shared,
    report: &(dyn Fn(ServeEvent) + Send + Sync),
) {
    let started = Instant::now();
    let incremental = match (session.site.as_mut(), changed) {
        (Some(site), Some(paths)) => site.update(paths),
        _ => false,
    };
    if !incremental {
        match Site::load(&session.root, None).map(|site| site.with_drafts(true)) {
            Ok(mut site) => {
                site.keep_render_cache();
                session.site = Some(site);
            }
            Err(failure) => {
                session.site = None;
                return shared.fail(failure, report);
            }
        }
    }
    let Some(site) = session.site.as_mut() else {
        return;
    };
    let target = MemoryTarget::default();
    let took = std::cell::Cell::new(None);
    // An incremental rebuild serves the pages as soon as they are rendered
    // (open pages reload) while the data files are made.
    let pages_rendered = |stage: Stage| {
        if !matches!(stage, Stage::Writing { .. }) {
            return;
        }
        took.set(Some(started.elapsed()));
        if incremental {
            let mut served = shared.served();
            for f in target.take() {
                served.files.insert(f.path, Arc::new(f.bytes));
            }
            served.overlay = None;
            drop(served);
            shared.generation.send_modify(|g| *g += 1);
        }
    };
    let built = match site.build(&target, &pages_rendered) {
        Ok(built) => built,
        Err(failure) => return shared.fail(failure, report),
    };
    let pages: HashSet<&str> = site.page_paths().into_iter().collect();
    {
        let mut served = shared.served();
        if incremental {
            // Pages the site still has stay; data files are all made anew.
            served.files.retain(|path, _| pages.contains(path.as_str()));
        } else {
            served.files.clear();
        }
        for f in target.into_files() {
            served.files.insert(f.path, Arc::new(f.bytes));
        }
        served.overlay = None;
    }
    if !incremental {
        shared.generation.send_modify(|g| *g += 1);
    }
    let files = shared.served().files.len();
    report(ServeEvent::Rebuilt {
        files,
        pages: built.pages,
        took: took.get().unwrap_or_else(|| started.elapsed()),
        total: started.elapsed(),
        warnings: built.warnings,
    });
}

/// The key of a request path in the served files, or `None` for a path
/// that tries to leave the site (`..`, encoded or not), or is malformed.
fn request_key(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// HTML as served: the reload script, and the error overlay if any.
fn decorate(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let extra = format!("{}{RELOAD_SCRIPT}", overlay.unwrap_or(""));
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn respond(status: StatusCode, key: &str, bytes: &[u8], overlay: Option<&str>) -> Response {
    let ctype = content_type(key);
    let body = if ctype.starts_with("text/html") {
        decorate(bytes, overlay)
    } else {
        bytes.to_vec()
    };
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    // A static site is only read. A request body is never read, so it is
    // never buffered; closing the connection drops whatever is still being
    // sent. (Request heads are bounded by hyper: over about 400 KB, 431.)
    if method != Method::GET && method != Method::HEAD {
        let mut res = Response::new(Body::from("only GET and HEAD are served\n"));
        *res.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        let headers = res.headers_mut();
        headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        return res;
    }
    if uri.path() == EVENTS_PATH {
        return events(shared).into_response();
    }
    let site = shared.site.read().unwrap_or_else(|p| p.into_inner());
    let overlay = site.overlay.as_deref();
    let not_found = || match site.files.get("404.html") {
        Some(page) => respond(StatusCode::NOT_FOUND, "404.html", page, overlay),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    let Some(key) = request_key(uri.path()) else {
        return not_found();
    };
    if let Some(bytes) = site.files.get(&key) {
        return respond(StatusCode::OK, &key, bytes, overlay);
    }
    // `/events/x` → `/events/x/`, so that the page's relative links work.
    if site.files.contains_key(&format!("{key}/index.html")) {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::MOVED_PERMANENTLY;
        // Built from the normalised key, never from the raw path (`//host`
        // would send the browser to another site).
        if let Ok(loc) = HeaderValue::from_str(&format!("/{key}/")) {
            res.headers_mut().insert(header::LOCATION, loc);
        }
        return res;
    }
    not_found()
}

fn events(
    shared: Arc<Shared>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let rx = shared.generation.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        Some((Ok(Event::default().data("reload")), rx))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Paths whose change triggers a rebuild.
fn is_watched(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel.components().next();
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden
        && first.is_some_and(|c| {
            matches!(
                c.as_os_str().to_str(),
                Some("content" | "templates" | "static" | "i18n" | "site.yaml")
            )
        })
}

/// The changes a burst of file events makes to the site (only changes
/// count: reading files is an event too, inotify's open and close, or every
/// rebuild would start another); `None` when the watcher lost track, and
/// everything must be read again.
fn changed_paths(
    root: &Path,
    result: notify_debouncer_full::DebounceEventResult,
) -> Option<Vec<PathBuf>> {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    let events = result.ok()?;
    let mut paths: Vec<PathBuf> = events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            ) && !matches!(
                e.kind,
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
            )
        })
        .flat_map(|e| e.paths.iter())
        .filter(|p| is_watched(root, p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    Some(paths)
}

/// Watches the site's own folders and site.yaml, and rebuilds `session`
/// on every burst of changes (debounced), never on the output folder.
fn watch_site(
    root: &Path,
    mut session: Session,
    shared: Arc<Shared>,
    report: Arc<dyn Fn(ServeEvent) + Send + Sync>,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    String,
> {
    let watched = root.to_path_buf();
    let mut debouncer = notify_debouncer_full::new_debouncer(
        Duration::from_millis(DEBOUNCE_MS),
        None,
        move |result| match changed_paths(&watched, result) {
            Some(paths) if paths.is_empty() => {}
            Some(paths) => rebuild(&mut session, Some(&paths), &shared, report.as_ref()),
            None => rebuild(&mut session, None, &shared, report.as_ref()),
        },
    )
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in ["content", "templates", "i18n", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    Ok(debouncer)
}

/// Builds, serves and watches until Ctrl-C. `report` is told what happens.
pub fn serve(
    opts: &ServeOptions,
    report: impl Fn(ServeEvent) + Send + Sync + 'static,
) -> Result<(), String> {
    let root = std::fs::canonicalize(&opts.root)
        .map_err(|e| format!("cannot open {}: {e}", opts.root.display()))?;
    if !root.join("site.yaml").is_file() {
        return Err(crate::read::not_a_site(&opts.root));
    }
    let report: Arc<dyn Fn(ServeEvent) + Send + Sync> = Arc::new(report);
    let (generation, _) = watch::channel(0u64);
    let shared = Arc::new(Shared {
        site: RwLock::new(Served {
            files: HashMap::new(),
            overlay: None,
        }),
        generation,
    });
    let mut session = Session {
        root: root.clone(),
        site: None,
    };
    rebuild(&mut session, None, &shared, report.as_ref());

    let debouncer = watch_site(&root, session, Arc::clone(&shared), Arc::clone(&report))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(opts.bind, opts.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        report(ServeEvent::Ready(local));
        let app = axum::Router::new().fallback(handle).with_state(shared);
        // Ctrl-C ends the server at once: open pages hold their reload
        // streams forever, so waiting for connections to finish would hang.
        tokio::select! {
            served = axum::serve(listener, app).into_future() => {
                served.map_err(|e| format!("the server stopped: {e}"))
            }
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })?;
    drop(debouncer);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(request_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            request_key("/events/a/").as_deref(),
            Some("events/a/index.html")
        );
        assert_eq!(request_key("/style.css").as_deref(), Some("style.css"));
        assert_eq!(request_key("/events/a").as_deref(), Some("events/a"));
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/..%2fsite.yaml",
            "/a/..%5c..%5csite.yaml",
            "/%2E%2E%2F%2E%2E%2Fetc/passwd",
            "/a%00b",
        ] {
            assert_eq!(request_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn html_gets_the_reload_script_and_overlay() {
        let out =
            String::from_utf8(decorate(b"<body><p>x</p></body>", Some("<div>E</div>"))).unwrap();
        assert!(
            out.starts_with("<body><p>x</p><div>E</div><script>"),
            "{out}"
        );
        assert!(out.ends_with("</script></body>"));
    }
}
