//! Embedding without Leptos: options for a plain-JS mount, and (with the `js`
//! feature) the `wasm-bindgen` exports `mount(element, options)` and
//! `define_element(tagName?)` for the `<active-sessions>` custom element.
//!
//! The option decoding is pure Rust ([`MountOptions::from_entries`],
//! [`MountOptions::from_attributes`]) so its error messages are tested on the host.
//!
//! ```js
//! import init, { mount, define_element } from "./pkg/active_sessions.js";
//! await init();
//! const handle = mount(document.getElementById("sessions"), { baseUrl: "https://chat.example.com", pageSize: 10 });
//! // later
//! handle.unmount();
//!
//! define_element(); // <active-sessions base-url="https://chat.example.com" page-size="10"></active-sessions>
//! ```

use crate::core::page::MAX_PAGE_SIZE;
use std::fmt;

use crate::core::creds::{is_plausible_base_url, normalize_base_url};
use crate::core::query::PAGE_SIZES;

/// The option names `mount` accepts, as written in JavaScript.
pub const OPTION_NAMES: [&str; 13] = [
    "baseUrl",
    "storageKey",
    "pageSizes",
    "pageSize",
    "defaultPageSize",
    "syncUrl",
    "urlPrefix",
    "refreshIntervalMs",
    "focusRefreshAfterMs",
    "reuseRocketChatLogin",
    "className",
    "timeoutMs",
    "debounceMs",
];

/// The attributes of `<active-sessions>` and the option each one sets.
pub const ATTRIBUTES: [(&str, &str); 11] = [
    ("base-url", "baseUrl"),
    ("storage-key", "storageKey"),
    ("page-sizes", "pageSizes"),
    ("page-size", "pageSize"),
    ("sync-url", "syncUrl"),
    ("url-prefix", "urlPrefix"),
    ("refresh-interval", "refreshIntervalMs"),
    ("focus-refresh-after", "focusRefreshAfterMs"),
    ("reuse-rocketchat-login", "reuseRocketChatLogin"),
    ("timeout", "timeoutMs"),
    ("debounce", "debounceMs"),
];

/// The decoded options: one field per [`ActiveSessions`](crate::ActiveSessions) prop.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MountOptions {
    pub base_url: String,
    pub storage_key: Option<String>,
    pub page_sizes: Option<Vec<u32>>,
    pub default_page_size: Option<u32>,
    pub sync_url: bool,
    pub url_prefix: Option<String>,
    pub refresh_interval_ms: Option<u32>,
    pub focus_refresh_after_ms: Option<u32>,
    pub reuse_rocketchat_login: bool,
    pub class_name: Option<String>,
    pub timeout_ms: Option<u32>,
    pub debounce_ms: Option<u32>,
}

/// An option value as JavaScript gave it, reduced to what the decoder needs.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// `undefined` or `null`: the default.
    Unset,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<OptionValue>),
    /// An object, function, symbol or bigint.
    Other,
}

/// Why options were rejected; `Display` is the message JavaScript sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionsError {}

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

struct Namer(Source);

