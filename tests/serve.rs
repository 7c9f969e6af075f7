//! `annals serve` on 127.0.0.1: pages as served, live rebuilds, the error
//! overlay, reload events, and requests that try to leave the site.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `annals serve`, stopped (Ctrl-C) when dropped.
struct Server {
    child: Child,
    addr: String,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, log) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = loop {
            let line = log
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve printed its address");
            if let Some(rest) = line.strip_prefix("serving http://") {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        Server { child, addr, log }
    }

    /// Status, headers (lowercase names) and body of a GET.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// Polls `path` until `pred` holds for its body; the time it took.
    fn wait_for(&self, path: &str, within: Duration, pred: impl Fn(&str) -> bool) -> Duration {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if pred(&body) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < within,
                "not seen within {within:?}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

fn site_copy(tmp: &Path) -> std::path::PathBuf {
    let site = tmp.join("site");
    copy_tree(&fixture("good"), &site);
    site
}

#[test]
fn pages_are_served_with_their_types_and_a_reload_script() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let server = Server::start(&site);
    let (status, head, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("new EventSource(\"/__annals/events\")"));
    let (status, head, _) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (status, _, body) = server.get("/events/refusal/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>The refusal</h1>"));
    let (status, head, _) = server.get("/events/refusal");
    assert_eq!(status, 301);
    assert!(head.contains("location: /events/refusal/"), "{head}");
    // `build` output never carries the script.
    let out = tmp.path().join("out");
    build(&site, &out);
    assert!(!page(&out, "index.html").contains("EventSource"));
}

#[test]
fn requests_cannot_leave_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let server = Server::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/events/..%2f..%2fsite.yaml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5csite.yaml",
        "/content/events/refusal.yaml",
        "/no/such/page/",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("<h1>Page not found</h1>"), "{path}: {body}");
    }
}

#[test]
fn an_edit_shows_at_once_and_a_mistake_shows_where_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let server = Server::start(&site);
    let event = site.join("content/events/refusal.yaml");
    let original = fs::read_to_string(&event).unwrap();

    fs::write(
        &event,
        original.replace("title: The refusal", "title: The refusal, revised"),
    )
    .unwrap();
    let took = server.wait_for("/events/refusal/", Duration::from_secs(1), |b| {
        b.contains("<h1>The refusal, revised</h1>")
    });
    eprintln!("edit visible after {took:?}");

    // A broken date: the last good page stays, with the located error.
    fs::write(
        &event,
        original
            .replace("title: The refusal", "title: Broken")
            .replace("2025-05-04", "2025-05-44"),
    )
    .unwrap();
    server.wait_for("/events/refusal/", Duration::from_secs(2), |b| {
        b.contains("annals-overlay")
    });
    let (_, _, body) = server.get("/events/refusal/");
    assert!(
        body.contains("<h1>The refusal, revised</h1>"),
        "the last good page is kept"
    );
    assert!(
        body.contains("content/events/refusal.yaml:2:15: error: invalid date `2025-05-44`"),
        "{body}"
    );

    fs::write(&event, original).unwrap();
    server.wait_for("/events/refusal/", Duration::from_secs(2), |b| {
        !b.contains("annals-overlay") && b.contains("<h1>The refusal</h1>")
    });
    // The log says what happened.
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(
        log.iter()
            .any(|l| l.contains("still serving the last good build")),
        "{log:?}"
    );
}

#[test]
fn open_pages_are_told_to_reload() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let server = Server::start(&site);
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /__annals/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).unwrap();
    let head = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    let event = site.join("content/events/designation.yaml");
    let text = fs::read_to_string(&event).unwrap();
    fs::write(&event, text.replace("Cartels designated", "Cartels listed")).unwrap();
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !seen.contains("data: reload") && Instant::now() < deadline {
        if let Ok(n) = s.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    assert!(seen.contains("data: reload"), "{seen}");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let mut server = Server::start(&site);
    // An open page's reload stream must not keep the server alive.
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(stream, "GET /__annals/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}
