//! `annals serve` on 127.0.0.1: pages as served, live rebuilds, the error
//! overlay, reload events, and requests that try to leave the site.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// A running `annals serve`, stopped (Ctrl-C) when dropped.
struct Server {
    child: Child,
    addr: String,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        Server::start_with(site, &[]).0
    }

    /// Starts with more arguments; also returns what it printed before
    /// its address.
    fn start_with(site: &SiteTest, args: &[&str]) -> (Server, Vec<String>) {
        let mut child = site
            .serve()
            .args(args)
            .command()
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
        let mut before = Vec::new();
        let addr = loop {
            let line = log
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve printed its address");
            if let Some(rest) = line.strip_prefix("serving http://") {
                break rest.split('/').next().unwrap().to_string();
            }
            before.push(line);
        };
        (Server { child, addr, log }, before)
    }

    /// Sends `head` (and then up to `body` bytes, while the server takes
    /// them); returns the response head, how long it took to come, and
    /// whether the server closed the connection after it.
    fn raw(&self, head: &[u8], body: usize) -> (String, Duration, bool) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        let started = Instant::now();
        // The server may answer and close before it has read everything.
        let _ = s.write_all(head);
        let mut buf = vec![0u8; 64 * 1024];
        let mut response = Vec::new();
        while !response.windows(4).any(|w| w == b"\r\n\r\n") {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => response.extend_from_slice(&buf[..n]),
            }
        }
        let took = started.elapsed();
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < body {
            match s.write(&chunk) {
                Ok(n) if n > 0 => sent += n,
                _ => break,
            }
        }
        // Closed: the end of the stream or a reset, not a read timeout.
        let closed = loop {
            match s.read(&mut buf) {
                Ok(0) => break true,
                Ok(_) => {}
                Err(e) => {
                    break e.kind() != std::io::ErrorKind::WouldBlock
                        && e.kind() != std::io::ErrorKind::TimedOut;
                }
            }
        };
        let text = String::from_utf8_lossy(&response).into_owned();
        let head = text
            .split("\r\n\r\n")
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        (head, took, closed)
    }

    /// Resident memory of the server, in KB.
    fn rss_kb(&self) -> u64 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
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

#[test]
fn pages_are_served_with_their_types_and_a_reload_script() {
    let site = SiteTest::fixture("good");
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
    let out = site.built();
    assert!(!out.read("index.html").contains("EventSource"));
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = SiteTest::fixture("good");
    let server = Server::start(&site);
    let paths = [
        "/../site.yaml",
        "/events/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/.%2e/site.yaml",
        "/%2e./site.yaml",
        "/..%2fsite.yaml",
        "/events/..%2f..%2fsite.yaml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        // Encoded twice: decoded once, `%2e%2e` is a name, not `..`.
        "/%252e%252e/site.yaml",
        "/%252e%252e%252fsite.yaml",
        // Backslashes, as Windows servers read them.
        "/..%5c..%5csite.yaml",
        "/..%5csite.yaml",
        "/%2e%2e%5csite.yaml",
        // Overlong UTF-8 for `.` and `/`: not UTF-8 at all.
        "/%c0%ae%c0%ae/site.yaml",
        "/%c0%ae%c0%ae%c0%afsite.yaml",
        "/%e0%80%ae%e0%80%ae/site.yaml",
        // NUL, which ends a path in C.
        "/site.yaml%00.html",
        "/%00/../site.yaml",
        // `;` parameters (Tomcat), and paths for other hosts.
        "/..;/site.yaml",
        "//etc/passwd",
        "/content/events/refusal.yaml",
        "/site.yaml",
        "/no/such/page/",
    ];
    for path in paths {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("<h1>Page not found</h1>"), "{path}: {body}");
    }
    // The absolute form of a request target, which proxies send.
    let (head, _, _) = server.raw(
        format!(
            "GET http://{}/../site.yaml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .as_bytes(),
        0,
    );
    assert!(head.starts_with("http/1.1 404"), "{head}");
    // Bytes HTTP does not allow in a path are refused before any lookup.
    for path in ["/..\\site.yaml", "/a b/../../site.yaml"] {
        let (head, _, _) = server.raw(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
            0,
        );
        assert!(
            head.starts_with("http/1.1 404") || head.starts_with("http/1.1 400"),
            "{path}: {head}"
        );
    }
}

#[test]
fn an_edit_shows_at_once_and_a_mistake_shows_where_it_is() {
    let site = SiteTest::fixture("good");
    let server = Server::start(&site);
    let event = site.path("content/events/refusal.yaml");
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
    let site = SiteTest::fixture("good");
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
    let event = site.path("content/events/designation.yaml");
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
    let site = SiteTest::fixture("good");
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

#[test]
fn large_requests_are_refused_at_once_and_never_buffered() {
    let site = SiteTest::fixture("good");
    let server = Server::start(&site);
    let rss = server.rss_kb();
    // A 1 MB address, or a 1 MB header: refused before any handler runs.
    let long_uri = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(1 << 20));
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    for (what, request) in [("1 MB URI", long_uri), ("1 MB header", long_header)] {
        let (head, took, closed) = server.raw(request.as_bytes(), 0);
        assert!(head.starts_with("http/1.1 431"), "{what}: {head}");
        assert!(took < Duration::from_secs(2), "{what}: {took:?}");
        assert!(closed, "{what}: the connection stays open");
    }
    // A 10 MB body: the answer comes before the body is sent (nothing waits
    // for it, nothing stores it), and the connection is closed on the rest.
    for (method, status) in [("POST", "405"), ("PUT", "405"), ("GET", "200")] {
        let head = format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n");
        let (response, took, closed) = server.raw(head.as_bytes(), 10 << 20);
        assert!(
            response.starts_with(&format!("http/1.1 {status}")),
            "{method}: {response}"
        );
        assert!(took < Duration::from_secs(2), "{method}: {took:?}");
        assert!(closed, "{method}: the connection stays open for the body");
        if status == "405" {
            assert!(response.contains("allow: get, head"), "{response}");
        }
    }
    let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (response, _, closed) = server.raw(chunked.as_bytes(), 10 << 20);
    assert!(response.starts_with("http/1.1 405"), "{response}");
    assert!(closed);
    let grown = server.rss_kb().saturating_sub(rss);
    assert!(grown < 8 * 1024, "the server grew by {grown} KB");
    // And it still serves.
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn it_binds_to_this_machine_unless_told_and_warns_when_told() {
    let site = SiteTest::fixture("good");
    let (server, before) = Server::start_with(&site, &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    assert!(!before.iter().any(|l| l.contains("warning")), "{before:?}");
    drop(server);
    let (server, before) = Server::start_with(&site, &["--bind", "0.0.0.0"]);
    assert!(server.addr.starts_with("0.0.0.0:"), "{}", server.addr);
    assert!(
        before.iter().any(|l| l.starts_with(
            "warning: serving on 0.0.0.0: every machine that can reach this one can read the site"
        )),
        "{before:?}"
    );
}