impl Namer {
    /// `option "pageSize"` or `attribute "page-size"`.
    fn name(&self, option: &str) -> String {
        match self.0 {
            Source::Option => format!("option \"{option}\""),
            Source::Attribute => {
                let attr = ATTRIBUTES.iter().find(|(_, o)| *o == option).map(|(a, _)| *a).unwrap_or(option);
                format!("attribute \"{attr}\"")
            }
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
        OptionValue::Other => "an object".into(),
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
    let value = if scale >= 0 {
        m * 10f64.powi(scale.min(400) as i32)
    } else {
        m / 10f64.powi((-scale).min(400) as i32)
    };
    Some(if neg { -value } else { value })
}

impl Namer {
    fn string(&self, key: &str, v: &OptionValue) -> Result<String, OptionsError> {
        match v {
            OptionValue::Text(s) => Ok(s.clone()),
            other => err(format!("{} must be a string, got {}", self.name(key), describe(other))),
        }
    }

    fn bool(&self, key: &str, v: &OptionValue) -> Result<bool, OptionsError> {
        match v {
            OptionValue::Bool(b) => Ok(*b),
            other => err(format!("{} must be a boolean, got {}", self.name(key), describe(other))),
        }
    }

    /// A whole number in `min..=max`; `what` describes the range in the message.
    fn number(&self, key: &str, v: &OptionValue, min: u32, max: u32, what: &str) -> Result<u32, OptionsError> {
        let n = match v {
            OptionValue::Number(n) => *n,
            other => return err(format!("{} must be a number, got {}", self.name(key), describe(other))),
        };
        if !n.is_finite() || n.fract() != 0.0 || n < min as f64 || n > max as f64 {
            return err(format!("{} must be {what}, got {}", self.name(key), fmt_number(n)));
        }
        Ok(n as u32)
    }
}

const PAGE_SIZE_RANGE: &str = "a whole number from 1 to 100";

fn list_sizes(sizes: &[u32]) -> String {
    sizes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
}

impl MountOptions {
    /// Decodes the keys and values of a JS options object.
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
        let namer = Namer(Source::Attribute);
        let mut entries = Vec::new();
        for (attr, option) in ATTRIBUTES {
            let Some(raw) = get(attr) else { continue };
            let value = match option {
                "baseUrl" | "storageKey" | "urlPrefix" => OptionValue::Text(raw),
                "syncUrl" | "reuseRocketChatLogin" => {
                    let v = raw.trim().to_ascii_lowercase();
                    if v.is_empty() || v == "true" || v == attr {
                        OptionValue::Bool(true)
                    } else if v == "false" {
                        OptionValue::Bool(false)
                    } else {
                        return err(format!("{} must be present (on), absent or \"false\", got \"{raw}\"", namer.name(option)));
                    }
                }
                "pageSizes" => {
                    let mut items = Vec::new();
                    for part in raw.split([',', ' ']).filter(|p| !p.is_empty()) {
                        match parse_number(part) {
                            Some(n) => items.push(OptionValue::Number(n)),
                            None => {
                                return err(format!(
                                    "{} must list page sizes such as \"10, 25, 50\", got \"{raw}\"",
                                    namer.name(option)
                                ))
                            }
                        }
                    }
                    OptionValue::List(items)
                }
                _ => match parse_number(&raw) {
                    Some(n) => OptionValue::Number(n),
                    _ => return err(format!("{} must be a number, got \"{raw}\"", namer.name(option))),
                },
            };
            entries.push((option.to_owned(), value));
        }
        Self::decode(entries, Source::Attribute)
    }

    fn decode(entries: impl IntoIterator<Item = (String, OptionValue)>, source: Source) -> Result<Self, OptionsError> {
        let namer = Namer(source);
        let mut o = MountOptions::default();
        let mut page_size_key: Option<String> = None;
        for (key, value) in entries {
            if !OPTION_NAMES.contains(&key.as_str()) {
                return err(match suggest(&key, OPTION_NAMES.into_iter()) {
                    Some(s) => format!("unknown option \"{key}\" (did you mean \"{s}\"?)"),
                    None => format!("unknown option \"{key}\" (known options: {})", OPTION_NAMES.join(", ")),
                });
            }
            if value == OptionValue::Unset {
                continue;
            }
            let v = &value;
            match key.as_str() {
                "baseUrl" => {
                    let url = normalize_base_url(&namer.string(&key, v)?);
                    if !is_plausible_base_url(&url) {
                        return err(format!(
                            "{} must be an http(s) URL such as \"https://chat.example.com\", a path starting with \"/\", or empty for this page's origin; got {}",
                            namer.name(&key),
                            describe(v)
                        ));
                    }
                    o.base_url = url;
                }
                "storageKey" => {
                    let k = namer.string(&key, v)?;
                    if k.trim().is_empty() {
                        return err(format!("{} must not be empty", namer.name(&key)));
                    }
                    o.storage_key = Some(k);
                }
                "pageSizes" => {
                    let OptionValue::List(items) = v else {
                        return err(format!("{} must be an array of numbers, got {}", namer.name(&key), describe(v)));
                    };
                    if items.is_empty() {
                        return err(format!("{} must list at least one page size", namer.name(&key)));
                    }
                    let mut sizes = Vec::with_capacity(items.len());
                    for item in items {
                        let n = match item {
                            OptionValue::Number(n) => *n,
                            other => {
                                return err(format!("{} must be an array of numbers, got {} in it", namer.name(&key), describe(other)))
                            }
                        };
                        if !n.is_finite() || n.fract() != 0.0 || !(1.0..=f64::from(MAX_PAGE_SIZE)).contains(&n) {
                            return err(format!(
                                "{} must hold page sizes from 1 to 100 (the server's cap), got {}",
                                namer.name(&key),
                                fmt_number(n)
                            ));
                        }
                        if !sizes.contains(&(n as u32)) {
                            sizes.push(n as u32);
                        }
                    }
                    o.page_sizes = Some(sizes);
                }
                "pageSize" | "defaultPageSize" => {
                    if let Some(prev) = &page_size_key {
                        return err(format!("options \"{prev}\" and \"{key}\" mean the same: give only one"));
                    }
                    page_size_key = Some(key.clone());
                    o.default_page_size = Some(namer.number(&key, v, 1, MAX_PAGE_SIZE, PAGE_SIZE_RANGE)?);
                }
                "syncUrl" => o.sync_url = namer.bool(&key, v)?,
                "urlPrefix" => {
                    let p = namer.string(&key, v)?;
                    if !p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
                        return err(format!("{} may hold only letters, digits, '_', '-' and '.', got \"{p}\"", namer.name(&key)));
                    }
                    o.url_prefix = Some(p);
                }
                "refreshIntervalMs" => {
                    let ms = namer.number(&key, v, 0, u32::MAX, "a whole number of milliseconds")?;
                    if ms != 0 && ms < 1000 {
                        return err(format!("{} must be 0 (off) or at least 1000 milliseconds, got {ms}", namer.name(&key)));
                    }
                    o.refresh_interval_ms = (ms > 0).then_some(ms);
                }
                "focusRefreshAfterMs" => {
                    o.focus_refresh_after_ms =
                        Some(namer.number(&key, v, 0, 86_400_000, "a whole number of milliseconds from 0 to 86400000")?)
                }
                "reuseRocketChatLogin" => o.reuse_rocketchat_login = namer.bool(&key, v)?,
                "className" => o.class_name = Some(namer.string(&key, v)?),
                "timeoutMs" => {
                    o.timeout_ms = Some(namer.number(&key, v, 1, 600_000, "a whole number of milliseconds from 1 to 600000")?)
                }
                "debounceMs" => {
                    o.debounce_ms = Some(namer.number(&key, v, 0, 10_000, "a whole number of milliseconds from 0 to 10000")?)
                }
                _ => unreachable!("every known option is handled"),
            }
        }
        if let Some(size) = o.default_page_size {
            let sizes = o.page_sizes.clone().unwrap_or_else(|| PAGE_SIZES.to_vec());
            if !sizes.contains(&size) {
                let key = page_size_key.unwrap_or_else(|| "pageSize".into());
                return err(format!("{} ({size}) is not one of the page sizes ({})", namer.name(&key), list_sizes(&sizes)));
            }
        }
        Ok(o)
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

    use super::{MountOptions, OptionValue, OptionsError, ATTRIBUTES};
    use crate::ui::{ActiveSessions, ActiveSessionsProps};

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
    // Attribute changes after mount remount with the new options (batched per task).
    attributeChangedCallback() {
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
        Mounted { _handle: leptos::mount::UnmountHandle<AnyViewState>, element: HtmlElement },
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
                Some(Inner::Mounted { _handle, element }) => {
                    drop(_handle);
                    MOUNTED.with(|m| m.delete(&element));
                }
                Some(Inner::Error(node)) => node.remove(),
                None => {}
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
        } else {
            OptionValue::Other
        }
    }

