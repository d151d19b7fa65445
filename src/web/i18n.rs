//! One language in the browser: its catalog, and `Intl` for what needs CLDR data
//! (plural categories, digits, relative and absolute dates), all in the same
//! locale so that a German panel never says "Signed in 3 hours ago" in two
//! languages. Also: the host page's language, and fetching a shipped catalog.
//!
//! The `Intl` objects are built through `Reflect`, so that an engine that throws
//! (an unknown tag, no `RelativeTimeFormat`) gives English rules instead of a panic.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::format::{fallback_relative_text, relative_parts};
use crate::core::i18n::{Catalog, Plural, Speaker};
use crate::core::json::{self, Json};

fn construct(name: &str, tag: &str, options: &[(&str, &str)]) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let ctor: Function = Reflect::get(&intl, &JsValue::from_str(name)).ok()?.dyn_into().ok()?;
    let opts = Object::new();
    for (k, v) in options {
        Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    Reflect::construct(&ctor, &Array::of2(&JsValue::from_str(tag), &opts)).ok()
}

/// An `Intl` object with its method looked up once (a card asks for three dates, a
/// page for hundreds: no lookup and no argument array per call).
type Method = Option<(JsValue, Function)>;

fn method(target: Option<JsValue>, name: &str) -> Method {
    let target = target?;
    let f: Function = Reflect::get(&target, &JsValue::from_str(name)).ok()?.dyn_into().ok()?;
    Some((target, f))
}

fn call(m: &Method, a: &JsValue, b: Option<&JsValue>) -> Option<String> {
    let (target, f) = m.as_ref()?;
    match b {
        Some(b) => f.call2(target, a, b),
        None => f.call1(target, a),
    }
    .ok()?
    .as_string()
}

/// One language: what an instance words its texts and dates with.
pub struct Locale {
    /// The BCP 47 tag in effect (`lang` of the panel's root).
    pub tag: String,
    /// Whether the panel is laid out right to left.
    pub rtl: bool,
    catalog: Catalog,
    plural: Method,
    number: Method,
    relative: Method,
    absolute: Method,
    day: Method,
}

impl Locale {
    pub fn new(tag: &str, catalog: Catalog) -> Self {
        Self {
            tag: tag.to_owned(),
            rtl: false,
            catalog,
            plural: method(construct("PluralRules", tag, &[]), "select"),
            number: method(construct("NumberFormat", tag, &[]), "format"),
            relative: method(construct("RelativeTimeFormat", tag, &[("numeric", "auto")]), "format"),
            absolute: method(
                construct("DateTimeFormat", tag, &[("dateStyle", "medium"), ("timeStyle", "short")]),
                "format",
            ),
            day: method(construct("DateTimeFormat", tag, &[("dateStyle", "medium")]), "format"),
        }
    }

    /// English, with English rules: what a panel starts with.
    pub fn english() -> Self {
        Self::new("en", Catalog::default())
    }

    /// "3 hours ago", "yesterday".
    pub fn relative(&self, then_ms: f64, now_ms: f64) -> String {
        let (value, unit) = relative_parts(then_ms, now_ms);
        call(&self.relative, &JsValue::from_f64(value), Some(&JsValue::from_str(unit)))
            .unwrap_or_else(|| fallback_relative_text(then_ms, now_ms))
    }

    /// "26 Nov 2026, 14:03", in the browser's time zone.
    pub fn absolute(&self, ms: f64) -> String {
        format_date(&self.absolute, ms)
    }

    /// "26 Nov 2026", in the browser's time zone.
    pub fn day(&self, ms: f64) -> String {
        format_date(&self.day, ms)
    }
}

fn format_date(format: &Method, ms: f64) -> String {
    // `format` takes a time value as well as a Date.
    call(format, &JsValue::from_f64(ms), None).or_else(|| crate::core::date::format_iso_ms(ms)).unwrap_or_default()
}

impl Speaker for Locale {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    fn plural(&self, n: u64) -> Plural {
        call(&self.plural, &JsValue::from_f64(n as f64), None).map_or(Plural::english(n), |c| Plural::parse(&c))
    }
    fn number(&self, n: u64) -> String {
        call(&self.number, &JsValue::from_f64(n as f64), None).unwrap_or_else(|| n.to_string())
    }
}

/// The languages the host page asks for, best first: `<html lang>`, then the
/// browser's `navigator.languages`.
pub fn host_languages() -> Vec<String> {
    let mut out = Vec::new();
    let Some(w) = web_sys::window() else { return out };
    if let Some(lang) = w.document().and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang")) {
        out.push(lang);
    }
    out.extend(w.navigator().languages().iter().filter_map(|l| l.as_string()));
    out
}

/// Whether the host page is laid out right to left (`<html dir="rtl">`).
pub fn host_is_rtl() -> bool {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    root.and_then(|e| e.get_attribute("dir")).is_some_and(|d| d.eq_ignore_ascii_case("rtl"))
}

/// Fetches a shipped catalog (`locales/de.json`) into `catalog`; `None` when it
/// cannot be had within `timeout_ms` (the panel then shows English: it waits for the
/// first language, so a catalog server that hangs must not leave it blank).
pub async fn fetch_catalog(url: &str, timeout_ms: u32, catalog: &mut Catalog) -> Option<()> {
    let controller = web_sys::AbortController::new().ok()?;
    let abort = controller.clone();
    let timer = leptos::prelude::set_timeout_with_handle(
        move || abort.abort(),
        std::time::Duration::from_millis(u64::from(timeout_ms)),
    )
    .ok();
    let signal = controller.signal();
    let response = gloo_net::http::Request::get(url).abort_signal(Some(&signal)).send().await;
    let body = match response {
        Ok(r) if r.ok() => r.text().await.ok(),
        _ => None,
    };
    if let Some(t) = timer {
        t.clear();
    }
    let entries = json::parse(&body?)?.entries()?;
    catalog.merge(entries.iter().filter_map(|(k, v)| Some((k.as_str(), v.text()?))));
    Some(())
}
