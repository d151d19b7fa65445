//! Localization without a framework in the wasm: the message table
//! ([`messages`]), catalogs that override it per language ([`Catalog`]), texts
//! with arguments built now and worded later ([`Text`]), placeholder filling,
//! plural forms by category, and the choice of a locale ([`negotiate`]).
//!
//! The browser supplies what needs CLDR data (plural rules, numbers, dates) through
//! `Intl` (see `web::i18n`); here it is the [`Speaker`] trait, which the host tests
//! implement with English rules ([`English`]).

pub mod messages;

use messages::KEYS_TEXT;
pub use messages::{ALL, ENGLISH, M};
#[cfg(any(test, feature = "internals"))]
pub use messages::{KEYS, PLURAL};

/// The catalogs that ship in `locales/` (English is compiled in; `en-XA` is the
/// pseudo-locale the tests render with), in the order a bare language picks them.
pub const LOCALES: &[&str] = &["en", "de", "fr", "es", "pt-BR", "it", "pl", "ru", "tr", "ja", "zh-CN", "ar", "en-XA"];

/// A CLDR plural category, as `Intl.PluralRules.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other];

    pub fn name(self) -> &'static str {
        ["zero", "one", "two", "few", "many", "other"][self as usize]
    }

    /// The category named `s`, if it is one.
    pub fn from_name(s: &str) -> Option<Plural> {
        Plural::ALL.into_iter().find(|p| p.name() == s)
    }

    /// The category named `s`; anything else is `Other`.
    pub fn parse(s: &str) -> Plural {
        Plural::from_name(s).unwrap_or(Plural::Other)
    }

    /// English's rule, also used when a catalog falls back to English.
    pub fn english(n: u64) -> Plural {
        if n == 1 {
            Plural::One
        } else {
            Plural::Other
        }
    }
}

const FORMS: usize = 6;

/// One language's wording: the texts it gives, by message and plural category;
/// whatever it lacks is English.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    texts: Vec<Option<Box<str>>>,
}

/// Where a catalog key points: a message and the plural slot (`Other` for a plain one).
pub fn slot_of(key: &str) -> Option<(M, Plural)> {
    let find = |k: &str| KEYS_TEXT.lines().position(|x| x == k).and_then(|i| ALL.get(i).copied());
    if let Some(m) = find(key) {
        return Some((m, Plural::Other));
    }
    let (base, cat) = key.rsplit_once('.')?;
    let m = find(base).filter(|m| m.is_plural())?;
    Some((m, Plural::from_name(cat)?))
}

impl Catalog {
    /// Sets one text; `false` when the key is not one of the table's.
    pub fn set(&mut self, key: &str, text: &str) -> bool {
        let Some((m, p)) = slot_of(key) else { return false };
        if self.texts.is_empty() {
            self.texts = vec![None; ALL.len() * FORMS];
        }
        self.texts[m as usize * FORMS + p as usize] = Some(text.into());
        true
    }

    /// Sets every entry it knows; returns the keys it does not.
    pub fn merge<K: AsRef<str>, V: AsRef<str>>(&mut self, entries: impl IntoIterator<Item = (K, V)>) -> Vec<String> {
        let mut unknown = Vec::new();
        for (k, v) in entries {
            if !self.set(k.as_ref(), v.as_ref()) {
                unknown.push(k.as_ref().to_owned());
            }
        }
        unknown
    }

    fn get(&self, m: M, p: Plural) -> Option<&str> {
        self.texts.get(m as usize * FORMS + p as usize)?.as_deref()
    }

    /// The template of `m` for `count` in category `p` (the language's), else its
    /// `other` form, else English.
    pub fn template(&self, m: M, count: u64, p: Plural) -> &str {
        let other = ENGLISH.get(m as usize).copied().unwrap_or_default();
        if m.is_plural() {
            if let Some(t) = self.get(m, p).or_else(|| self.get(m, Plural::Other)) {
                return t;
            }
            return if Plural::english(count) == Plural::One { m.english_one() } else { other };
        }
        self.get(m, Plural::Other).unwrap_or(other)
    }
}

