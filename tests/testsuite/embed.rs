//! What a newsroom pastes and what a CMS resolves (issue 18): the embeds
//! and the story are built for every list, their snippet and oEmbed
//! documents agree, embeds stay out of the sitemap, social cards use the
//! event's picture, and media links become captioned cards, never players.

use std::process::Command;

use crate::support::{SiteTest, repo};

const BASE: &str = "https://news.example/river/";

#[test]
fn every_list_has_an_embed_and_the_site_a_story() {
    let out = SiteTest::fixture("media").built_at(BASE);
    for page in [
        "embed/index.html",
        "tags/bridge/embed/index.html",
        "places/river-town/embed/index.html",
        "story/index.html",
        "embed/story/index.html",
    ] {
        assert!(out.join(page).exists(), "{page}");
    }
    let embed = out.read("tags/bridge/embed/index.html");
    assert!(
        embed.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{embed}"
    );
    assert!(
        embed.contains("<link rel=\"canonical\" href=\"https://news.example/river/tags/bridge/\">")
    );
    assert_eq!(embed.matches("class=\"embed-event ").count(), 2, "{embed}");
    assert_eq!(embed.matches(" target=\"_top\">").count(), 2 + 2, "{embed}");
    let story = out.read("story/index.html");
    let slides: Vec<&str> = story
        .split("<section class=\"slide\" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(slides, ["crews", "bridge", "ferry", "map"]);
    assert!(
        story.contains("<img src=\"../img/cover.svg\" alt=\"River crossing\">"),
        "the title slide shows the site's image"
    );
    assert!(
        !story.contains("target=\"_top\""),
        "the story's own page opens links in place"
    );
    assert!(
        out.read("embed/story/index.html")
            .contains("target=\"_top\"")
    );
    let sitemap = out.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://news.example/river/story/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("embed/"), "{sitemap}");
}

#[test]
fn the_oembed_documents_hand_out_the_snippet_the_pages_offer() {
    let out = SiteTest::fixture("media").built_at(BASE);
    let home = out.read("index.html");
    assert!(home.contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://news.example/river/oembed.json\" title=\"River crossing\">"), "{home}");
    let doc: serde_json::Value = serde_json::from_str(&out.read("oembed.json")).unwrap();
    assert_eq!(doc["version"], "1.0");
    assert_eq!(doc["type"], "rich");
    assert_eq!(doc["provider_url"], BASE);
    let html = doc["html"].as_str().unwrap();
    assert_eq!(
        html,
        "<div data-pym-src=\"https://news.example/river/embed/\" data-pym-title=\"River crossing: timeline\" data-pym-optionalparams=\"false\">\
<iframe src=\"https://news.example/river/embed/\" title=\"River crossing: timeline\" width=\"100%\" height=\"600\" style=\"border:0\" loading=\"lazy\"></iframe></div>\n\
<script src=\"https://news.example/river/pym.v1.min.js\"></script>"
    );
    // The page's own box offers the same snippet (HTML-escaped in its
    // textarea).
    let escaped = html
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    assert!(home.contains(&escaped), "{home}");
    let term: serde_json::Value =
        serde_json::from_str(&out.read("tags/ferry/oembed.json")).unwrap();
    assert!(
        term["html"]
            .as_str()
            .unwrap()
            .contains("https://news.example/river/tags/ferry/embed/")
    );
    assert!(
        out.read("tags/ferry/index.html")
            .contains("href=\"https://news.example/river/tags/ferry/oembed.json\"")
    );
    // The story's document hands out the story page's own snippet.
    let story: serde_json::Value = serde_json::from_str(&out.read("story/oembed.json")).unwrap();
    let story_html = story["html"].as_str().unwrap();
    assert!(
        story_html.contains("https://news.example/river/embed/story/"),
        "{story_html}"
    );
    let escaped = story_html
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    assert!(
        out.read("story/index.html").contains(&escaped),
        "{story_html}"
    );
    // Without a known address there is nothing to discover.
    let plain = SiteTest::fixture("media").built();
    assert!(!plain.join("oembed.json").exists());
    assert!(!plain.read("index.html").contains("json+oembed"));
}

#[test]
fn social_cards_use_the_event_picture_and_media_links_are_cards() {
    let out = SiteTest::fixture("media").built_at(BASE);
    let bridge = out.read("events/bridge/index.html");
    assert!(
        bridge.contains(
            "<meta property=\"og:image\" content=\"https://news.example/river/img/bridge.svg\">"
        ),
        "{bridge}"
    );
    assert!(bridge.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(bridge.contains("<img src=\"../../img/bridge.svg\" alt=\"A brown arch bridge over blue water\" loading=\"lazy\" decoding=\"async\">"), "{bridge}");
    let ferry = out.read("events/ferry/index.html");
    assert!(
        ferry.contains(
            "<meta property=\"og:image\" content=\"https://news.example/river/img/cover.svg\">"
        ),
        "the site's image stands in"
    );
    assert!(ferry.contains("<a class=\"media-card\" href=\"https://www.youtube.com/watch?v=aaaaaaaaaaa\"><span class=\"media-kind\">Video · YouTube</span>"), "{ferry}");
    for page in [
        "events/ferry/index.html",
        "story/index.html",
        "embed/story/index.html",
    ] {
        let html = out.read(page);
        assert!(!html.contains("<iframe"), "{page} loads a player");
        assert!(
            !html.contains("<script src=\"http"),
            "{page} loads a script from elsewhere"
        );
    }
    let crews = out.read("events/crews/index.html");
    assert!(crews.contains("Audio · SoundCloud"), "{crews}");
    assert!(
        out.read("events/map/index.html")
            .contains("Map · OpenStreetMap")
    );
}

#[test]
#[ignore = "needs npm's pym.js: run scripts/test.sh"]
fn the_vendored_pym_is_the_npm_package() {
    let vendored = std::fs::read(repo().join("static/pym.v1.min.js")).unwrap();
    let npm = std::fs::read(repo().join("node_modules/pym.js/dist/pym.v1.min.js")).unwrap();
    assert!(
        vendored == npm,
        "static/pym.v1.min.js differs from node_modules/pym.js"
    );
}

#[test]
#[ignore = "needs Python's pyoembed: run scripts/test.sh"]
fn an_oembed_consumer_discovers_the_snippet_from_the_page() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/");
    let t = SiteTest::fixture("media");
    let out = t.built_at(&base);
    let o = Command::new("python3")
        .arg(repo().join("tests/clients/check_oembed.py"))
        .arg(out.path())
        .arg(port.to_string())
        .output()
        .expect("python3 runs");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