    /// Reads a JS options object (`undefined`/`null` = all defaults).
    pub fn options_from_js(options: &JsValue) -> Result<MountOptions, OptionsError> {
        if options.is_undefined() || options.is_null() {
            return Ok(MountOptions::default());
        }
        if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
            return Err(OptionsError("options must be an object such as { baseUrl: \"https://chat.example.com\" }".into()));
        }
        let obj: &js_sys::Object = options.unchecked_ref();
        let mut entries = Vec::new();
        for key in js_sys::Object::keys(obj).iter() {
            let name = key.as_string().unwrap_or_default();
            let value = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            entries.push((name, to_value(&value)));
        }
        MountOptions::from_entries(entries)
    }

    /// Mounts the component with already decoded options.
    pub fn mount_with(element: &HtmlElement, o: MountOptions) -> Result<MountHandle, OptionsError> {
        if MOUNTED.with(|m| m.has(element)) {
            return Err(OptionsError("this element already holds an active-sessions component: unmount it first".into()));
        }
        let props = ActiveSessionsProps {
            base_url: o.base_url,
            storage_key: o.storage_key,
            page_sizes: o.page_sizes,
            default_page_size: o.default_page_size,
            sync_url: o.sync_url,
            url_prefix: o.url_prefix,
            refresh_interval_ms: o.refresh_interval_ms,
            focus_refresh_after_ms: o.focus_refresh_after_ms,
            reuse_rocketchat_login: o.reuse_rocketchat_login,
            class: o.class_name,
            timeout_ms: o.timeout_ms,
            debounce_ms: o.debounce_ms,
        };
        let handle = leptos::mount::mount_to(element.clone(), move || ActiveSessions(props).into_any());
        MOUNTED.with(|m| m.add(element));
        Ok(MountHandle { inner: Some(Inner::Mounted { _handle: handle, element: element.clone() }) })
    }

    /// Mounts the sessions panel into `element` (appended to what it holds).
    ///
    /// `options` is a plain object with any of `baseUrl`, `storageKey`, `pageSizes`,
    /// `pageSize` (alias `defaultPageSize`), `syncUrl`, `urlPrefix`,
    /// `refreshIntervalMs`, `focusRefreshAfterMs`, `reuseRocketChatLogin`, `className`, `timeoutMs`,
    /// `debounceMs`; `undefined` or `null` for all defaults. Throws an `Error` naming
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
        let result = MountOptions::from_attributes(|name| element.get_attribute(name))
            .and_then(|o| mount_with(&element, o));
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
    /// a `-`). Its attributes: `base-url`, `storage-key`, `page-size`, `page-sizes`
    /// ("10,25,50"), `sync-url`, `url-prefix`, `refresh-interval` (ms), `focus-refresh-after` (ms),
    /// `reuse-rocketchat-login`, `timeout` (ms), `debounce` (ms). Changing an
    /// attribute remounts the panel. Returns `true` when it defined the element,
    /// `false` when this library had already defined it.
    #[wasm_bindgen]
    pub fn define_element(tag_name: Option<String>) -> Result<bool, JsError> {
        let tag = tag_name.unwrap_or_else(|| "active-sessions".into());
        let mount_fn = Closure::<dyn Fn(HtmlElement) -> MountHandle>::new(mount_element).into_js_value();
        let attrs: js_sys::Array = ATTRIBUTES.iter().map(|(a, _)| JsValue::from_str(a)).collect();
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
mod tests {
    use super::*;

    fn opts(entries: &[(&str, OptionValue)]) -> Result<MountOptions, OptionsError> {
        MountOptions::from_entries(entries.iter().map(|(k, v)| (k.to_string(), v.clone())))
    }
    fn msg(entries: &[(&str, OptionValue)]) -> String {
        opts(entries).unwrap_err().0
    }
    use OptionValue::*;

    #[test]
    fn empty_and_unset_give_defaults() {
        assert_eq!(opts(&[]).unwrap(), MountOptions::default());
        assert_eq!(opts(&[("baseUrl", Unset), ("pageSize", Unset)]).unwrap(), MountOptions::default());
    }

    #[test]
    fn decodes_every_option() {
        let o = opts(&[
            ("baseUrl", Text("https://chat.example.com/".into())),
            ("storageKey", Text("k".into())),
            ("pageSizes", List(vec![Number(5.0), Number(10.0), Number(5.0)])),
            ("pageSize", Number(10.0)),
            ("syncUrl", Bool(true)),
            ("urlPrefix", Text("s_".into())),
            ("refreshIntervalMs", Number(60_000.0)),
            ("focusRefreshAfterMs", Number(0.0)),
            ("reuseRocketChatLogin", Bool(true)),
            ("className", Text("x".into())),
            ("timeoutMs", Number(5000.0)),
            ("debounceMs", Number(0.0)),
        ])
        .unwrap();
        assert_eq!(
            o,
            MountOptions {
                base_url: "https://chat.example.com".into(),
                storage_key: Some("k".into()),
                page_sizes: Some(vec![5, 10]),
                default_page_size: Some(10),
                sync_url: true,
                url_prefix: Some("s_".into()),
                refresh_interval_ms: Some(60_000),
                focus_refresh_after_ms: Some(0),
                reuse_rocketchat_login: true,
                class_name: Some("x".into()),
                timeout_ms: Some(5000),
                debounce_ms: Some(0),
            }
        );
        assert_eq!(opts(&[("defaultPageSize", Number(50.0))]).unwrap().default_page_size, Some(50));
        assert_eq!(opts(&[("refreshIntervalMs", Number(0.0))]).unwrap().refresh_interval_ms, None);
        assert_eq!(opts(&[("baseUrl", Text("".into()))]).unwrap().base_url, "");
        assert_eq!(opts(&[("baseUrl", Text("/chat".into()))]).unwrap().base_url, "/chat");
    }

    #[test]
    fn unknown_keys_suggest_the_closest_name() {
        assert_eq!(msg(&[("pagesize", Number(10.0))]), r#"unknown option "pagesize" (did you mean "pageSize"?)"#);
        assert_eq!(msg(&[("base_url", Text("".into()))]), r#"unknown option "base_url" (did you mean "baseUrl"?)"#);
        assert_eq!(msg(&[("timeout", Number(1.0))]), r#"unknown option "timeout" (did you mean "timeoutMs"?)"#);
        assert_eq!(msg(&[("refreshInterval", Number(1.0))]), r#"unknown option "refreshInterval" (did you mean "refreshIntervalMs"?)"#);
        assert!(msg(&[("colour", Text("red".into()))]).starts_with(r#"unknown option "colour" (known options: baseUrl, storageKey"#));
    }

    #[test]
    fn wrong_types_name_the_option_and_the_expected_type() {
        assert_eq!(msg(&[("pageSize", Text("25".into()))]), r#"option "pageSize" must be a number, got "25""#);
        assert_eq!(msg(&[("syncUrl", Text("yes".into()))]), r#"option "syncUrl" must be a boolean, got "yes""#);
        assert_eq!(msg(&[("baseUrl", Number(1.0))]), r#"option "baseUrl" must be a string, got 1"#);
        assert_eq!(msg(&[("pageSizes", Number(10.0))]), r#"option "pageSizes" must be an array of numbers, got 10"#);
        assert_eq!(msg(&[("pageSizes", List(vec![Text("10".into())]))]), r#"option "pageSizes" must be an array of numbers, got "10" in it"#);
        assert_eq!(msg(&[("className", Other)]), r#"option "className" must be a string, got an object"#);
    }

    #[test]
    fn out_of_range_values() {
        assert_eq!(msg(&[("pageSize", Number(500.0))]), r#"option "pageSize" must be a whole number from 1 to 100, got 500"#);
        assert_eq!(msg(&[("pageSize", Number(2.5))]), r#"option "pageSize" must be a whole number from 1 to 100, got 2.5"#);
        assert_eq!(msg(&[("pageSize", Number(30.0))]), r#"option "pageSize" (30) is not one of the page sizes (10, 25, 50, 100)"#);
        assert_eq!(
            msg(&[("pageSizes", List(vec![Number(5.0), Number(15.0)])), ("defaultPageSize", Number(25.0))]),
            r#"option "defaultPageSize" (25) is not one of the page sizes (5, 15)"#
        );
        assert_eq!(msg(&[("pageSizes", List(vec![Number(0.0)]))]), r#"option "pageSizes" must hold page sizes from 1 to 100 (the server's cap), got 0"#);
        assert_eq!(msg(&[("pageSizes", List(vec![]))]), r#"option "pageSizes" must list at least one page size"#);
        assert_eq!(msg(&[("refreshIntervalMs", Number(500.0))]), r#"option "refreshIntervalMs" must be 0 (off) or at least 1000 milliseconds, got 500"#);
        assert_eq!(msg(&[("timeoutMs", Number(-1.0))]), r#"option "timeoutMs" must be a whole number of milliseconds from 1 to 600000, got -1"#);
        assert_eq!(msg(&[("storageKey", Text("  ".into()))]), r#"option "storageKey" must not be empty"#);
        assert_eq!(msg(&[("pageSize", Number(10.0)), ("defaultPageSize", Number(10.0))]), r#"options "pageSize" and "defaultPageSize" mean the same: give only one"#);
    }

    #[test]
    fn numbers_parse_and_print_without_float_formatting() {
        for (text, n) in [("25", 25.0), ("+7", 7.0), ("-1", -1.0), ("2.5", 2.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("1E+3", 1000.0), ("250e-1", 25.0), (" 10 ", 10.0), ("0", 0.0), ("600000", 600_000.0)] {
            assert_eq!(parse_number(text), Some(n), "{text}");
        }
        assert_eq!(parse_number("123456789012345678901234567890"), Some(1.2345678901234568e29));
        for bad in ["", " ", "-", ".", "e3", "1e", "1e+", "ten", "1,5", "0x10", "inf", "NaN", "1.2.3", "--1"] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
        for (n, text) in [(25.0, "25"), (-1.0, "-1"), (2.5, "2.5"), (0.125, "0.125"), (-0.0, "0"), (1e-9, "0"), (f64::NAN, "NaN"), (f64::INFINITY, "Infinity"), (f64::NEG_INFINITY, "-Infinity"), (1e15, "1000000000000000"), (1e300, "18446744073709551615")] {
            assert_eq!(fmt_number(n), text, "{n}");
        }
    }

    #[test]
    fn base_url_must_be_http_or_empty() {
        for bad in ["ftp://chat.example.com", "javascript:alert(1)", "chat.example.com", "https://", "//evil.example"] {
            let m = msg(&[("baseUrl", Text(bad.into()))]);
            assert!(m.starts_with(r#"option "baseUrl" must be an http(s) URL"#), "{bad}: {m}");
            assert!(m.ends_with(&format!("got {bad:?}")), "{m}");
        }
        assert_eq!(opts(&[("baseUrl", Text("HTTP://chat.example.com".into()))]).unwrap().base_url, "HTTP://chat.example.com");
    }

    #[test]
    fn attributes_decode_with_attribute_names_in_errors() {
        let attrs = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let o = MountOptions::from_attributes(attrs(&[
            ("base-url", "http://127.0.0.1:3000"),
            ("storage-key", "a"),
            ("page-size", "10"),
            ("page-sizes", "5, 10,20"),
            ("sync-url", ""),
            ("refresh-interval", "30000"),
            ("focus-refresh-after", "5000"),
            ("reuse-rocketchat-login", "false"),
            ("timeout", "2000"),
            ("debounce", "100"),
        ]))
        .unwrap();
        assert_eq!(o.base_url, "http://127.0.0.1:3000");
        assert_eq!(o.storage_key.as_deref(), Some("a"));
        assert_eq!(o.page_sizes, Some(vec![5, 10, 20]));
        assert_eq!(o.default_page_size, Some(10));
        assert!(o.sync_url);
        assert!(!o.reuse_rocketchat_login);
        assert_eq!((o.refresh_interval_ms, o.timeout_ms, o.debounce_ms), (Some(30_000), Some(2000), Some(100)));
        assert_eq!(o.focus_refresh_after_ms, Some(5000));
        assert_eq!(MountOptions::from_attributes(|_| None).unwrap(), MountOptions::default());
        assert!(MountOptions::from_attributes(attrs(&[("sync-url", "sync-url")])).unwrap().sync_url);

        let e = |pairs| MountOptions::from_attributes(attrs(pairs)).unwrap_err().0;
        assert_eq!(e(&[("page-size", "ten")]), r#"attribute "page-size" must be a number, got "ten""#);
        assert_eq!(e(&[("page-size", "")]), r#"attribute "page-size" must be a number, got """#);
        assert_eq!(e(&[("page-size", "500")]), r#"attribute "page-size" must be a whole number from 1 to 100, got 500"#);
        assert_eq!(e(&[("page-size", "30")]), r#"attribute "page-size" (30) is not one of the page sizes (10, 25, 50, 100)"#);
        assert!(e(&[("base-url", "ftp://x")]).starts_with(r#"attribute "base-url" must be an http(s) URL"#));
        assert_eq!(e(&[("sync-url", "maybe")]), r#"attribute "sync-url" must be present (on), absent or "false", got "maybe""#);
        assert_eq!(e(&[("refresh-interval", "10")]), r#"attribute "refresh-interval" must be 0 (off) or at least 1000 milliseconds, got 10"#);
    }
}
