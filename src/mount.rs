//! Embedding without Leptos: options for a plain-JS mount, and (with the `js`
//! feature) the `wasm-bindgen` exports `mount(element, options)` and
//! `defineElement(tagName?)` for the `<active-sessions>` custom element.
//!
//! The option decoding is pure Rust ([`Options::from_entries`],
//! [`Options::from_attributes`]) so its error messages are tested on the host. Names,
//! kinds and rules all come from the options table ([`crate::options`]): decoding
//! here only converts by kind, then checks with the rules the Leptos component uses.
//!
//! ```js
//! import init, { mount, defineElement } from "./pkg/active_sessions.js";
//! await init();
//! const handle = mount(document.getElementById("sessions"), { baseUrl: "https://chat.example.com", pageSize: 10 });
//! // later
//! handle.unmount();
//!
//! defineElement(); // <active-sessions base-url="https://chat.example.com" page-size="10"></active-sessions>
//! ```

use crate::core::i18n::Messages;
use crate::options::{attributes, option_names, OptionSpec, Options, OptionsError, Value, ValueKind, OPTIONS};

/// An option value as JavaScript gave it, reduced to what the decoder needs.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// `undefined` or `null`: the default.
    Unset,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<OptionValue>),
    /// A plain object, as JSON (`JSON.stringify`).
    Json(String),
    /// A function, symbol or bigint.
    Other,
}

fn err<T>(msg: String) -> Result<T, OptionsError> {
    Err(OptionsError(msg))
}

/// `pagesize`, `page_size` and `PageSize` all fold to the same name.
fn fold(name: &str) -> String {
    name.chars().filter(|c| *c != '_' && *c != '-').map(|c| c.to_ascii_lowercase()).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest known name, if it is close enough to be a typo.
fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(name);
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = edit_distance(&folded, &fold(k));
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.filter(|(d, _)| *d <= 2.max(folded.len() / 4)).map(|(_, k)| k)
}

/// Where a value came from, for the error messages.
#[derive(Clone, Copy)]
enum Source {
    Option,
    Attribute,
}

/// Names options in messages the way the caller wrote them.
struct Namer {
    source: Source,
    /// The key each option was given under (`pageSize` or its alias `defaultPageSize`).
    used: Vec<(&'static str, String)>,
}

impl Namer {
    /// `option "pageSize"` or `attribute "page-size"`.
    fn name(&self, spec: &OptionSpec) -> String {
        match self.source {
            Source::Option => {
                let key =
                    self.used.iter().find(|(r, _)| *r == spec.rust).map(|(_, k)| k.as_str()).unwrap_or(spec.js[0]);
                format!("option \"{key}\"")
            }
            Source::Attribute => format!("attribute \"{}\"", spec.attribute.unwrap_or(spec.js[0])),
        }
    }
}

fn describe(v: &OptionValue) -> String {
    match v {
        OptionValue::Unset => "nothing".into(),
        OptionValue::Bool(b) => b.to_string(),
        OptionValue::Number(n) => fmt_number(*n),
        OptionValue::Text(s) => format!("\"{s}\""),
        OptionValue::List(_) => "an array".into(),
        OptionValue::Json(_) => "an object".into(),
        OptionValue::Other => "a function".into(),
    }
}

/// A number as the messages show it: `25`, `2.5`, `-1`, `NaN`, `Infinity`.
/// Written out by hand because `format!("{n}")` and `str::parse::<f64>` bring
/// Rust's float formatting and parsing (≈ 20 KB of code and tables) into the wasm.
fn fmt_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let a = n.abs();
    if a.is_infinite() {
        return format!("{sign}Infinity");
    }
    if a >= 1e12 {
        // Saturates above u64::MAX; such a value only ever appears in an error message.
        return format!("{sign}{}", a.round() as u64);
    }
    let micros = (a * 1e6).round() as u64;
    let (int, frac) = (micros / 1_000_000, micros % 1_000_000);
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:06}");
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

