//! The component's options: ONE table (the `options!` invocation below) gives each
//! option its Rust prop name and type, its JavaScript name(s), its
//! `<active-sessions>` attribute, its default, its doc line and its rule with the
//! rule's error message. From that table come:
//!
//! - [`Options`]: the options as given (the `Default` is "all unset");
//! - [`Settings`]: the checked options, every default applied, that the panel takes;
//! - [`Options::validate`]: the one check every caller goes through;
//! - [`OPTIONS`]: the names, kinds and docs that `mount(el, options)` and the
//!   custom element decode with (see `mount.rs`) and suggest names from;
//! - [`ActiveSessions`]: the Leptos component, one `#[prop(optional)]` per option,
//!   which shows the rule's message in an error box instead of the panel;
//! - [`options_markdown_table`]: the README's options table (a test keeps it in step).
//!
//! Adding an option is one row here (and using its value in the panel).

use std::fmt;

use leptos::prelude::*;

use crate::core::creds::{is_plausible_base_url, normalize_base_url, DEFAULT_STORAGE_KEY};
use crate::core::i18n::Messages;
use crate::core::page::MAX_PAGE_SIZE;
use crate::core::query::{DEFAULT_PAGE_SIZE, PAGE_SIZES};
use crate::ui::DEFAULT_FOCUS_REFRESH_AFTER_MS;
use crate::web::api::DEFAULT_TIMEOUT_MS;

/// Why options were rejected; `Display` is the message (JavaScript's `Error`
/// message, the custom element's and the component's error box).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionsError {}

/// What kind of value an option takes (how JavaScript values and attributes convert).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    Bool,
    /// A whole number (`u32`).
    Number,
    /// A list of whole numbers.
    Numbers,
    /// Wording per locale: an object of objects of strings (attribute: its JSON).
    Map,
}

/// A value of one of the [`ValueKind`]s, already converted from JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Number(u32),
    Numbers(Vec<u32>),
    Map(Messages),
}

/// The range of a number option (or of each number of a list) and its message,
/// `"must be …"`, to which `", got N"` is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: u32,
    pub max: u32,
    pub must: &'static str,
}

impl Range {
    /// Whether `n` (as JavaScript gives it) is a whole number in range.
    pub fn holds(&self, n: f64) -> bool {
        n.is_finite() && n.fract() == 0.0 && n >= f64::from(self.min) && n <= f64::from(self.max)
    }
}

/// An option's rule: an optional range (numbers), then a check that may also
/// normalise the value (`Ok(None)` = the same as unset). An `Err` is the message
/// after the option's name, e.g. `must not be empty`.
pub struct Rule<V: 'static> {
    pub range: Option<Range>,
    pub check: fn(V) -> Result<Option<V>, String>,
}

fn keep<V>(v: V) -> Result<Option<V>, String> {
    Ok(Some(v))
}

impl<V> Rule<V> {
    /// Any value of the option's type.
    pub const fn any() -> Self {
        Rule { range: None, check: keep::<V> }
    }
    /// A value `check` accepts.
    pub const fn check(check: fn(V) -> Result<Option<V>, String>) -> Self {
        Rule { range: None, check }
    }
    /// A whole number (or list of them) in `min..=max`; `must` is the message.
    pub const fn range(min: u32, max: u32, must: &'static str) -> Self {
        Rule { range: Some(Range { min, max, must }), check: keep::<V> }
    }
    /// This rule, then `check`.
    pub const fn and(self, check: fn(V) -> Result<Option<V>, String>) -> Self {
        Rule { range: self.range, check }
    }

    /// Checks and normalises one value: the message, without the option's name, on error.
    pub fn apply(&self, v: V) -> Result<Option<V>, String>
    where
        V: Kind,
    {
        if let Some(r) = &self.range {
            v.in_range(r)?;
        }
        (self.check)(v)
    }
}

/// A value type an option can hold (see [`ValueKind`]).
pub trait Kind: Sized + Clone + PartialEq {
    const KIND: ValueKind;
    fn from_value(v: Value) -> Option<Self>;
    /// The range check (numbers only).
    fn in_range(&self, _range: &Range) -> Result<(), String> {
        Ok(())
    }
    /// The value as the docs table shows it.
    fn doc(&self) -> String;
}

impl Kind for String {
    const KIND: ValueKind = ValueKind::Text;
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
    fn doc(&self) -> String {
        format!("`\"{self}\"`")
    }
}

