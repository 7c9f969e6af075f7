//! `annals draft`: the seed article end to end (exact source and drafts),
//! the tagger's table of expressions × publication dates × tenses, HTML
//! pages with and without JSON-LD, hostile input, and TimeML mode.

use std::fs;
use std::path::{Path, PathBuf};

use annals::Failure;
use annals::draft::{DraftArgs, Language, anchor_for, annotate_timeml, run, tag};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft")
}

/// A site folder with a site.yaml and nothing else.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.yaml"),
        "title: Drafts\nlanguage: en\n",
    )
    .unwrap();
    dir
}

fn args(article: &Path, root: &Path) -> DraftArgs {
    DraftArgs {
        article: Some(article.to_path_buf()),
        root: root.to_path_buf(),
        ..Default::default()
    }
}

/// Every file under `dir`, relative path → text, sorted.
fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// `annals check --drafts` must pass on the drafts, every quotation found
/// in the source; without `--drafts` they are left out, and counted.
fn accept_drafts_and_check(root: &Path) {
    let drafts = fs::read_dir(root.join("content/events/drafts"))
        .unwrap()
        .count();
    match annals::check(root, None, true) {
        Ok(_) => {}
        Err(Failure::Content(d)) => panic!(
            "annals check --drafts fails on the drafts:\n{}",
            d.iter().map(|d| d.short()).collect::<Vec<_>>().join("\n")
        ),
        Err(Failure::Usage(m)) => panic!("{m}"),
    }
    match annals::check(root, None, false) {
        Ok(built) => assert_eq!(built.drafts_left_out, drafts),
        Err(f) => panic!("{f:?}"),
    }
}