/// A decimal number as attributes write them (`25`, `-1`, `2.5`, `1e3`); `None`
/// for anything else. Exact for whole numbers, which is all the options take.
fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, s) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (num, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut scale: i64 = 0;
    for (i, b) in int.bytes().chain(frac.bytes()).enumerate() {
        if mantissa < 100_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            if i >= int.len() {
                scale -= 1;
            }
        } else if i < int.len() {
            scale += 1; // digits beyond 18 significant ones only scale
        }
    }
    if let Some(e) = exp {
        let (eneg, digits) = match e.as_bytes().first()? {
            b'-' => (true, &e[1..]),
            b'+' => (false, &e[1..]),
            _ => (false, e),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: i64 = digits.bytes().take(6).fold(0, |v, b| v * 10 + i64::from(b - b'0'));
        scale += if eneg { -v } else { v };
    }
    let m = mantissa as f64;
    let value =
        if scale >= 0 { m * 10f64.powi(scale.min(400) as i32) } else { m / 10f64.powi((-scale).min(400) as i32) };
    Some(if neg { -value } else { value })
}

/// A JS value as a value of the option's kind: the type check, and for numbers
/// the whole-number and range check (with the rule's own message). Errors are the
/// message after the option's name.
fn convert(spec: &OptionSpec, v: &OptionValue) -> Result<Value, String> {
    let whole = |n: f64| match spec.range {
        Some(r) if r.holds(n) => Ok(n as u32),
        Some(r) => Err(format!("{}, got {}", r.must, fmt_number(n))),
        None if n.is_finite() && n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        None => Err(format!("must be a whole number, got {}", fmt_number(n))),
    };
    match (spec.kind, v) {
        (ValueKind::Text, OptionValue::Text(s)) => Ok(Value::Text(s.clone())),
        (ValueKind::Text, other) => Err(format!("must be a string, got {}", describe(other))),
        (ValueKind::Bool, OptionValue::Bool(b)) => Ok(Value::Bool(*b)),
        (ValueKind::Bool, other) => Err(format!("must be a boolean, got {}", describe(other))),
        (ValueKind::Number, OptionValue::Number(n)) => whole(*n).map(Value::Number),
        (ValueKind::Number, other) => Err(format!("must be a number, got {}", describe(other))),
        (ValueKind::Numbers, OptionValue::List(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    OptionValue::Number(n) => out.push(whole(*n)?),
                    other => return Err(format!("must be an array of numbers, got {} in it", describe(other))),
                }
            }
            Ok(Value::Numbers(out))
        }
        (ValueKind::Numbers, other) => Err(format!("must be an array of numbers, got {}", describe(other))),
        (ValueKind::Map, OptionValue::Json(s) | OptionValue::Text(s)) => Messages::from_json(s).map(Value::Map),
        (ValueKind::Map, other) => Err(format!("must be an object, got {}", describe(other))),
    }
}

/// An attribute's text as the value JavaScript would give for the option's kind.
fn from_attribute(spec: &OptionSpec, attr: &str, raw: String) -> Result<OptionValue, String> {
    Ok(match spec.kind {
        ValueKind::Text | ValueKind::Map => OptionValue::Text(raw),
        ValueKind::Bool => {
            let v = raw.trim().to_ascii_lowercase();
            if v.is_empty() || v == "true" || v == attr {
                OptionValue::Bool(true)
            } else if v == "false" {
                OptionValue::Bool(false)
            } else {
                return Err(format!("must be present (on), absent or \"false\", got \"{raw}\""));
            }
        }
        ValueKind::Numbers => {
            let mut items = Vec::new();
            for part in raw.split([',', ' ']).filter(|p| !p.is_empty()) {
                match parse_number(part) {
                    Some(n) => items.push(OptionValue::Number(n)),
                    None => return Err(format!("must list page sizes such as \"10, 25, 50\", got \"{raw}\"")),
                }
            }
            OptionValue::List(items)
        }
        ValueKind::Number => match parse_number(&raw) {
            Some(n) => OptionValue::Number(n),
            None => return Err(format!("must be a number, got \"{raw}\"")),
        },
    })
}