impl Kind for bool {
    const KIND: ValueKind = ValueKind::Bool;
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn doc(&self) -> String {
        format!("`{self}`")
    }
}

impl Kind for u32 {
    const KIND: ValueKind = ValueKind::Number;
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    fn in_range(&self, r: &Range) -> Result<(), String> {
        if (r.min..=r.max).contains(self) {
            Ok(())
        } else {
            Err(format!("{}, got {self}", r.must))
        }
    }
    fn doc(&self) -> String {
        format!("`{self}`")
    }
}

impl Kind for Vec<u32> {
    const KIND: ValueKind = ValueKind::Numbers;
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Numbers(n) => Some(n),
            _ => None,
        }
    }
    fn in_range(&self, r: &Range) -> Result<(), String> {
        self.iter().try_for_each(|n| n.in_range(r))
    }
    fn doc(&self) -> String {
        format!("`[{}]`", list_numbers(self))
    }
}

/// How an option's prop type holds its value: `Option<V>` (unset = `None`), or a
/// plain `String`/`bool` whose default is the unset value.
pub trait Field {
    type Value: Kind;
    /// The value to check (`None`: unset, the default applies).
    fn value(&self) -> Option<Self::Value>;
    fn put(&mut self, v: Option<Self::Value>);
}

impl<V: Kind> Field for Option<V> {
    type Value = V;
    fn value(&self) -> Option<V> {
        self.clone()
    }
    fn put(&mut self, v: Option<V>) {
        *self = v;
    }
}

impl Field for String {
    type Value = String;
    fn value(&self) -> Option<String> {
        Some(self.clone())
    }
    fn put(&mut self, v: Option<String>) {
        *self = v.unwrap_or_default();
    }
}

impl Field for bool {
    type Value = bool;
    fn value(&self) -> Option<bool> {
        Some(*self)
    }
    fn put(&mut self, v: Option<bool>) {
        *self = v.unwrap_or_default();
    }
}

/// A prop that may be a signal (the `locale`): checked by its value at mount; the
/// panel follows its changes.
impl Field for MaybeProp<String> {
    type Value = String;
    fn value(&self) -> Option<String> {
        self.get_untracked()
    }
    fn put(&mut self, v: Option<String>) {
        *self = v.into();
    }
}

impl Kind for Messages {
    const KIND: ValueKind = ValueKind::Map;
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    fn doc(&self) -> String {
        "none".into()
    }
}

/// One option's names and docs, for decoding (see `mount.rs`) and the docs table.
#[derive(Debug)]
pub struct OptionSpec {
    /// The Leptos prop (and [`Options`] field).
    pub rust: &'static str,
    /// The JavaScript option name, then its aliases.
    pub js: &'static [&'static str],
    /// The `<active-sessions>` attribute, if it has one.
    pub attribute: Option<&'static str>,
    pub kind: ValueKind,
    pub range: Option<Range>,
    /// Sets the option on `Options` from a value of its kind (`false`: another kind).
    pub set: fn(&mut Options, Value) -> bool,
}

/// One option's docs (apart from [`OptionSpec`] so that a build which never prints
/// the table does not carry them).
#[derive(Debug)]
pub struct OptionDoc {
    /// What values it takes, for the docs table.
    pub accepts: &'static str,
    /// Its doc comment, lines joined.
    pub doc: &'static str,
    /// Its default, as the docs table shows it.
    pub default_doc: fn() -> String,
}

/// The spec of the option whose prop is `rust`.
pub fn spec(rust: &str) -> &'static OptionSpec {
    OPTIONS.iter().find(|s| s.rust == rust).expect("an option of the table")
}

/// Every JavaScript option name (aliases included), in table order.
pub fn option_names() -> impl Iterator<Item = &'static str> {
    OPTIONS.iter().flat_map(|s| s.js.iter().copied())
}

/// The attributes of `<active-sessions>` and the option each one sets.
pub fn attributes() -> impl Iterator<Item = (&'static str, &'static OptionSpec)> {
    OPTIONS.iter().filter_map(|s| s.attribute.map(|a| (a, s)))
}

/// How the component names a prop in its messages: `prop "page_sizes"`. By the
/// Rust name alone, so that a Leptos build, which never decodes JavaScript options,
/// does not carry the [`OPTIONS`] table and its setters.
pub fn prop_name(rust: &'static str) -> String {
    format!("prop \"{rust}\"")
}

