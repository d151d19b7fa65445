//! The JSON the decoders read and the little JSON the client writes.
//!
//! Decoders are written against the small [`Json`] trait instead of one parser's
//! value type, so that the browser build can hand them what the browser's own
//! `JSON.parse` produced: the wasm then carries no JSON parser at all (serde_json
//! cost about 9 KB gzipped of it). Host builds, and so every `cargo test` of the
//! decoders, read through serde_json. [`Node`] and [`parse`] are the backend of
//! the target, chosen in this module only: `host.rs` (serde_json) or `browser.rs`
//! (`JSON.parse` and `Reflect`).
//!
//! Numbers are read as `f64` on both backends, because that is all the browser
//! gives: counts beyond 2^53 lose precision, which no real answer reaches.
//!
//! Writing needs only flat objects of strings and small integers
//! ([`object`]), escaped as RFC 8259 asks.

/// Read access to one parsed JSON value. A method asked for the wrong kind of
/// value answers `None` (or `false`), never panics.
pub trait Json: Sized {
    /// Member `key` of an object; `None` for a missing key or a non-object.
    /// `key` is a field name such as `sessionId`, never `length` or an index:
    /// the browser backend skips its type checks on that promise.
    fn field(&self, key: &str) -> Option<Self>;
    /// The text of a string.
    fn text(&self) -> Option<String>;
    /// The value of a number.
    fn number(&self) -> Option<f64>;
    /// The value of `true` / `false`.
    fn boolean(&self) -> Option<bool>;
    /// Whether this is an object (not an array, not `null`).
    fn is_record(&self) -> bool;
    /// The length of an array.
    fn array_len(&self) -> Option<usize>;
    /// Element `i` of an array; call it only on a value whose
    /// [`array_len`](Json::array_len) is `Some` (the browser backend does not check again).
    fn item(&self, i: usize) -> Option<Self>;
    /// Whether this is `null`.
    fn is_json_null(&self) -> bool;
    /// The members of an object, in order; `None` for a non-object.
    fn entries(&self) -> Option<Vec<(String, Self)>>;

    /// The text of string member `key`; any other type (or absence) is `None`.
    fn text_field(&self, key: &str) -> Option<String> {
        self.field(key)?.text()
    }
}

/// Parses a document that must be an object; `None` for anything else.
pub fn parse_record(body: &str) -> Option<Node> {
    parse(body).filter(Json::is_record)
}

// The backend is chosen by target here and nowhere else: serde_json on the host
// (and so in every `cargo test`), the browser's `JSON.parse` in the wasm.
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod host;

#[cfg(target_arch = "wasm32")]
pub use browser::{parse, Node};
#[cfg(not(target_arch = "wasm32"))]
pub use host::{parse, Node};

/// A value of a flat JSON object written by [`object`].
#[derive(Clone, Copy, Debug)]
pub enum Out<'a> {
    Str(&'a str),
    Int(u32),
    Bool(bool),
}

/// `{"k":"v",…}` with every string escaped, for request bodies and storage.
pub fn object(fields: &[(&str, Out<'_>)]) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        quote_into(&mut s, k);
        s.push(':');
        match v {
            Out::Str(t) => quote_into(&mut s, t),
            Out::Int(n) => s.push_str(&n.to_string()),
            Out::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        }
    }
    s.push('}');
    s
}

/// Appends `text` as a JSON string: quotes, backslashes and control characters
/// escaped; everything else (including non-ASCII) as is.
fn quote_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let written = object(&[("k", Out::Str(text))]);
        let v: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
        v["k"].as_str().expect("string").to_owned()
    }

    #[test]
    fn strings_are_escaped_and_survive() {
        for s in
            ["", "plain", "quote \" back \\ slash", "line\nfeed\r\ttab", "\u{0}\u{1f}\u{7f}", "é ✓ 😀", "</script>"]
        {
            assert_eq!(round_trip(s), s);
        }
        assert_eq!(object(&[("a", Out::Str("\u{1}"))]), r#"{"a":"\u0001"}"#);
    }

    #[test]
    fn flat_objects() {
        assert_eq!(object(&[]), "{}");
        assert_eq!(
            object(&[("v", Out::Int(1)), ("userId", Out::Str("u")), ("n", Out::Int(u32::MAX))]),
            r#"{"v":1,"userId":"u","n":4294967295}"#
        );
    }

    #[test]
    fn reading_the_wrong_kind_is_none() {
        let v = parse(r#"{"s":"x","n":2.5,"b":true,"a":[1,"two"],"o":{},"z":null}"#).expect("json");
        assert_eq!(v.field("s").and_then(|s| s.text()), Some("x".into()));
        assert_eq!(v.field("n").and_then(|n| n.number()), Some(2.5));
        assert_eq!(v.field("b").and_then(|b| b.boolean()), Some(true));
        assert!(v.field("o").is_some_and(|o| o.is_record()));
        assert!(v.field("z").is_some_and(|z| z.is_json_null()));
        let a = v.field("a").expect("array");
        assert_eq!(a.array_len(), Some(2));
        assert!(!a.is_record());
        assert_eq!(a.item(1).and_then(|x| x.text()), Some("two".into()));
        assert!(a.item(2).is_none());
        assert!(a.field("0").is_none());
        assert!(v.field("s").and_then(|s| s.number()).is_none());
        assert!(v.field("n").and_then(|n| n.text()).is_none());
        assert!(v.field("missing").is_none());
        assert!(v.array_len().is_none());
        assert!(parse("{").is_none());
        assert!(parse("").is_none());
    }
}