impl Options {
    /// Decodes the keys and values of a JS options object and checks them with
    /// [`Options::validate`]'s rules; returns them normalised.
    ///
    /// Unset values (`undefined`, `null`) keep the default. Errors name the option
    /// and say what was expected, e.g. `unknown option "pagesize" (did you mean
    /// "pageSize"?)` or `option "pageSize" must be a number, got "25"`.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, OptionValue)>) -> Result<Self, OptionsError> {
        Self::decode(entries, Source::Option)
    }

    /// Decodes the attributes of an `<active-sessions>` element; `get` returns an
    /// attribute's value (`Some("")` for a bare boolean attribute).
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Result<Self, OptionsError> {
        let namer = Namer { source: Source::Attribute, used: Vec::new() };
        let mut entries = Vec::new();
        for (attr, spec) in attributes() {
            let Some(raw) = get(attr) else { continue };
            let value =
                from_attribute(spec, attr, raw).map_err(|m| OptionsError(format!("{} {m}", namer.name(spec))))?;
            entries.push((spec.js[0].to_owned(), value));
        }
        Self::decode(entries, Source::Attribute)
    }

    fn decode(entries: impl IntoIterator<Item = (String, OptionValue)>, source: Source) -> Result<Self, OptionsError> {
        let mut namer = Namer { source, used: Vec::new() };
        let mut o = Options::default();
        for (key, value) in entries {
            let Some(spec) = OPTIONS.iter().find(|s| s.js.contains(&key.as_str())) else {
                return err(match suggest(&key, option_names()) {
                    Some(s) => format!("unknown option \"{key}\" (did you mean \"{s}\"?)"),
                    None => format!(
                        "unknown option \"{key}\" (known options: {})",
                        option_names().collect::<Vec<_>>().join(", ")
                    ),
                });
            };
            if value == OptionValue::Unset {
                continue;
            }
            if let Some((_, prev)) = namer.used.iter().find(|(r, _)| *r == spec.rust) {
                return err(format!("options \"{prev}\" and \"{key}\" mean the same: give only one"));
            }
            namer.used.push((spec.rust, key));
            let v = convert(spec, &value).map_err(|m| OptionsError(format!("{} {m}", namer.name(spec))))?;
            if !(spec.set)(&mut o, v) {
                return err(format!("{} has a value of another kind", namer.name(spec)));
            }
        }
        o.checked(&|rust| namer.name(crate::options::spec(rust))).map(|(normal, _)| normal)
    }
}

#[cfg(feature = "js")]
pub use js::*;

#[cfg(feature = "js")]
mod js {
    use leptos::prelude::*;
    use leptos::tachys::view::any_view::AnyViewState;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::HtmlElement;

    use super::{OptionValue, Options, OptionsError};
    use crate::options::attributes;
    use crate::options::{ActiveSessions, ActiveSessionsProps};