fn list_numbers(n: &[u32]) -> String {
    n.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
}

macro_rules! opt {
    () => {
        None
    };
    ($e:expr) => {
        Some($e)
    };
}

/// The table's generator; each row of the invocation below is
///
/// ```text
/// /// doc line(s)                        (the prop's rustdoc, the docs table)
/// #[prop(optional[, into])]              (the Leptos prop attribute)
/// rust_name: (PropType) {                (`Option<V>`, or `String`/`bool`)
///     js: "jsName" | "alias",            (mount's option name, then aliases)
///     attribute: "attr-name",            (optional: the custom element's attribute)
///     default: expr,                     (of the value type V)
///     note: "…",                         (optional: shown after the default in the docs)
///     accepts: "…",                      (the docs table's "accepts" column)
///     rule: Rule::…,                     (range and/or check, with the messages)
///     then: fn,                          (optional: a check across the checked settings)
/// }
/// ```
///
/// The type is in parentheses so it reaches `#[component]` as plain tokens: a
/// `$ty:ty` fragment would hide `Option<…>` from it (and its `strip_option`).
macro_rules! options {
    (
        component: $(#[$cmeta:meta])* fn $component:ident;
        $(
            $(#[doc = $doc:literal])*
            #[prop($($prop:tt)*)]
            $name:ident: ($($ty:tt)+) {
                js: $($js:literal)|+,
                $(attribute: $attr:literal,)?
                default: $default:expr,
                $(note: $note:literal,)?
                accepts: $accepts:literal,
                rule: $rule:expr,
                $(then: $then:expr,)?
            }
        )*
    ) => {
        /// The component's options as given: one field per prop of
        /// [`ActiveSessions`], `Default` = all unset. [`Options::validate`] checks them.
        #[derive(Debug, Clone, Default)]
        pub struct Options {
            $( $(#[doc = $doc])* pub $name: $($ty)+, )*
        }

        /// Equal when every option holds the same value (a signal by its value now).
        impl PartialEq for Options {
            fn eq(&self, other: &Self) -> bool {
                true $( && Field::value(&self.$name) == Field::value(&other.$name) )*
            }
        }

        /// One panel's settings, every default applied and every value checked
        /// (made by [`Options::validate`]).
        #[derive(Debug, Clone, PartialEq)]
        pub struct Settings {
            $( $(#[doc = $doc])* pub $name: <$($ty)+ as Field>::Value, )*
        }

        /// Every option, in the table's order.
        pub const OPTIONS: &[OptionSpec] = &[
            $(
                OptionSpec {
                    rust: stringify!($name),
                    js: &[$($js),+],
                    attribute: opt!($($attr)?),
                    kind: < <$($ty)+ as Field>::Value as Kind>::KIND,
                    range: {
                        let rule: Rule< <$($ty)+ as Field>::Value> = $rule;
                        rule.range
                    },
                    set: |o: &mut Options, v: Value| match < <$($ty)+ as Field>::Value as Kind>::from_value(v) {
                        Some(v) => {
                            Field::put(&mut o.$name, Some(v));
                            true
                        }
                        None => false,
                    },
                },
            )*
        ];

        /// The docs of every option, in the order of [`OPTIONS`].
        pub const OPTION_DOCS: &[OptionDoc] = &[
            $(
                OptionDoc {
                    accepts: $accepts,
                    doc: concat!($($doc, "\n",)*),
                    default_doc: || {
                        let d: <$($ty)+ as Field>::Value = $default;
                        let note: Option<&str> = opt!($($note)?);
                        match note {
                            Some(n) => format!("{} ({n})", Kind::doc(&d)),
                            None => Kind::doc(&d),
                        }
                    },
                },
            )*
        ];

        impl Options {
            /// Checks every option by its rule: the [`Settings`] the panel takes, or
            /// the first broken rule's message, naming the prop (`prop "page_sizes"
            /// must …`). `mount` and `<active-sessions>` check with the same rules
            /// and name the option or attribute instead.
            pub fn validate(&self) -> Result<Settings, OptionsError> {
                self.checked(&prop_name).map(|(_, s)| s)
            }

            /// [`Options::validate`] with `name` naming an option in messages; also
            /// returns the options normalised (a trailing `/` dropped, duplicate page
            /// sizes removed, `0` for "off" unset, …).
            pub(crate) fn checked(&self, name: &dyn Fn(&'static str) -> String) -> Result<(Options, Settings), OptionsError> {
                let fail = |rust: &'static str, m: String| OptionsError(format!("{} {m}", name(rust)));
                let mut normal = Options::default();
                $(
                    let rule: Rule< <$($ty)+ as Field>::Value> = $rule;
                    let value = match Field::value(&self.$name) {
                        Some(v) => rule.apply(v).map_err(|m| fail(stringify!($name), m))?,
                        None => None,
                    };
                    Field::put(&mut normal.$name, value.clone());
                    let $name: <$($ty)+ as Field>::Value = value.unwrap_or_else(|| $default);
                )*
                let mut settings = Settings { $($name),* };
                $(
                    let then: Option<fn(&mut Settings, bool) -> Result<(), String>> = opt!($($then)?);
                    if let Some(then) = then {
                        then(&mut settings, Field::value(&self.$name).is_some()).map_err(|m| fail(stringify!($name), m))?;
                    }
                )*
                Ok((normal, settings))
            }
        }

        $(#[$cmeta])*
        #[component]
        pub fn $component(
            $( $(#[doc = $doc])* #[prop($($prop)*)] $name: $($ty)+, )*
        ) -> impl IntoView {
            options_view(Options { $($name),* })
        }

        impl From<Options> for ActiveSessionsProps {
            fn from(o: Options) -> Self {
                ActiveSessionsProps { $($name: o.$name),* }
            }
        }
    };
}

options! {
    component:
    /// Lists the signed-in Rocket.Chat user's sessions (one card per device) and lets
    /// them log any of them out.
    ///
    /// Everything has a default: the same-origin API (`/api/v1/…`), the storage key
    /// `active-sessions.credentials.v1`, 10/25/50/100 per page with 25 first. A prop
    /// that breaks its rule (see [`OPTIONS`]) shows its message in an error box
    /// (`role="alert"`) instead of the panel, e.g. `prop "page_sizes" must hold page
    /// sizes from 1 to 100 (the server's cap), got 0`.
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use active_sessions::ActiveSessions;
    ///
    /// #[component]
    /// fn SecuritySettings() -> impl IntoView {
    ///     view! {
    ///         <h2>"Where you're signed in"</h2>
    ///         <ActiveSessions base_url="https://chat.example.com" refresh_interval_ms=60_000 />
    ///     }
    /// }
    /// ```
    fn ActiveSessions;

    /// Rocket.Chat server URL such as `https://chat.example.com`; empty (default) = this page's origin.
    #[prop(optional, into)]
    base_url: (String) {
        js: "baseUrl",
        attribute: "base-url",
        default: String::new(),
        note: "this page's origin",
        accepts: "string: `https://…`, `http://…`, a path `/…`, or `\"\"`",
        rule: Rule::check(check_base_url),
    }
    /// localStorage key for the credentials (default `active-sessions.credentials.v1`).
    #[prop(optional, into)]
    storage_key: (Option<String>) {
        js: "storageKey",
        attribute: "storage-key",
        default: DEFAULT_STORAGE_KEY.to_owned(),
        accepts: "non-empty string",
        rule: Rule::check(check_storage_key),
    }
    /// Page sizes offered (default 10, 25, 50, 100; the server caps at 100).
    #[prop(optional)]
    page_sizes: (Option<Vec<u32>>) {
        js: "pageSizes",
        attribute: "page-sizes",
        default: PAGE_SIZES.to_vec(),
        accepts: "array of whole numbers 1–100 (attribute: `\"10, 25, 50\"`)",
        rule: Rule::range(1, MAX_PAGE_SIZE, "must hold page sizes from 1 to 100 (the server's cap)").and(check_page_sizes),
    }
    /// Page size on first load (default 25, or the first page size when 25 is not one of them).
    #[prop(optional)]
    default_page_size: (Option<u32>) {
        js: "pageSize" | "defaultPageSize",
        attribute: "page-size",
        default: DEFAULT_PAGE_SIZE,
        note: "or the first page size if 25 is not one",
        accepts: "one of the page sizes",
        rule: Rule::range(1, MAX_PAGE_SIZE, "must be a whole number from 1 to 100"),
        then: page_size_among_sizes,
    }
    /// Mirror filter, sort, page size and page in the page URL (default off: the host owns its URL).
    #[prop(optional)]
    sync_url: (bool) {
        js: "syncUrl",
        attribute: "sync-url",
        default: false,
        accepts: "boolean (attribute: present = on, `\"false\"` = off)",
        rule: Rule::any(),
    }
    /// Prefix of the URL parameters when `sync_url` is on (default `as_`).
    #[prop(optional, into)]
    url_prefix: (Option<String>) {
        js: "urlPrefix",
        attribute: "url-prefix",
        default: "as_".to_owned(),
        accepts: "string of letters, digits, `_ - .`",
        rule: Rule::check(check_url_prefix),
    }
    /// Refetch every so many milliseconds while signed in (default: only on demand and on focus).
    #[prop(optional)]
    refresh_interval_ms: (Option<u32>) {
        js: "refreshIntervalMs",
        attribute: "refresh-interval",
        default: 0,
        note: "off",
        accepts: "`0` (off) or ≥ 1000 (ms)",
        rule: Rule::range(0, u32::MAX, "must be a whole number of milliseconds").and(check_refresh_interval),
    }
    /// When the window regains focus, refetch only if the list on screen is at least
    /// this many milliseconds old (default 30 000; 0 = on every focus). Rocket.Chat
    /// allows 10 list calls a minute by default: quick tab switching must not use them up.
    #[prop(optional)]
    focus_refresh_after_ms: (Option<u32>) {
        js: "focusRefreshAfterMs",
        attribute: "focus-refresh-after",
        default: DEFAULT_FOCUS_REFRESH_AFTER_MS,
        accepts: "0–86400000 (ms)",
        rule: Rule::range(0, 86_400_000, "must be a whole number of milliseconds from 0 to 86400000"),
    }
    /// Reuse the Rocket.Chat web client's own login (`Meteor.userId` / `Meteor.loginToken`)
    /// when the host page shares its origin (default off).
    #[prop(optional)]
    reuse_rocketchat_login: (bool) {
        js: "reuseRocketChatLogin",
        attribute: "reuse-rocketchat-login",
        default: false,
        accepts: "boolean (attribute: present = on, `\"false\"` = off)",
        rule: Rule::any(),
    }
    /// Extra class on the root element.
    #[prop(optional, into)]
    class: (Option<String>) {
        js: "className",
        default: String::new(),
        note: "none",
        accepts: "string",
        rule: Rule::any(),
    }
    /// Per-request timeout in milliseconds (default 15 000).
    #[prop(optional)]
    timeout_ms: (Option<u32>) {
        js: "timeoutMs",
        attribute: "timeout",
        default: DEFAULT_TIMEOUT_MS,
        accepts: "1–600000 (ms)",
        rule: Rule::range(1, 600_000, "must be a whole number of milliseconds from 1 to 600000"),
    }
    /// Filter debounce in milliseconds (default 300).
    #[prop(optional)]
    debounce_ms: (Option<u32>) {
        js: "debounceMs",
        attribute: "debounce",
        default: 300,
        accepts: "0–10000 (ms)",
        rule: Rule::range(0, 10_000, "must be a whole number of milliseconds from 0 to 10000"),
    }
    /// A session whose last login is older than this many days is marked stale and
    /// offered to "Sign out stale sessions" (default 30; 0 = off).
    #[prop(optional)]
    stale_after_days: (Option<u32>) {
        js: "staleAfterDays",
        attribute: "stale-after-days",
        default: 30,
        accepts: "0 (off) – 3650 (days)",
        rule: Rule::range(0, 3650, "must be a whole number of days from 0 to 3650"),
    }
    /// Language (BCP 47, such as `de` or `pt-BR`); empty (default) = the host page's
    /// `<html lang>`, then the browser's languages, then English, each matched to the
    /// nearest catalog (`pt` → `pt-BR`, `de-AT` → `de`). A signal (Leptos), the
    /// attribute or `MountHandle.setLocale()` changes it without a remount.
    #[prop(optional, into)]
    locale: (MaybeProp<String>) {
        js: "locale",
        attribute: "locale",
        default: String::new(),
        note: "the host page's language",
        accepts: "language tag such as `\"de\"`, `\"pt-BR\"`, `\"ar\"`, or `\"\"`",
        rule: Rule::check(check_locale),
    }
    /// Wording that replaces or adds to the catalogs: per locale, message keys (listed
    /// in docs/messages.md) to texts. A locale without a shipped catalog is added.
    #[prop(optional)]
    messages: (Option<Messages>) {
        js: "messages",
        attribute: "messages",
        default: Messages::new(),
        accepts: "object such as `{\"de\": {\"toolbar.refresh\": \"Neu laden\"}}` (attribute: the same as JSON)",
        rule: Rule::check(check_messages),
    }
    /// Where the shipped catalogs are fetched from, relative to the page:
    /// `{locales_url}{locale}.json`; empty = never fetch (English and `messages` only).
    #[prop(optional, into)]
    locales_url: (Option<String>) {
        js: "localesUrl",
        attribute: "locales-url",
        default: "locales/".to_owned(),
        accepts: "URL or path (a `/` is added at its end if missing), or `\"\"`",
        rule: Rule::check(check_locales_url),
    }
}

// The rules' checks (the ranges are in the table).

fn check_base_url(raw: String) -> Result<Option<String>, String> {
    let url = normalize_base_url(&raw);
    if is_plausible_base_url(&url) {
        Ok(Some(url))
    } else {
        Err(format!(
            "must be an http(s) URL such as \"https://chat.example.com\", a path starting with \"/\", or empty for this page's origin; got \"{raw}\""
        ))
    }
}

fn check_storage_key(key: String) -> Result<Option<String>, String> {
    if key.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(Some(key))
    }
}

fn check_page_sizes(sizes: Vec<u32>) -> Result<Option<Vec<u32>>, String> {
    if sizes.is_empty() {
        return Err("must list at least one page size".into());
    }
    let mut unique = Vec::with_capacity(sizes.len());
    for n in sizes {
        if !unique.contains(&n) {
            unique.push(n);
        }
    }
    Ok(Some(unique))
}

/// A page size given must be one of the page sizes; one not given is 25, or the
/// first page size when 25 is not one of them.
fn page_size_among_sizes(s: &mut Settings, given: bool) -> Result<(), String> {
    if s.page_sizes.contains(&s.default_page_size) {
        Ok(())
    } else if given {
        Err(format!("({}) is not one of the page sizes ({})", s.default_page_size, list_numbers(&s.page_sizes)))
    } else {
        s.default_page_size = s.page_sizes[0];
        Ok(())
    }
}

fn check_url_prefix(p: String) -> Result<Option<String>, String> {
    if p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        Ok(Some(p))
    } else {
        Err(format!("may hold only letters, digits, '_', '-' and '.', got \"{p}\""))
    }
}

fn check_refresh_interval(ms: u32) -> Result<Option<u32>, String> {
    match ms {
        0 => Ok(None),
        1..=999 => Err(format!("must be 0 (off) or at least 1000 milliseconds, got {ms}")),
        _ => Ok(Some(ms)),
    }
}

fn check_locale(tag: String) -> Result<Option<String>, String> {
    let tag = tag.trim().to_owned();
    if tag.is_empty() || crate::core::i18n::is_language_tag(&tag) {
        Ok(Some(tag))
    } else {
        Err(format!("must be a language tag such as \"de\" or \"pt-BR\", got \"{tag}\""))
    }
}

/// `{locales_url}{tag}.json`: a folder, so it ends in `/` (`"locales"` would fetch `localesde.json`).
fn check_locales_url(url: String) -> Result<Option<String>, String> {
    let url = url.trim().to_owned();
    Ok(Some(if url.is_empty() || url.ends_with('/') { url } else { url + "/" }))
}

fn check_messages(m: Messages) -> Result<Option<Messages>, String> {
    m.check().map(|()| Some(m))
}

/// What the component shows: the panel, or the broken rule's message.
fn options_view(options: Options) -> AnyView {
    match options.validate() {
        Ok(settings) => crate::ui::panel(settings, options.locale),
        Err(e) => {
            let class = crate::ui::root_class(options.class.as_deref().unwrap_or_default());
            view! {
                <div class=class>
                    <div class="as-error-box" role="alert" data-kind="options">
                        <p>{e.0}</p>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// The options as a Markdown table (README.md holds it between
/// `<!-- options-table:start -->` and `<!-- options-table:end -->`).
pub fn options_markdown_table() -> String {
    let cell = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|");
    let mut out =
        String::from("| option | attribute | prop | accepts | default | what it does |\n|---|---|---|---|---|---|\n");
    for (s, d) in OPTIONS.iter().zip(OPTION_DOCS) {
        let mut js = format!("`{}`", s.js[0]);
        if s.js.len() > 1 {
            let aliases: Vec<String> = s.js[1..].iter().map(|a| format!("`{a}`")).collect();
            js.push_str(&format!(" (alias {})", aliases.join(", ")));
        }
        let attr = s.attribute.map(|a| format!("`{a}`")).unwrap_or_else(|| "none".into());
        out.push_str(&format!(
            "| {js} | {attr} | `{}` | {} | {} | {} |\n",
            s.rust,
            cell(d.accepts),
            cell(&(d.default_doc)()),
            cell(d.doc)
        ));
    }
    out
}

#[doc(hidden)]
/// The npm package's type declarations (`npm/index.d.ts`): the JavaScript API, and an
/// `ActiveSessionsOptions` interface with every option of the table, its type, docs
/// and default (a test keeps the file in step).
pub fn options_typescript() -> String {
    let mut fields = String::new();
    for (s, d) in OPTIONS.iter().zip(OPTION_DOCS) {
        let ty = match s.kind {
            ValueKind::Text => "string",
            ValueKind::Bool => "boolean",
            ValueKind::Number => "number",
            ValueKind::Numbers => "number[]",
            ValueKind::Map => "Record<string, Record<string, string>>",
        };
        let doc: Vec<&str> = d.doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let attr = s.attribute.map(|a| format!(" Attribute: `{a}`.")).unwrap_or_default();
        let default = (d.default_doc)().replace('`', "");
        for (i, name) in s.js.iter().enumerate() {
            fields.push_str("  /**\n");
            if i > 0 {
                fields.push_str(&format!("   * Alias of `{}`.\n", s.js[0]));
            } else {
                for line in &doc {
                    fields.push_str(&format!("   * {}\n", line.replace("*/", "*\\/")));
                }
                fields.push_str(&format!(
                    "   *\n   * Accepts {}. Default: {default}.{attr}\n",
                    d.accepts.replace('`', "")
                ));
            }
            fields.push_str(&format!("   */\n  {name}?: {ty} | null;\n"));
        }
    }
    TS_TEMPLATE.replace("__OPTIONS__", fields.trim_end())
}

/// `npm/index.d.ts` around the generated options (see [`options_typescript`]).
const TS_TEMPLATE: &str = r#"// active-sessions: the Rocket.Chat "where you're signed in" panel as WebAssembly.
// Generated from the options table (src/options.rs) by
// `BLESS=1 cargo test --features internals typescript`: do not edit by hand.

/** Every option of `mount(element, options)`; all are optional (`null` = the default). */
export interface ActiveSessionsOptions {
__OPTIONS__
}

/**
 * A mounted panel. Keep it while the panel is shown: a handle that is garbage-collected
 * unmounts its panel.
 */
export class MountHandle {
  private constructor();
  /** Removes the panel, its listeners, timers and requests. Calling it again does nothing. */
  unmount(): void;
  /** Unmounts and releases the handle itself: do not use it afterwards (wasm-bindgen's name). */
  free(): void;
  /** Whether the panel is still mounted. */
  readonly mounted: boolean;
  /** Changes the language in place (`"de"`, `"pt-BR"`; `""` = the page's): nothing is lost. */
  setLocale(locale: string): void;
}

/**
 * Mounts the panel into `element` (appended to what it holds). Throws an `Error` naming
 * the option for an unknown key, a wrong type or an out-of-range value.
 */
export function mount(element: HTMLElement, options?: ActiveSessionsOptions | null): MountHandle;

/**
 * Defines the `<active-sessions>` custom element (or `tagName`, which must hold a `-`).
 * Its attributes are the options' attributes. `true` when it defined it, `false` when
 * this library already had. Throws for a tag that is not a valid custom-element name or
 * that another script defined.
 */
export function defineElement(tagName?: string | null): boolean;

/** @deprecated Renamed {@link defineElement} (camelCase, like `setLocale`); kept for code written against 0.1.0. */
export function define_element(tagName?: string | null): boolean;

/** What `init` loads the WebAssembly from (default: `active_sessions_bg.wasm` next to the module). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly; await it once before `mount` or `defineElement`. */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
"#;

#[cfg(test)]
mod tests;