#[test]
fn the_seed_article_gives_the_expected_source_and_drafts() {
    let site = empty_site();
    let report = run(&args(&fixtures().join("seed-article.txt"), site.path())).unwrap();
    let content = site.path().join("content");
    let got = files_under(&content);
    let expected_dir = fixtures().join("seed-expected");
    if std::env::var_os("ANNALS_BLESS").is_some() {
        let _ = fs::remove_dir_all(&expected_dir);
        for (rel, text) in &got {
            let p = expected_dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
    }
    assert_eq!(
        got,
        files_under(&expected_dir),
        "ANNALS_BLESS=1 rewrites the fixture"
    );

    let source = &got
        .iter()
        .find(|(p, _)| p.starts_with("sources/"))
        .unwrap()
        .1;
    assert!(
        source.contains("published: 2025-05-05T20:03+05:30\n"),
        "{source}"
    );
    assert!(source.contains("author: \"Shreeaa Rathi\"\n"));
    assert!(source.contains("publisher: \"TIMESOFINDIA.COM\"\n"));
    assert!(source.contains("image_credit: \"AP\"\n"));
    assert!(!source.contains("Would you like"));
    assert_eq!(source.matches("Speaking aboard Air Force One").count(), 1);

    let dates: Vec<(String, String)> = got
        .iter()
        .filter(|(p, _)| p.starts_with("events/drafts/"))
        .map(|(_, y)| {
            let date = y
                .lines()
                .find_map(|l| l.strip_prefix("date: "))
                .unwrap()
                .trim_matches('"')
                .to_string();
            let quote = y
                .lines()
                .find_map(|l| l.trim().strip_prefix("quote: "))
                .unwrap()
                .to_string();
            assert!(y.contains("\ndraft: true\n"), "{y}");
            (date, quote)
        })
        .collect();
    for (date, words) in [
        ("2025-01/..", "Since January, there has been"),
        ("2025-02", "In February, Trump escalated"),
        ("2025-04", "during a phone call last month"),
        ("2025-05-04", "Speaking aboard Air Force One on Sunday"),
    ] {
        assert!(
            dates.iter().any(|(d, q)| d == date && q.contains(words)),
            "no draft dated {date} quoting {words:?}: {dates:?}"
        );
    }
    assert!(report.contains("Asia/Kolkata"), "{report}");
    assert!(report.contains("a question to the reader"), "{report}");
    assert!(report.contains("a second copy of the article"), "{report}");
    accept_drafts_and_check(site.path());
}

#[test]
fn an_existing_file_is_never_replaced_and_nothing_is_written() {
    let site = empty_site();
    let seed = fixtures().join("seed-article.txt");
    run(&args(&seed, site.path())).unwrap();
    let before = files_under(site.path());
    // Drafts only: the source file is taken, so the whole run is refused.
    let drafts = site.path().join("content/events/drafts");
    fs::remove_dir_all(&drafts).unwrap();
    let err = run(&args(&seed, site.path())).unwrap_err();
    match err {
        Failure::Usage(m) => assert!(
            m.contains("already exists") && m.contains("nothing was written"),
            "{m}"
        ),
        Failure::Content(d) => panic!("{d:?}"),
    }
    assert!(!drafts.exists());
    assert_eq!(files_under(site.path()).len(), before.len() - 4);
}

/// Rows of tests/fixtures/draft/expressions.tsv (made by its script):
/// language, publication moment, sentence, expression, expected value.
#[test]
fn the_table_of_expressions_publication_dates_and_tenses() {
    let table = fs::read_to_string(fixtures().join("expressions.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        rows += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, published, sentence, expression, want] = cols[..] else {
            panic!("bad row: {line}");
        };
        let lang = Language::from_code(lang).unwrap();
        let anchor = anchor_for(published, None).unwrap();
        let found = tag(sentence, lang, anchor).unwrap();
        let at = sentence.find(expression).unwrap();
        let span = at..at + expression.len();
        if want == "-" {
            if let Some(t) = found
                .iter()
                .find(|t| t.start < span.end && span.start < t.end)
            {
                failures.push(format!(
                    "{line}\n    tagged {:?} as {}",
                    &sentence[t.start..t.end],
                    t.value
                ));
            }
            continue;
        }
        match found
            .iter()
            .find(|t| t.start == span.start && t.end == span.end)
        {
            Some(t) if t.value == want => {}
            Some(t) => failures.push(format!("{line}\n    got {} ({})", t.value, t.how)),
            None => failures.push(format!(
                "{line}\n    not found; found {:?}",
                found
                    .iter()
                    .map(|t| (&sentence[t.start..t.end], &t.value))
                    .collect::<Vec<_>>()
            )),
        }
    }
    assert!(rows >= 500, "the table has {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn an_html_page_with_json_ld() {
    let site = empty_site();
    let report = run(&args(&fixtures().join("jsonld.html"), site.path())).unwrap();
    let source = fs::read_to_string(
        site.path()
            .join("content/sources/port-strike-ends-after-week-of-talks.md"),
    )
    .unwrap();
    assert!(source.starts_with(
        "---\ntitle: \"Port strike ends after week of talks\"\nauthor: \"Maria Lopez\"\npublisher: \"The Harbour Gazette\"\npublished: 2025-03-10T21:30-05:00\nimage_credit: \"Reuters\"\nurl: \"https://gazette.example/port-strike-ends\"\n---\n"
    ), "{source}");
    assert!(
        !source.contains("Share this article") && !source.contains("Subscribe"),
        "{source}"
    );
    assert!(source.contains("Dockworkers at the city's port returned to work on Monday"));
    let drafts = files_under(&site.path().join("content/events/drafts"));
    let dates: Vec<String> = drafts
        .iter()
        .map(|(_, y)| {
            y.lines()
                .find_map(|l| l.strip_prefix("date: "))
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect();
    // Monday 10 March 2025, late evening in New York (already the 11th in UTC).
    for want in [
        "2025-03-10",
        "2025-03-01",
        "2025-03-03/2025-03-09",
        "2025-03-07",
        "2025-03-11",
        "199X",
    ] {
        assert!(
            dates.iter().any(|d| d == want),
            "no draft dated {want}: {dates:?}\n{report}"
        );
    }
    accept_drafts_and_check(site.path());
}

#[test]
fn an_html_page_without_json_ld_in_spanish() {
    let site = empty_site();
    let report = run(&args(&fixtures().join("opengraph-es.html"), site.path())).unwrap();
    let source = fs::read_to_string(
        site.path()
            .join("content/sources/crece-la-presencia-militar-en-la-frontera-norte.md"),
    )
    .unwrap();
    assert!(source.contains("author: \"Ana Pérez\"\n"), "{source}");
    assert!(
        source.contains("publisher: \"Diario del Norte\"\n"),
        "{source}"
    );
    assert!(
        source.contains("published: 2025-05-05T20:00-06:00\n"),
        "{source}"
    );
    assert!(
        source.contains("url: \"https://diario.example/frontera\"\n"),
        "{source}"
    );
    assert!(!source.contains("Comparte"), "{source}");
    let drafts = files_under(&site.path().join("content/events/drafts"));
    let dates: Vec<String> = drafts
        .iter()
        .map(|(_, y)| {
            y.lines()
                .find_map(|l| l.strip_prefix("date: "))
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect();
    for want in ["2025-01/..", "2025-04", "2025-05-04", "2024-01/2024-04"] {
        assert!(
            dates.iter().any(|d| d == want),
            "no draft dated {want}: {dates:?}\n{report}"
        );
    }
    accept_drafts_and_check(site.path());
}

#[test]
fn a_markdown_article_with_spans_and_relative_dates() {
    let site = empty_site();
    let report = run(&args(&fixtures().join("ranges.md"), site.path())).unwrap();
    let source = fs::read_to_string(
        site.path()
            .join("content/sources/harbour-works-to-last-into-the-summer.md"),
    )
    .unwrap();
    assert!(source.starts_with("---\ntitle: \"Harbour works to last into the summer\"\nauthor: \"Ana Ruiz\"\npublisher: \"Coast Courier\"\npublished: 2025-05-05\n---\n"), "{source}");
    assert!(!source.contains("Share this"), "{source}");
    let drafts = files_under(&site.path().join("content/events/drafts"));
    let dates: Vec<String> = drafts
        .iter()
        .map(|(_, y)| {
            y.lines()
                .find_map(|l| l.strip_prefix("date: "))
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect();
    for want in [
        "2025-03/2025-05",
        "2019/2021",
        "2024-01/2024-04",
        "2025-04-21",
        "2025-05-04",
        "2025-22",
    ] {
        assert!(
            dates.iter().any(|d| d == want),
            "no draft dated {want}: {dates:?}\n{report}"
        );
    }
    accept_drafts_and_check(site.path());
}

/// Runs `draft` on `bytes` and expects a clear error and no file written.
fn refused(name: &str, bytes: &[u8], wanted: &str) {
    let site = empty_site();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let message = match run(&args(&path, site.path())) {
        Ok(r) => panic!("{name} was accepted:\n{r}"),
        Err(Failure::Content(d)) => d
            .iter()
            .map(|d| format!("{} {:?}", d.short(), d.hints))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(Failure::Usage(m)) => m,
    };
    assert!(message.contains(wanted), "{name}: {message}");
    assert!(
        !site.path().join("content").exists(),
        "{name}: something was written"
    );
}

#[test]
fn hostile_input_is_refused_with_a_clear_error_and_nothing_written() {
    // Over 16 MB: refused before it is read (a sparse file, quick to make).
    let site = empty_site();
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    match run(&args(&huge, site.path())) {
        Err(Failure::Content(d)) => assert!(
            d.iter().any(|d| d.message.contains("over the 16 MB")),
            "{d:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(!site.path().join("content").exists());

    refused(
        "binary.txt",
        b"Title\n\x00\x01\x02\xff binary",
        "binary data",
    );
    refused("latin1.txt", b"Caf\xe9 ol\xe9\n", "not UTF-8");
    let mut line = b"Title\nMay 5, 2025\n".to_vec();
    line.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    refused("one-line.txt", &line, "bytes long");
    let deep = format!(
        "<!DOCTYPE html><html><body>{}<p>Deep text on Sunday.</p></body></html>",
        "<div>".repeat(100_000)
    );
    refused("deep.html", deep.as_bytes(), "nests its elements");
    refused("empty.txt", b"", "no article text");
    refused(
        "undated.txt",
        b"A title\n\nSome text about Sunday.\n\nMore text.\n",
        "published",
    );
}

#[test]
fn timeml_mode_round_trips_the_text_outside_the_tags() {
    let doc = fs::read_to_string(fixtures().join("sample.tml")).unwrap();
    let out = annotate_timeml(&doc, Language::En).unwrap();
    // Take the inserted tags out again: the document must come back whole.
    let mut stripped = String::new();
    let mut rest = out.as_str();
    let text_at = out.find("<TEXT>").unwrap();
    stripped.push_str(&rest[..text_at]);
    rest = &rest[text_at..];
    while let Some(i) = rest.find("<TIMEX3 tid=\"t") {
        if i > rest.find("</TEXT>").unwrap_or(usize::MAX) {
            break;
        }
        stripped.push_str(&rest[..i]);
        let close = rest[i..].find('>').unwrap();
        rest = &rest[i + close + 1..];
        let end = rest.find("</TIMEX3>").unwrap();
        stripped.push_str(&rest[..end]);
        rest = &rest[end + "</TIMEX3>".len()..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, doc);
    for tagged in [
        "type=\"DATE\" value=\"2025-05-04\">Sunday</TIMEX3>",
        "type=\"DATE\" value=\"2025-Q1\">the\nfirst quarter</TIMEX3>",
        "type=\"DATE\" value=\"2024\">2024</TIMEX3>",
        "type=\"DURATION\" value=\"P2Y\">two years</TIMEX3>",
        "type=\"DATE\" value=\"2025-06\">June</TIMEX3>",
        "type=\"DATE\" value=\"2025-01\">January</TIMEX3>",
        "type=\"SET\" value=\"P1D\">daily</TIMEX3>",
        "type=\"DATE\" value=\"199\">the 1990s</TIMEX3>",
    ] {
        assert!(out.contains(tagged), "{tagged} missing:\n{out}");
    }
    // The DCT's own TIMEX3 is left as it was, and ids start after it.
    assert!(out.contains("<DCT><TIMEX3 tid=\"t0\""));
    assert!(out.contains("tid=\"t1\""));
}

#[test]
fn timeml_mode_through_the_command_prints_to_stdout() {
    let args = DraftArgs {
        timeml: Some(fixtures().join("sample.tml")),
        ..Default::default()
    };
    let out = run(&args).unwrap();
    assert!(out.starts_with("<?xml"));
    assert!(out.contains("<TIMEX3 tid=\"t1\""));
}
