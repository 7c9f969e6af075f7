//! JSON that stays inert wherever it lands: `<`, `>` and `&` written as
//! `\u003c`, `\u003e` and `\u0026`. Every JSON reader gets the same data,
//! a `<script>` element holding it cannot be closed by any text, and a data
//! file that a misconfigured server or sniffing browser takes for HTML holds
//! no markup. (JSON's own syntax has none of the three, so only strings
//! change.)

use std::io;

use serde::Serialize;

/// `value` as compact inert JSON (inline `<script>` data, search index).
pub(crate) fn inert<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(256);
    match serde_json::to_writer(Inert(&mut out), value) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// `value` as pretty (two-space indented) inert JSON, for files people
/// read too (`events.json`, `timeline.json`).
pub(crate) fn inert_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    match serde_json::to_writer_pretty(Inert(&mut out), value) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A writer that writes `<`, `>` and `&` as JSON escapes as the text goes
/// by: one buffer, however large the file (JSON's own syntax has none of
/// the three, so only strings change, and UTF-8 stays whole).
struct Inert<W>(W);

impl<W: io::Write> io::Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(match rest[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_escapes_and_the_data_stays_the_same() {
        let v = serde_json::json!({"t": "</script><b>&"});
        let text = inert(&v);
        assert_eq!(text, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        assert_eq!(
            inert_pretty(&v),
            "{\n  \"t\": \"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"\n}"
        );
    }
}
