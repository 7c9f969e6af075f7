//! What a newsroom pastes into an article to show a page of the timeline:
//! the `<iframe>` snippet, and what kind of thing a media link is. Shared
//! by the pages that offer the snippet and by the oEmbed documents that
//! hand it to a CMS.
//!
//! The iframe resizes through Pym.js's protocol (NPR's library, which
//! most newsroom CMSs already load): the `<div data-pym-src>` is the
//! parent side's hook, and the plain `<iframe>` inside it is what a page
//! without scripts (or a CMS that strips them) shows at a fixed height.

use super::escape::escape_html as esc;

/// The height, in CSS pixels, of an embed whose host cannot resize it.
pub(crate) const FALLBACK_HEIGHT: u32 = 600;

/// The snippet that embeds the page at `url` (absolute, or relative to
/// where the snippet is shown), titled `title`; `script` is the URL of
/// the site's copy of Pym.js.
pub(crate) fn snippet(url: &str, title: &str, script: &str) -> String {
    let (url, title, script) = (esc(url), esc(title), esc(script));
    format!(
        "<div data-pym-src=\"{url}\" data-pym-title=\"{title}\" data-pym-optionalparams=\"false\">\
<iframe src=\"{url}\" title=\"{title}\" width=\"100%\" height=\"{FALLBACK_HEIGHT}\" style=\"border:0\" loading=\"lazy\"></iframe></div>\n\
<script src=\"{script}\"></script>"
    )
}

/// What a media URL points to, for a captioned card instead of a player.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaKind {
    Image,
    Video,
    Audio,
    Map,
    Link,
}

impl MediaKind {
    /// The message id naming the kind.
    pub(crate) fn message(self) -> &'static str {
        match self {
            MediaKind::Image => "media-image",
            MediaKind::Video => "media-video",
            MediaKind::Audio => "media-audio",
            MediaKind::Map => "media-map",
            MediaKind::Link => "media-link",
        }
    }

    /// The class of its card.
    pub(crate) fn name(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Map => "map",
            MediaKind::Link => "link",
        }
    }
}

/// Providers newsrooms link to, by host (a host ending in `.HOST`
/// counts): their name and what they serve.
const PROVIDERS: [(&str, &str, MediaKind); 14] = [
    ("youtube.com", "YouTube", MediaKind::Video),
    ("youtu.be", "YouTube", MediaKind::Video),
    ("vimeo.com", "Vimeo", MediaKind::Video),
    ("dailymotion.com", "Dailymotion", MediaKind::Video),
    ("tiktok.com", "TikTok", MediaKind::Video),
    ("soundcloud.com", "SoundCloud", MediaKind::Audio),
    ("open.spotify.com", "Spotify", MediaKind::Audio),
    ("podcasts.apple.com", "Apple Podcasts", MediaKind::Audio),
    ("openstreetmap.org", "OpenStreetMap", MediaKind::Map),
    ("maps.google.com", "Google Maps", MediaKind::Map),
    ("maps.app.goo.gl", "Google Maps", MediaKind::Map),
    ("bing.com/maps", "Bing Maps", MediaKind::Map),
    ("google.com/maps", "Google Maps", MediaKind::Map),
    ("archive.org", "Internet Archive", MediaKind::Link),
];

const EXTENSIONS: [(&str, MediaKind); 14] = [
    (".jpg", MediaKind::Image),
    (".jpeg", MediaKind::Image),
    (".png", MediaKind::Image),
    (".gif", MediaKind::Image),
    (".webp", MediaKind::Image),
    (".avif", MediaKind::Image),
    (".svg", MediaKind::Image),
    (".mp4", MediaKind::Video),
    (".webm", MediaKind::Video),
    (".mov", MediaKind::Video),
    (".mp3", MediaKind::Audio),
    (".ogg", MediaKind::Audio),
    (".m4a", MediaKind::Audio),
    (".wav", MediaKind::Audio),
];

/// Whether `url` is an image (shown as one, and a social card's picture).
pub(crate) fn is_image(url: &str) -> bool {
    classify(url).0 == MediaKind::Image
}

/// What `url` is, and who serves it: a known provider's name, else the
/// host (`www.` dropped); no name for a file of the site's own.
pub(crate) fn classify(url: &str) -> (MediaKind, Option<String>) {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let by_extension = EXTENSIONS
        .iter()
        .find(|(ext, _)| path.ends_with(ext))
        .map(|&(_, kind)| kind);
    let Ok(parsed) = ::url::Url::parse(url) else {
        return (by_extension.unwrap_or(MediaKind::Link), None);
    };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let host_path = format!("{host}{}", parsed.path().to_ascii_lowercase());
    let known = PROVIDERS.iter().find(|(key, ..)| {
        let (key_host, key_path) = key.split_once('/').unwrap_or((key, ""));
        (host == key_host || host.ends_with(&format!(".{key_host}")))
            && (key_path.is_empty() || host_path.contains(&format!("/{key_path}")))
    });
    match known {
        Some(&(_, name, kind)) => (by_extension.unwrap_or(kind), Some(name.to_string())),
        None => (
            by_extension.unwrap_or(MediaKind::Link),
            Some(host.strip_prefix("www.").unwrap_or(&host).to_string()).filter(|h| !h.is_empty()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_are_named_and_kinds_known() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=x",
                MediaKind::Video,
                Some("YouTube"),
            ),
            ("https://youtu.be/x", MediaKind::Video, Some("YouTube")),
            (
                "https://soundcloud.com/a/b",
                MediaKind::Audio,
                Some("SoundCloud"),
            ),
            (
                "https://www.google.com/maps/place/x",
                MediaKind::Map,
                Some("Google Maps"),
            ),
            (
                "https://www.google.com/search?q=x",
                MediaKind::Link,
                Some("google.com"),
            ),
            (
                "https://www.openstreetmap.org/#map=5/1/2",
                MediaKind::Map,
                Some("OpenStreetMap"),
            ),
            (
                "https://cdn.example.org/a/photo.JPG?w=2",
                MediaKind::Image,
                Some("cdn.example.org"),
            ),
            (
                "https://example.org/clip.mp4",
                MediaKind::Video,
                Some("example.org"),
            ),
            ("img/photo.png", MediaKind::Image, None),
            ("notes/paper.pdf", MediaKind::Link, None),
            (
                "https://notyoutube.com/watch",
                MediaKind::Link,
                Some("notyoutube.com"),
            ),
        ];
        for (url, kind, name) in cases {
            assert_eq!(classify(url), (kind, name.map(str::to_string)), "{url}");
        }
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let s = snippet(
            "https://x.org/embed/?a=1&b=2",
            "A \"quoted\" <title>",
            "https://x.org/pym.v1.min.js",
        );
        assert!(
            s.contains("data-pym-src=\"https://x.org/embed/?a=1&amp;b=2\""),
            "{s}"
        );
        assert!(
            s.contains("title=\"A &quot;quoted&quot; &lt;title&gt;\""),
            "{s}"
        );
        assert!(
            s.ends_with("<script src=\"https://x.org/pym.v1.min.js\"></script>"),
            "{s}"
        );
    }
}