    #[wasm_bindgen(inline_js = r#"
export function as_define(tag, mountFn, attrs) {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing.activeSessions === true) return false;
    throw new Error(`<${tag}> is already defined by another script`);
  }
  class ActiveSessionsElement extends HTMLElement {
    static activeSessions = true;
    static get observedAttributes() { return attrs; }
    #handle = null;
    #pending = false;
    connectedCallback() { if (!this.#handle) this.#handle = mountFn(this); }
    // A move (disconnect + connect in one task) keeps the mounted component.
    disconnectedCallback() { queueMicrotask(() => { if (!this.isConnected) this.#unmount(); }); }
    // Attribute changes after mount remount with the new options (batched per task);
    // a new locale is only a new language: no remount, nothing lost.
    attributeChangedCallback(name, old, value) {
      if (name === "locale" && this.#handle && this.#handle.mounted) { this.#handle.setLocale(value ?? ""); return; }
      if (!this.#handle || this.#pending) return;
      this.#pending = true;
      queueMicrotask(() => {
        this.#pending = false;
        if (!this.#handle) return;
        this.#unmount();
        if (this.isConnected) this.#handle = mountFn(this);
      });
    }
    /** Unmounts and mounts again with the current attributes. */
    remount() { this.#unmount(); if (this.isConnected) this.#handle = mountFn(this); }
    #unmount() { const h = this.#handle; this.#handle = null; if (h) h.free(); }
  }
  customElements.define(tag, ActiveSessionsElement);
  return true;
}
"#)]
    extern "C" {
        #[wasm_bindgen(catch)]
        fn as_define(tag: &str, mount_fn: &JsValue, attrs: &js_sys::Array) -> Result<bool, JsValue>;
    }

    thread_local! {
        /// Elements with a mounted component: a second mount into one is refused.
        static MOUNTED: js_sys::WeakSet = js_sys::WeakSet::new();
    }

    enum Inner {
        Mounted {
            _handle: leptos::mount::UnmountHandle<AnyViewState>,
            element: HtmlElement,
            locale: ArcRwSignal<Option<String>>,
        },
        /// The custom element's error message (bad attributes).
        Error(web_sys::Element),
    }

    /// A mounted component; `unmount()` (or `free()`) removes it, its listeners and timers.
    #[wasm_bindgen]
    pub struct MountHandle {
        inner: Option<Inner>,
    }

    #[wasm_bindgen]
    impl MountHandle {
        /// Removes the component from its element and stops its listeners, timers and
        /// requests. Calling it again does nothing.
        pub fn unmount(&mut self) {
            match self.inner.take() {
                Some(Inner::Mounted { _handle, element, .. }) => {
                    drop(_handle);
                    MOUNTED.with(|m| m.delete(&element));
                }
                Some(Inner::Error(node)) => node.remove(),
                None => {}
            }
        }

        /// Changes the language (a tag such as `"de"`; `""` = the host page's) without
        /// a remount: the filter, page, open dialog and focus stay.
        #[wasm_bindgen(js_name = setLocale)]
        pub fn set_locale(&self, locale: String) {
            if let Some(Inner::Mounted { locale: l, .. }) = &self.inner {
                l.set(Some(locale));
            }
        }

        /// Whether the component is still mounted.
        #[wasm_bindgen(getter)]
        pub fn mounted(&self) -> bool {
            matches!(self.inner, Some(Inner::Mounted { .. }))
        }
    }

    impl Drop for MountHandle {
        fn drop(&mut self) {
            self.unmount();
        }
    }

    fn to_value(v: &JsValue) -> OptionValue {
        if v.is_undefined() || v.is_null() {
            OptionValue::Unset
        } else if let Some(b) = v.as_bool() {
            OptionValue::Bool(b)
        } else if let Some(n) = v.as_f64() {
            OptionValue::Number(n)
        } else if let Some(s) = v.as_string() {
            OptionValue::Text(s)
        } else if js_sys::Array::is_array(v) {
            OptionValue::List(js_sys::Array::from(v).iter().map(|i| to_value(&i)).collect())
        } else if v.is_object() && !v.is_function() {
            match js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()) {
                Some(json) => OptionValue::Json(json),
                None => OptionValue::Other,
            }
        } else {
            OptionValue::Other
        }
    }

    /// Reads a JS options object (`undefined`/`null` = all defaults).
    pub fn options_from_js(options: &JsValue) -> Result<Options, OptionsError> {
        if options.is_undefined() || options.is_null() {
            return Ok(Options::default());
        }
        if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
            return Err(OptionsError(
                "options must be an object such as { baseUrl: \"https://chat.example.com\" }".into(),
            ));
        }
        let obj: &js_sys::Object = options.unchecked_ref();
        let mut entries = Vec::new();
        for key in js_sys::Object::keys(obj).iter() {
            let name = key.as_string().unwrap_or_default();
            let value = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            entries.push((name, to_value(&value)));
        }
        Options::from_entries(entries)
    }

    /// Mounts the component with already decoded options.
    pub fn mount_with(element: &HtmlElement, o: Options) -> Result<MountHandle, OptionsError> {
        if MOUNTED.with(|m| m.has(element)) {
            return Err(OptionsError(
                "this element already holds an active-sessions component: unmount it first".into(),
            ));
        }
        let locale = ArcRwSignal::new(o.locale.get_untracked());
        let mut props = ActiveSessionsProps::from(o);
        let follow = locale.clone();
        let handle = leptos::mount::mount_to(element.clone(), move || {
            // Made under the component's owner, so that unmounting frees it.
            props.locale = Signal::derive(move || follow.get()).into();
            ActiveSessions(props).into_any()
        });
        MOUNTED.with(|m| m.add(element));
        Ok(MountHandle { inner: Some(Inner::Mounted { _handle: handle, element: element.clone(), locale }) })
    }

    /// Mounts the sessions panel into `element` (appended to what it holds).
    ///
    /// `options` is a plain object with any of the options (README.md's options
    /// table, generated from `active_sessions::options::OPTIONS`); `undefined` or
    /// `null` for all defaults. Throws an `Error` naming
    /// the option for an unknown key, a wrong type or an out-of-range value.
    #[wasm_bindgen]
    pub fn mount(element: HtmlElement, options: JsValue) -> Result<MountHandle, JsError> {
        if !element.has_type::<HtmlElement>() {
            return Err(JsError::new("mount: the first argument must be an HTML element"));
        }
        let o = options_from_js(&options).map_err(|e| JsError::new(&e.0))?;
        mount_with(&element, o).map_err(|e| JsError::new(&e.0))
    }

    /// The custom element's mount: options from attributes; bad ones show an error
    /// in the element (and the console) instead of the panel.
    fn mount_element(element: HtmlElement) -> MountHandle {
        let result = Options::from_attributes(|name| element.get_attribute(name)).and_then(|o| mount_with(&element, o));
        match result {
            Ok(h) => h,
            Err(e) => {
                let msg = format!("<{}>: {e}", element.tag_name().to_ascii_lowercase());
                web_sys::console::error_1(&msg.clone().into());
                let p = document().create_element("p").ok();
                if let Some(p) = &p {
                    p.set_class_name("as-notice as-error");
                    let _ = p.set_attribute("role", "alert");
                    p.set_text_content(Some(&msg));
                    let _ = element.append_child(p);
                }
                MountHandle { inner: p.map(Inner::Error) }
            }
        }
    }

    /// Defines the `<active-sessions>` custom element (or `tagName`, which must hold
    /// a `-`). Its attributes are the "attribute" column of README.md's options
    /// table (from `active_sessions::options::OPTIONS`). Changing an
    /// attribute remounts the panel. Returns `true` when it defined the element,
    /// `false` when this library had already defined it.
    /// (`define_element` in Rust, `defineElement` in JavaScript, like `setLocale`.)
    #[wasm_bindgen(js_name = defineElement)]
    pub fn define_element(tag_name: Option<String>) -> Result<bool, JsError> {
        let tag = tag_name.unwrap_or_else(|| "active-sessions".into());
        let mount_fn = Closure::<dyn Fn(HtmlElement) -> MountHandle>::new(mount_element).into_js_value();
        let attrs: js_sys::Array = attributes().map(|(a, _)| JsValue::from_str(a)).collect();
        as_define(&tag, &mount_fn, &attrs).map_err(|e| {
            let msg = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("cannot define <{tag}>"));
            JsError::new(&msg)
        })
    }
}

#[cfg(test)]
mod tests;