/// A value for a placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is (device names, server text): never a template.
    Str(String),
    /// Shown in the locale's digits.
    Num(u64),
    /// Another message, worded in the same language.
    Text(Box<Text>),
}

/// A message with its arguments, worded when shown (so that it follows a change
/// of language).
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub key: M,
    pub args: Vec<(&'static str, Arg)>,
}

impl From<M> for Text {
    fn from(key: M) -> Self {
        Text { key, args: Vec::new() }
    }
}

impl M {
    /// This message with one argument.
    pub fn with(self, name: &'static str, value: Arg) -> Text {
        Text::from(self).with(name, value)
    }
    /// This message with `{count}` (which picks the plural form).
    pub fn count(self, n: u64) -> Text {
        self.with("count", Arg::Num(n))
    }
}

impl Text {
    pub fn with(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// A string argument.
pub fn s(v: impl Into<String>) -> Arg {
    Arg::Str(v.into())
}

/// Replaces each `{name}` of `template` by `value(name)`; an unknown name, or a
/// brace that opens no placeholder, stays as written.
pub fn fill(template: &str, value: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a template, in order of appearance, each once.
#[cfg(any(test, feature = "internals"))]
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    fill(template, &mut |n| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_owned());
        }
        None
    });
    names
}

/// Words messages in one language: its catalog, and the language's plural rules
/// and digits (the browser's `Intl` in the wasm, [`English`] on the host).
pub trait Speaker {
    fn catalog(&self) -> &Catalog;
    fn plural(&self, n: u64) -> Plural;
    fn number(&self, n: u64) -> String;

    /// A message without arguments.
    fn say(&self, m: M) -> String {
        self.catalog().template(m, 0, Plural::Other).to_owned()
    }

    /// A message with its arguments filled in.
    fn word(&self, t: &Text) -> String {
        let count = match t.arg("count") {
            Some(Arg::Num(n)) => *n,
            _ => 0,
        };
        let p = if t.key.is_plural() { self.plural(count) } else { Plural::Other };
        fill(self.catalog().template(t.key, count, p), &mut |name| {
            t.arg(name).map(|a| match a {
                Arg::Str(s) => s.clone(),
                Arg::Num(n) => self.number(*n),
                Arg::Text(inner) => self.word(inner),
            })
        })
    }
}

/// English with English rules: the host's speaker, and what `Display` impls use.
pub struct English;

impl Speaker for English {
    fn catalog(&self) -> &Catalog {
        static EMPTY: Catalog = Catalog { texts: Vec::new() };
        &EMPTY
    }
    fn plural(&self, n: u64) -> Plural {
        Plural::english(n)
    }
    fn number(&self, n: u64) -> String {
        n.to_string()
    }
}

/// Whether `tag` looks like a language tag (`de`, `pt-BR`, `zh-Hant-TW`; `_` is read as
/// `-`): subtags of letters and digits, at most 35 characters. The `locale` option and
/// the `messages` option check with it.
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && subtags(tag).all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The subtags of a tag (`pt-BR` → `pt`, `BR`; `_` is read as `-`).
fn subtags(tag: &str) -> impl Iterator<Item = &str> {
    tag.split(['-', '_'])
}

/// The primary language subtag: `pt` of `pt-BR`.
pub fn language(tag: &str) -> &str {
    subtags(tag).next().unwrap_or("")
}

fn same_tag(a: &str, b: &str) -> bool {
    a.len() == b.len() && subtags(a).zip(subtags(b)).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// Chinese written in traditional characters: not served by `zh-CN`.
fn traditional_chinese(tag: &str) -> bool {
    language(tag).eq_ignore_ascii_case("zh")
        && subtags(tag).any(|s| ["hant", "tw", "hk", "mo"].iter().any(|t| s.eq_ignore_ascii_case(t)))
}

/// The best of `available` for the wanted tags, in the order wanted: an exact
/// match (any case), else the first available of the same language (`pt` →
/// `pt-BR`, `de-AT` → `de`; never the pseudo-locale `en-XA`, never `zh-CN` for
/// traditional Chinese). `None` when nothing matches.
pub fn negotiate<'a>(wanted: &[String], available: &[&'a str]) -> Option<&'a str> {
    for w in wanted {
        let w = w.trim();
        if w.is_empty() {
            continue;
        }
        if let Some(a) = available.iter().find(|a| same_tag(a, w)) {
            return Some(a);
        }
        if traditional_chinese(w) {
            continue;
        }
        let lang = language(w);
        if let Some(a) = available.iter().find(|a| language(a).eq_ignore_ascii_case(lang) && !same_tag(a, "en-XA")) {
            return Some(a);
        }
    }
    None
}

