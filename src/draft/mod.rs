//! `annals draft`: from a news article to a clean source and draft events.
//!
//! An article (plain text, Markdown or a saved HTML page) is read and
//! cleaned (`article`, `html`), its publication moment worked out
//! (`published`), its temporal expressions found and resolved by annals'
//! own rule-based tagger (`rules`, `tagger`, `resolve`, `text`), and each
//! dated statement becomes a draft event quoting its sentence (`events`).
//! `--timeml` runs the tagger alone on a TempEval-3 document (`timeml`).
//! Nothing is printed here: [`run`] returns what the command prints.

mod article;
mod events;
mod html;
mod published;
mod resolve;
mod rules;
mod tagger;
mod text;
mod timeml;
mod write;

use std::path::PathBuf;

use crate::Failure;

pub use published::anchor_for;
pub use rules::TimexType;
pub use tagger::{Anchor, Language, Timex, tag};
pub use text::Tense;
pub use timeml::annotate as annotate_timeml;

/// The arguments of `annals draft`.
#[derive(Debug, Clone, Default)]
pub struct DraftArgs {
    /// The article to read.
    pub article: Option<PathBuf>,
    /// A TempEval-3 document to tag instead (`--timeml`).
    pub timeml: Option<PathBuf>,
    /// The site to write into.
    pub root: PathBuf,
    /// The publication moment, when the article does not say it (or says
    /// it wrongly): `2025-05-05`, `2025-05-05T20:03+05:30`.
    pub published: Option<String>,
    /// The IANA zone the article's times are in (`Asia/Kolkata`).
    pub timezone: Option<String>,
    /// `en` or `es` (default: guessed from the text).
    pub language: Option<String>,
}

/// Runs `annals draft`: returns what to print on standard output (the
/// report, or the tagged TimeML document).
pub fn run(args: &DraftArgs) -> Result<String, Failure> {
    let language = match args.language.as_deref() {
        None => None,
        Some(code) => Some(Language::from_code(code).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown language `{code}`; annals draft reads en (English) and es (Spanish)"
            ))
        })?),
    };
    if let Some(path) = &args.timeml {
        let doc = article::read_text_file(path)?;
        return timeml::annotate(&doc, language.unwrap_or(Language::En))
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())));
    }
    let Some(path) = &args.article else {
        return Err(Failure::Usage(
            "annals draft needs an ARTICLE file (or --timeml FILE)".to_string(),
        ));
    };
    write::draft_article(path, args, language)
}
