//! Values that would carry a script into the site where a URL or a date
//! goes: a base URL, a media link, `updated:`. Each is a located error.

use super::check_good_with;
use crate::support::SiteTest;

#[test]
fn base_urls_are_checked_in_site_yaml_and_on_the_command_line() {
    let t = SiteTest::fixture("good");
    let config = t.read("site.yaml");
    t.write(
        "site.yaml",
        format!("{config}base_url: \"https://example.org/\\\"><script>alert(1)</script>\"\n"),
    );
    t.check_as("short")
        .run()
        .exits(1)
        .stderr_has("site.yaml:3:11: error: `https://example.org/\"><script>alert(1)</script>` is not a valid URL: it holds '\"'");
    t.write("site.yaml", &config);
    for url in ["javascript:alert(1)//", "https://example.org/<script>"] {
        let o = t.build().args(&["--base-url", url]).run();
        assert_eq!(o.code(), Some(2), "{url}");
        o.stderr_has("invalid value");
        assert!(!t.out().exists());
    }
}

#[test]
fn unsafe_links_in_media_captions_and_credits_are_located_errors() {
    let (err, code) = check_good_with(&[(
        "content/events/media.yaml",
        "title: M\ndate: 2025\nmedia:\n  url: map.png\n  caption: \"See [the map](javascript:alert(1))\"\n  credit: \"[Agency](  DATA:text/html,x)\"\n",
    )]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/media.yaml:5:27: error: unsafe link `javascript:alert(1)`\n",
        "content/events/media.yaml:6:23: error: unsafe link `DATA:text/html,x`\n",
    ] {
        assert!(err.contains(line), "missing: {line}\n{err}");
    }
}

#[test]
fn updated_with_a_payload_is_an_invalid_date() {
    let (err, code) = check_good_with(&[(
        "content/events/updated.yaml",
        "title: A\ndate: 2025\nupdated: \"<script>alert(1)</script>\"\n",
    )]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "content/events/updated.yaml:3:11: error: invalid date `<script>alert(1)</script>`"
        ),
        "{err}"
    );
}
