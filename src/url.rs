//! Where every page lives. A page is a folder with an `index.html`; links
//! between pages are relative, so the site works under any sub-path and
//! opened from disk.

/// True for a name Windows reserves for a device (`con`, `prn`, `aux`,
/// `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case): no file or folder can
/// have it there, so a page in such a folder would be lost when the site
/// is copied to, unpacked on or served from Windows. Slugs are ASCII and
/// hold no dot, so the whole segment is compared.
pub fn is_reserved_on_windows(segment: &str) -> bool {
    // Checked for every term of every event: no allocation.
    let b = segment.as_bytes();
    match b.len() {
        3 => ["con", "prn", "aux", "nul"]
            .iter()
            .any(|r| segment.eq_ignore_ascii_case(r)),
        4 => {
            ["com", "lpt"]
                .iter()
                .any(|r| b[..3].eq_ignore_ascii_case(r.as_bytes()))
                && b[3].is_ascii_digit()
        }
        _ => false,
    }
}

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// The timeline.
    Home,
    /// `/events/ID/`
    Event(&'a str),
    /// `/sources/`
    Sources,
    /// `/sources/ID/`
    Source(&'a str),
    /// `/TAXONOMY/`
    Taxonomy(&'a str),
    /// `/TAXONOMY/TERM/`
    Term(&'a str, &'a str),
    /// `/page/N/`: page N (from 2) of the timeline's list; page 1 is
    /// the home page.
    HomePage(usize),
    /// `/TAXONOMY/TERM/page/N/`: page N (from 2) of a term's list.
    TermPage(&'a str, &'a str, usize),
    /// `/search/`
    Search,
}

impl<'a> Page<'a> {
    /// The page's folder relative to the site root, ending in `/` (empty
    /// for the home page).
    pub fn dir(&self) -> String {
        let mut dir = String::new();
        self.push_dir(&mut dir);
        dir
    }

    /// Appends [`Page::dir`] to `out`.
    fn push_dir(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self {
            Page::Home => Ok(()),
            Page::Event(id) => write!(out, "events/{id}/"),
            Page::Sources => write!(out, "sources/"),
            Page::Source(id) => write!(out, "sources/{id}/"),
            Page::Taxonomy(t) => write!(out, "{t}/"),
            Page::Term(t, term) => write!(out, "{t}/{term}/"),
            Page::HomePage(n) => write!(out, "page/{n}/"),
            Page::TermPage(t, term, n) => write!(out, "{t}/{term}/page/{n}/"),
            Page::Search => write!(out, "search/"),
        };
    }

    /// The file written for the page.
    pub fn file(&self) -> String {
        format!("{}index.html", self.dir())
    }

    /// The prefix that leads from this page back to the site root
    /// (`./`, `../`, `../../`).
    pub fn root(&self) -> String {
        let mut root = String::new();
        self.push_root(&mut root);
        root
    }

    /// Appends [`Page::root`] to `out`.
    fn push_root(&self, out: &mut String) {
        match self.depth() {
            0 => out.push_str("./"),
            depth => (0..depth).for_each(|_| out.push_str("../")),
        }
    }

    /// How many folders deep the page's file is: the number of `/` in
    /// [`Page::dir`].
    pub fn depth(&self) -> usize {
        match self {
            Page::Home => 0,
            Page::Sources | Page::Taxonomy(_) | Page::Search => 1,
            Page::Event(_) | Page::Source(_) | Page::Term(..) | Page::HomePage(_) => 2,
            Page::TermPage(..) => 4,
        }
    }

    /// Page `n` (1-based) of the list this page belongs to: the home page
    /// and its later pages, or a term page and its later pages. Other
    /// pages have no list and are returned as they are.
    pub fn list_page(&self, n: usize) -> Page<'a> {
        match *self {
            Page::Home | Page::HomePage(_) if n <= 1 => Page::Home,
            Page::Home | Page::HomePage(_) => Page::HomePage(n),
            Page::Term(t, term) | Page::TermPage(t, term, _) if n <= 1 => Page::Term(t, term),
            Page::Term(t, term) | Page::TermPage(t, term, _) => Page::TermPage(t, term, n),
            other => other,
        }
    }

    /// Relative link from this page to `to`. Links name the `index.html`
    /// so they also work when the site is opened from disk (`file://`),
    /// where no server maps a folder to its index.
    pub fn link_to(&self, to: &Page<'_>) -> String {
        let mut link = String::with_capacity(64);
        self.push_root(&mut link);
        to.push_dir(&mut link);
        link.push_str("index.html");
        link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_reserved() {
        for name in ["con", "NUL", "aux", "prn", "com1", "lpt9", "com0"] {
            assert!(is_reserved_on_windows(name), "{name}");
        }
        // Four bytes that are not four characters.
        for name in ["😀", "é12", "€1", "cons", "com", "comx"] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
        for name in ["console", "nul-1", "com10", "comx", "", "mexico"] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
    }

    #[test]
    fn links_are_relative() {
        let e = Page::Event("fto");
        assert_eq!(e.file(), "events/fto/index.html");
        assert_eq!(e.link_to(&Page::Source("a")), "../../sources/a/index.html");
        assert_eq!(Page::Home.link_to(&e), "./events/fto/index.html");
        assert_eq!(e.link_to(&Page::Home), "../../index.html");
        assert_eq!(Page::Taxonomy("tags").root(), "../");
        let p = Page::Home.list_page(3);
        assert_eq!(p.file(), "page/3/index.html");
        assert_eq!(p.link_to(&p.list_page(1)), "../../index.html");
        let t = Page::Term("tags", "mexico").list_page(2);
        assert_eq!(t.file(), "tags/mexico/page/2/index.html");
        assert_eq!(t.link_to(&Page::Home), "../../../../index.html");
    }

    #[test]
    fn depth_counts_the_folders_of_dir() {
        let pages = [
            Page::Home,
            Page::Event("e"),
            Page::Sources,
            Page::Source("s"),
            Page::Taxonomy("tags"),
            Page::Term("tags", "t"),
            Page::HomePage(2),
            Page::TermPage("tags", "t", 2),
            Page::Search,
        ];
        for page in pages {
            assert_eq!(page.depth(), page.dir().matches('/').count(), "{page:?}");
            assert_eq!(
                page.link_to(&page),
                format!("{}{}", page.root(), page.file())
            );
        }
    }
}