/// Whether a language is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    let lang = language(tag);
    ["ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr"]
        .iter()
        .any(|l| lang.eq_ignore_ascii_case(l))
}

/// The pseudo-locale's text for an English template: accented letters, every
/// placeholder intact, 40 % longer, wrapped in ⟦…⟧ so that a text that escaped the
/// catalog stands out.
#[cfg(any(test, feature = "internals"))]
pub fn pseudo(template: &str) -> String {
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    for c in template.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        if in_placeholder || c == '}' {
            out.push(c);
            continue;
        }
        out.push(accent(c));
    }
    // 40 % longer, in short pseudo-words so that lines can still break.
    let mut extra = (template.chars().count() * 2).div_ceil(5);
    while extra > 0 {
        let n = extra.min(5);
        out.push(if n == 1 { '~' } else { ' ' });
        out.extend(std::iter::repeat_n('~', n.saturating_sub(1)));
        extra = extra.saturating_sub(n);
    }
    out.push('⟧');
    out
}

#[cfg(any(test, feature = "internals"))]
fn accent(c: char) -> char {
    const FROM: &str = "aceinoruyAEIOU";
    const TO: &str = "áçéîñöŕûýÅÉÎÖÜ";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

/// Wording a host gives at run time (the `messages` option): per locale tag,
/// catalog keys (see [`KEYS`]; a plural one with its category, `status.showing.one`)
/// to texts. A tag without a shipped catalog adds a language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages(pub Vec<(String, Vec<(String, String)>)>);

impl Messages {
    pub fn new() -> Self {
        Self::default()
    }

    /// This wording plus one text.
    pub fn set(mut self, locale: &str, key: &str, text: &str) -> Self {
        let pair = (key.to_owned(), text.to_owned());
        match self.0.iter_mut().find(|(l, _)| same_tag(l, locale)) {
            Some((_, entries)) => entries.push(pair),
            None => self.0.push((locale.to_owned(), vec![pair])),
        }
        self
    }

    /// Reads `{"de": {"toolbar.refresh": "Neu laden"}, …}`; the message says what is wrong.
    pub fn from_json(json: &str) -> Result<Self, String> {
        use crate::core::json::Json;
        let shape = "must map locales to objects of message keys and texts, such as {\"de\": {\"toolbar.refresh\": \"Neu laden\"}}";
        let root = crate::core::json::parse(json).and_then(|r| r.entries()).ok_or_else(|| shape.to_owned())?;
        let mut out = Messages::new();
        for (locale, texts) in root {
            let texts = texts.entries().ok_or_else(|| shape.to_owned())?;
            for (key, text) in texts {
                let text = text.text().ok_or_else(|| format!("{shape}; \"{locale}\".\"{key}\" is not a string"))?;
                out = out.set(&locale, &key, &text);
            }
        }
        out.check()?;
        Ok(out)
    }

    /// Every key must be one of the table's and every locale tag plausible.
    pub fn check(&self) -> Result<(), String> {
        for (locale, entries) in &self.0 {
            if !is_language_tag(locale) {
                return Err(format!("has \"{locale}\", which is not a language tag such as \"de\" or \"pt-BR\""));
            }
            if let Some((key, _)) = entries.iter().find(|(k, _)| slot_of(k).is_none()) {
                return Err(format!(
                    "has no message \"{key}\" (locale \"{locale}\"); the keys are listed in docs/messages.md"
                ));
            }
        }
        Ok(())
    }

    /// The locales it names.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(l, _)| l.as_str())
    }

    /// Its texts for `locale` (any case), if any.
    pub fn for_locale<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.0
            .iter()
            .filter(move |(l, _)| same_tag(l, locale))
            .flat_map(|(_, e)| e.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

#[cfg(test)]
mod tests;
