//! Property test of every response decoder: generated and mutated bodies —
//! wrong types, missing and `null` fields, huge numbers, deep nesting, lone
//! UTF-16 surrogate escapes (`"\ud800"`), truncated JSON, 1 MB strings — must
//! always give a value or a typed [`ApiError`], never a panic. The same holds
//! for what the UI does next with a decoded value (titles, IP masking, page
//! math, error sentences).
//!
//! Seeds: the real-shaped bodies in `tests/corpus/` (the contract's examples
//! and every server generation's error bodies).
//!
//! `PROPTEST_CASES` sets the number of generated bodies (default 10 000; each
//! body goes through all seven decoders). Every test prints one line
//! `decoder bodies tried: N, panics: 0`.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use active_sessions::core::date::parse_iso_ms;
use active_sessions::core::error::ApiError;
use active_sessions::core::format::{device_title, fallback_relative_text, mask_ip};
use active_sessions::core::model::{
    decode_login, decode_logout_me, decode_logout_other_clients, decode_me, decode_session_info, decode_sessions_page,
    Session,
};
use active_sessions::core::page::{clamp_page, PageInfo};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

mod contract;

const DEFAULT_CASES: u32 = 10_000;
const MB: usize = 1 << 20;
/// The longest sentence `ApiError::message` may produce (server text is capped at 200 chars).
const MAX_MESSAGE_CHARS: usize = 320;

// ------------------------------------------------------------------ harness

/// Field names of every endpoint: generated objects mostly use these, so the
/// decoders' field-picking paths are exercised rather than skipped.
const FIELDS: &[&str] = &[
    "sessions",
    "total",
    "count",
    "offset",
    "success",
    "sessionId",
    "_id",
    "userId",
    "device",
    "type",
    "name",
    "version",
    "longVersion",
    "os",
    "host",
    "ip",
    "loginAt",
    "current",
    "session",
    "lastActivityAt",
    "closedAt",
    "createdAt",
    "instanceId",
    "data",
    "authToken",
    "me",
    "username",
    "token",
    "tokenExpires",
    "status",
    "error",
    "errorType",
    "message",
    "details",
    "method",
];

/// Raw JSON text that a `serde_json::Value` cannot hold; placed through a marker string.
const RAW: &[&str] = &[
    r#""\ud800""#,
    r#""\udfff""#,
    r#""a\ud83dz""#,
    r#""\ud800\u0041""#,
    r#""\udc00\ud800""#,
    r#""\u00""#,
    r#""\x41""#,
    r#""\u0000\u001f""#,
    "1e400",
    "-1e400",
    "1.7976931348623157e309",
    "4.9e-400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890123456789",
    "-0",
    "0.0",
    "NaN",
    "Infinity",
    "01",
    "1.",
    ".5",
    "+1",
    "tru",
    "nul",
    "'single'",
    "\"unterminated",
    "[1,]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
];

fn raw_marker(i: usize) -> String {
    format!("\u{1}RAW{i}\u{1}")
}

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?.to_owned();
            Some((name, std::fs::read_to_string(&p).ok()?))
        })
        .collect();
    out.sort();
    assert!(out.len() >= 20, "corpus too small: {}", out.len());
    out
}

fn corpus_values() -> Vec<Value> {
    corpus().into_iter().filter_map(|(_, s)| serde_json::from_str(&s).ok()).collect()
}

static QUIET: Once = Once::new();

/// Panics are caught and counted; the default hook would print each one, so it is
/// replaced by one that prints only the message (a real failure still shows it).
fn quiet_panics() {
    QUIET.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("panic: {} at {:?}", truncate(&msg, 300), info.location());
        }));
    });
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Counters shared by one test.
struct Tally {
    bodies: AtomicUsize,
    panics: AtomicUsize,
}

impl Tally {
    const fn new() -> Self {
        Self { bodies: AtomicUsize::new(0), panics: AtomicUsize::new(0) }
    }
    fn report(&self, what: &str, started: std::time::Instant) {
        let (b, p) = (self.bodies.load(Ordering::Relaxed), self.panics.load(Ordering::Relaxed));
        let secs = started.elapsed().as_secs_f64();
        eprintln!("decoder bodies tried: {b}, panics: {p} ({what}; {secs:.1} s)");
        assert_eq!(p, 0, "{p} panics in {what}");
    }
}

fn check_message(e: &ApiError) -> Result<(), String> {
    for m in [
        e.message(),
        active_sessions::core::i18n::Speaker::word(&active_sessions::core::i18n::English, &e.login_text()),
        e.to_string(),
    ] {
        let n = m.chars().count();
        if n == 0 || n > MAX_MESSAGE_CHARS {
            return Err(format!("message of {n} chars for {}", truncate(&format!("{e:?}"), 200)));
        }
        if m.chars().any(|c| c.is_control()) {
            return Err(format!("control character in message {m:?}"));
        }
    }
    let _ = e.clears_credentials();
    for now in [0.0, 1.7e12, -1.0, f64::NAN, f64::INFINITY, f64::MAX] {
        let _ = e.rate_limit_wait_seconds(now);
    }
    if let ApiError::Decode { detail } = e {
        if detail.chars().count() > 200 {
            return Err(format!("Decode detail of {} chars", detail.chars().count()));
        }
    }
    Ok(())
}

/// What the UI does with a session: title, masked IP, dates.
fn use_session(s: &Session) -> Result<(), String> {
    if s.session_id.trim().is_empty() {
        return Err("decoded a session with a blank id".into());
    }
    let title = device_title(s.device.as_ref());
    if title.is_empty() || title.chars().count() > 200 {
        return Err(format!("title of {} chars", title.chars().count()));
    }
    let _ = mask_ip(&s.ip);
    if let Some(ms) = s.login_at_ms {
        let _ = fallback_relative_text(ms, 1.7e12);
    }
    if let Some(d) = &s.device {
        let _ = (d.kind.icon(), d.kind.icon().label());
    }
    Ok(())
}

/// Runs one body through every decoder (and `from_response` with `status`),
/// checking the invariants the UI relies on. `Err` = a broken invariant.
fn exercise(body: &str, status: u16, reset: Option<&str>) -> Result<(), String> {
    let ok = |i: usize| OKS.with(|o| o[i].set(o[i].get() + 1));
    let results = [
        decode_sessions_page(body).is_ok(),
        decode_session_info(body).is_ok(),
        decode_login(body).is_ok(),
        decode_me(body).is_ok(),
        decode_logout_other_clients(body).is_ok(),
        decode_logout_me(body).is_ok(),
    ];
    for (i, r) in results.into_iter().enumerate() {
        if r {
            ok(i);
        }
    }
    match decode_sessions_page(body) {
        Ok(page) => {
            let mut ids: Vec<&str> = page.sessions.iter().map(|s| s.session_id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            if ids.len() != page.sessions.len() {
                return Err("duplicate session ids survived decoding".into());
            }
            for s in &page.sessions {
                use_session(s)?;
            }
            for size in [1, 25, 100] {
                let offset = u64::try_from(page.offset).unwrap_or(0);
                let info = PageInfo::new(page.total, page.count, size, offset, page.sessions.len());
                let _ = (info.status_text(), info.is_last(), info.last_page());
                let _ = clamp_page(info.page, size, page.total);
            }
        }
        Err(e) => check_message(&e)?,
    }
    match decode_session_info(body) {
        Ok(info) => {
            use_session(&info.session)?;
            for d in [&info.last_activity_at, &info.closed_at, &info.created_at].into_iter().flatten() {
                let _ = parse_iso_ms(d);
            }
        }
        Err(e) => check_message(&e)?,
    }
    match decode_login(body) {
        Ok(l) if l.user_id.trim().is_empty() || l.auth_token.trim().is_empty() => {
            return Err("login decoded with a blank id or token".into())
        }
        Ok(_) => {}
        Err(e) => check_message(&e)?,
    }
    match decode_me(body) {
        Ok(me) if me.id.trim().is_empty() => return Err("me decoded with a blank _id".into()),
        Ok(_) => {}
        Err(e) => check_message(&e)?,
    }
    match decode_logout_other_clients(body) {
        Ok(t) if t.token.trim().is_empty() => return Err("logoutOtherClients decoded a blank token".into()),
        Ok(_) => {}
        Err(e) => check_message(&e)?,
    }
    match decode_logout_me(body) {
        Ok(_) => {}
        Err(e) => check_message(&e)?,
    }
    let e = ApiError::from_response(status, body, reset);
    check_message(&e)?;
    if e.clears_credentials() && status != 401 {
        return Err(format!("status {status} would clear the credentials"));
    }
    if status == 401
        && !matches!(e, ApiError::Unauthorized { .. } | ApiError::TwoFactorRequired { .. } | ApiError::TwoFactorInvalid)
    {
        return Err(format!("401 became {e:?}"));
    }
    Ok(())
}

/// [`exercise`] with panics caught and counted.
fn guarded(tally: &Tally, body: &str, status: u16, reset: Option<&str>) -> Result<(), String> {
    tally.bodies.fetch_add(1, Ordering::Relaxed);
    match catch_unwind(AssertUnwindSafe(|| exercise(body, status, reset))) {
        Ok(r) => r,
        Err(_) => {
            tally.panics.fetch_add(1, Ordering::Relaxed);
            Err(format!("panicked on a body of {} bytes: {}", body.len(), truncate(body, 300)))
        }
    }
}

// ------------------------------------------------------------------ strategies

const SPECIAL: &[&str] = &[
    "",
    " ",
    "\u{202E}evil\u{202C}",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "😀🚀👩‍👩‍👧‍👦",
    "\u{0}",
    "\n\r\t",
    "2023-05-23T16:33:45.202Z",
    "2023-02-30T00:00:00Z",
    "9999-12-31T23:59:59.999999999+14:00",
    "-271821-04-20T00:00:00Z",
    "1684859625202",
    "203.0.113.42",
    "::ffff:10.0.0.1",
    "fe80::1%eth0",
    "[2001:db8::1]",
    "1.2.3.4, 5.6.7.8",
    "browser",
    "mobile-app",
    "desktop-app",
    "other",
    "You must wait 99999999999999999999 seconds",
    "You must wait 5 seconds",
    "x [error-action-not-allowed]",
    "[]",
    "[",
    "]",
    "totp-required",
    "totp-invalid",
    "unauthorized",
    "forbidden",
    "error-invalid-sort",
    "1e400",
    "113.0.0.0",
    "10.15.7",
    "Chrome",
    "Windows",
];

/// A cheap generator (proptest's regex strategies are slow in a debug build):
/// ASCII words, arbitrary Unicode, hostile or format-shaped specials, and long runs.
fn weird_string() -> BoxedStrategy<String> {
    (any::<u8>(), any::<u64>()).prop_map(|(kind, seed)| string_from(kind, seed)).boxed()
}

fn string_from(kind: u8, seed: u64) -> String {
    let mut x = seed | 1;
    let mut next = move || {
        // xorshift64
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    match kind % 16 {
        0..=5 => {
            const ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._:-/";
            let n = (next() % 25) as usize;
            (0..n).map(|_| ALPHA[(next() % ALPHA.len() as u64) as usize] as char).collect()
        }
        6..=8 => {
            let n = (next() % 40) as usize;
            (0..n).filter_map(|_| char::from_u32((next() % 0x11_0000) as u32)).collect()
        }
        9..=14 => SPECIAL[(seed % SPECIAL.len() as u64) as usize].to_owned(),
        _ => {
            let c = char::from_u32((next() % 0x11_0000) as u32).unwrap_or('\u{FFFD}');
            std::iter::repeat_n(c, 1 + (next() % 5000) as usize).collect()
        }
    }
}

fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n)),
        1 => any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        1 => prop::sample::select(vec![0i64, -1, 1, 25, 50, 100, 101, i64::MIN, i64::MAX]).prop_map(|n| json!(n)),
        4 => weird_string().prop_map(Value::String),
        2 => (0..RAW.len()).prop_map(|i| Value::String(raw_marker(i))),
    ]
    .boxed()
}

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        8 => prop::sample::select(FIELDS).prop_map(str::to_owned),
        1 => weird_string(),
    ]
    .boxed()
}

fn json_value() -> BoxedStrategy<Value> {
    json_tree(6, 64, 8)
}

/// A smaller tree for single fields (keeps generation fast in a debug build).
fn small_json() -> BoxedStrategy<Value> {
    json_tree(3, 12, 4)
}

fn json_tree(depth: u32, size: u32, branch: u32) -> BoxedStrategy<Value> {
    let width = branch as usize + 1;
    leaf()
        .prop_recursive(depth, size, branch, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..width).prop_map(Value::Array),
                prop::collection::vec((key(), inner), 0..width).prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A field value: usually of the right shape, sometimes anything at all.
fn field<S: Strategy<Value = Value> + 'static>(good: S) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        6 => good.prop_map(Some),
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => leaf().prop_map(Some),
        1 => small_json().prop_map(Some),
    ]
    .boxed()
}

fn string_value() -> BoxedStrategy<Value> {
    weird_string().prop_map(Value::String).boxed()
}

fn object(fields: Vec<(&'static str, Option<Value>)>, extra: Vec<(String, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in fields {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    }
    for (k, v) in extra {
        m.insert(k, v);
    }
    Value::Object(m)
}

fn device_value() -> BoxedStrategy<Value> {
    let os = (field(string_value()), field(string_value()))
        .prop_map(|(n, v)| object(vec![("name", n), ("version", v)], vec![]));
    (field(string_value()), field(string_value()), field(string_value()), field(string_value()), field(os))
        .prop_map(|(t, n, v, lv, os)| {
            object(vec![("type", t), ("name", n), ("version", v), ("longVersion", lv), ("os", os)], vec![])
        })
        .boxed()
}

fn session_value() -> BoxedStrategy<Value> {
    (
        (field(string_value()), field(string_value()), field(string_value()), field(device_value())),
        (
            field(string_value()),
            field(string_value()),
            field(string_value()),
            field(any::<bool>().prop_map(Value::Bool)),
        ),
        (field(string_value()), field(string_value()), field(string_value()), field(string_value())),
        prop::collection::vec((key(), leaf()), 0..3),
    )
        .prop_map(|((sid, id, uid, dev), (host, ip, login, cur), (la, ca, cr, inst), extra)| {
            object(
                vec![
                    ("sessionId", sid),
                    ("_id", id),
                    ("userId", uid),
                    ("device", dev),
                    ("host", host),
                    ("ip", ip),
                    ("loginAt", login),
                    ("current", cur),
                    ("lastActivityAt", la),
                    ("closedAt", ca),
                    ("createdAt", cr),
                    ("instanceId", inst),
                ],
                extra,
            )
        })
        .boxed()
}

/// Bodies shaped like each endpoint's answer, with every field sometimes wrong.
fn shaped_body() -> BoxedStrategy<Value> {
    let number = || prop_oneof![leaf(), any::<u32>().prop_map(|n| json!(n))].boxed();
    let list = (
        field(prop::collection::vec(session_value(), 0..8).prop_map(Value::Array)),
        field(number()),
        field(number()),
        field(number()),
        field(any::<bool>().prop_map(Value::Bool)),
    )
        .prop_map(|(s, t, c, o, ok)| {
            object(vec![("sessions", s), ("total", t), ("count", c), ("offset", o), ("success", ok)], vec![])
        });
    let info = (session_value(), field(session_value())).prop_map(|(mut s, inner)| {
        if let (Value::Object(m), Some(inner)) = (&mut s, inner) {
            m.insert("session".into(), inner);
        }
        s
    });
    let creds = || (field(string_value()), field(string_value()));
    let login = (creds(), creds(), field(string_value())).prop_map(|((u, t), (u2, t2), st)| {
        let data = object(vec![("userId", u), ("authToken", t)], vec![]);
        object(vec![("data", Some(data)), ("userId", u2), ("authToken", t2), ("status", st)], vec![])
    });
    let me = (field(string_value()), field(string_value()), field(string_value()))
        .prop_map(|(id, u, n)| object(vec![("_id", id), ("username", u), ("name", n)], vec![]));
    let token = (field(string_value()), field(string_value()), field(string_value()), field(string_value())).prop_map(
        |(t, e, dt, de)| {
            let data = object(vec![("token", dt), ("tokenExpires", de)], vec![]);
            object(vec![("token", t), ("tokenExpires", e), ("data", Some(data))], vec![])
        },
    );
    let logout_me = (field(string_value()), field(any::<bool>().prop_map(Value::Bool)))
        .prop_map(|(s, ok)| object(vec![("sessionId", s), ("success", ok)], vec![]));
    let details = (field(string_value())).prop_map(|m| object(vec![("method", m)], vec![]));
    let error = (
        field(string_value()),
        field(string_value()),
        field(string_value()),
        field(string_value()),
        field(details),
        field(any::<bool>().prop_map(Value::Bool)),
    )
        .prop_map(|(e, t, m, st, d, ok)| {
            object(
                vec![("error", e), ("errorType", t), ("message", m), ("status", st), ("details", d), ("success", ok)],
                vec![],
            )
        });
    prop_oneof![4 => list, 2 => info, 1 => login, 1 => me, 1 => token, 1 => logout_me, 2 => error].boxed()
}

/// Sizes of the long strings put into generated bodies: one in 20 is 1 MB.
const LONG_STRINGS: [usize; 20] = {
    let mut sizes = [10 * 1024; 20];
    sizes[18] = 100 * 1024;
    sizes[19] = MB;
    sizes
};

/// One change to a real-shaped body at a place chosen by `path`.
#[derive(Clone, Debug)]
enum Mutation {
    Remove,
    Null,
    Replace(Value),
    WrapInArray,
    Nest(usize),
    LongString(usize),
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        6 => Just(Mutation::Remove),
        6 => Just(Mutation::Null),
        8 => json_value().prop_map(Mutation::Replace),
        2 => Just(Mutation::WrapInArray),
        2 => (1usize..200).prop_map(Mutation::Nest),
        // Long strings are costly in a debug build: mostly 10 KB, now and then 1 MB
        // (`extreme_bodies_never_panic` puts 1 MB in every field deterministically).
        1 => prop::sample::select(&LONG_STRINGS[..]).prop_map(Mutation::LongString),
    ]
    .boxed()
}

fn apply(v: &mut Value, path: &[usize], m: &Mutation) {
    // Walk down while the path lasts and there is something to walk into.
    if let Some((&step, rest)) = path.split_first() {
        let len = match v {
            Value::Object(o) => o.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if len > 0 {
            let i = step % len;
            if matches!(m, Mutation::Remove) && rest.is_empty() {
                match v {
                    Value::Object(o) => {
                        let k = o.keys().nth(i).cloned().unwrap_or_default();
                        o.remove(&k);
                    }
                    Value::Array(a) => {
                        a.remove(i);
                    }
                    _ => {}
                }
                return;
            }
            let child = match v {
                Value::Object(o) => o.values_mut().nth(i),
                Value::Array(a) => a.get_mut(i),
                _ => None,
            };
            if let Some(c) = child {
                return apply(c, rest, m);
            }
        }
    }
    *v = match m {
        Mutation::Remove | Mutation::Null => Value::Null,
        Mutation::Replace(r) => r.clone(),
        Mutation::WrapInArray => Value::Array(vec![v.take()]),
        Mutation::Nest(depth) => {
            let mut inner = v.take();
            for _ in 0..*depth {
                inner = Value::Array(vec![inner]);
            }
            inner
        }
        Mutation::LongString(n) => Value::String("é".repeat(n / 2)),
    };
}

/// A change to the JSON text itself.
#[derive(Clone, Debug)]
enum TextEdit {
    Keep,
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    Wrap(usize),
}

fn text_edit() -> BoxedStrategy<TextEdit> {
    let snippet = prop_oneof![
        prop::sample::select(vec![
            "\\ud800",
            "\"\\ud800\"",
            "\\u",
            "\\",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "\u{0}",
            "\u{FEFF}",
            "\u{202E}",
            "1e999",
            "-",
            "\n",
            "/*",
            "💥",
        ])
        .prop_map(str::to_owned),
        (0..RAW.len()).prop_map(|i| RAW[i].to_owned()),
    ];
    prop_oneof![
        12 => Just(TextEdit::Keep),
        3 => any::<prop::sample::Index>().prop_map(TextEdit::Truncate),
        3 => (any::<prop::sample::Index>(), snippet).prop_map(|(i, s)| TextEdit::Insert(i, s)),
        1 => (any::<prop::sample::Index>(), 1usize..8).prop_map(|(i, n)| TextEdit::Delete(i, n)),
        1 => (1usize..400).prop_map(TextEdit::Wrap),
    ]
    .boxed()
}

fn boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn edit_text(mut s: String, e: &TextEdit) -> String {
    match e {
        TextEdit::Keep => s,
        TextEdit::Truncate(i) => {
            let at = boundary(&s, i.index(s.len().max(1)));
            s.truncate(at);
            s
        }
        TextEdit::Insert(i, snippet) => {
            let at = boundary(&s, i.index(s.len() + 1));
            s.insert_str(at, snippet);
            s
        }
        TextEdit::Delete(i, n) => {
            let from = boundary(&s, i.index(s.len().max(1)));
            let to = boundary(&s, from + n);
            s.replace_range(from..to, "");
            s
        }
        TextEdit::Wrap(depth) => format!("{}{}{}", "[".repeat(*depth), s, "]".repeat(*depth)),
    }
}

/// Serialises with the raw markers replaced by their (invalid-for-`Value`) JSON text.
fn to_text(v: &Value) -> String {
    let mut s = v.to_string();
    if s.contains('\u{1}') {
        for (i, raw) in RAW.iter().enumerate() {
            let marker = serde_json::to_string(&raw_marker(i)).unwrap();
            s = s.replace(&marker, raw);
        }
    }
    s
}

fn status() -> BoxedStrategy<u16> {
    prop_oneof![
        3 => 100u16..=599,
        2 => prop::sample::select(vec![0u16, 200, 204, 400, 401, 403, 404, 429, 500, 502, 503, 504]),
        1 => any::<u16>(),
    ]
    .boxed()
}

fn reset_header() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        2 => Just(None),
        2 => any::<u64>().prop_map(|n| Some(n.to_string())),
        1 => any::<f64>().prop_map(|f| Some(f.to_string())),
        1 => prop::sample::select(vec!["", " ", "NaN", "inf", "-1", "1e400", "1700000000000.5", "abc", "0x10"])
            .prop_map(|s| Some(s.to_owned())),
        1 => weird_string().prop_map(Some),
    ]
    .boxed()
}

fn body() -> BoxedStrategy<String> {
    let seeds = corpus_values();
    let n = seeds.len();
    let mutated = (0..n, prop::collection::vec((prop::collection::vec(any::<usize>(), 0..5), mutation()), 1..4))
        .prop_map(move |(i, muts)| {
            let mut v = seeds[i].clone();
            for (path, m) in &muts {
                apply(&mut v, path, m);
            }
            v
        });
    let value = prop_oneof![
        4 => mutated,
        4 => shaped_body(),
        2 => json_value(),
    ];
    (value, text_edit()).prop_map(|(v, e)| edit_text(to_text(&v), &e)).boxed()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(DEFAULT_CASES)
}

// ------------------------------------------------------------------ tests

static GENERATED: Tally = Tally::new();
thread_local! {
    /// How many bodies each decoder accepted on this test's thread (so the generator
    /// is known to reach the success paths; tests run on threads of their own).
    static OKS: [std::cell::Cell<usize>; 6] = const { [const { std::cell::Cell::new(0) }; 6] };
}

/// The main property: ≥ 10 000 generated and mutated bodies, each through all
/// seven decoders (`from_response` with a random status in 100–599 and odd
/// `X-RateLimit-Reset` values).
#[test]
fn generated_bodies_never_panic() {
    quiet_panics();
    let started = std::time::Instant::now();
    let config = Config { cases: cases(), failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&(body(), status(), reset_header()), |(body, status, reset)| {
        guarded(&GENERATED, &body, status, reset.as_deref()).map_err(TestCaseError::fail)
    });
    let oks: Vec<usize> = OKS.with(|o| o.iter().map(std::cell::Cell::get).collect());
    eprintln!("accepted (list, info, login, me, logoutOtherClients, logout.me): {oks:?}");
    GENERATED.report("generated and mutated bodies, 7 decoders each", started);
    if let Err(e) = result {
        panic!("{}", truncate(&e.to_string(), 4_000));
    }
    assert!(oks.iter().all(|&n| n > 0), "the generator never reached some decoder's success path: {oks:?}");
}

static EXTREMES: Tally = Tally::new();

/// Deterministic extremes: every prefix of every corpus body (truncated JSON),
/// 1 MB strings in every string field, nesting far past serde_json's limit,
/// every raw snippet in every field.
#[test]
fn extreme_bodies_never_panic() {
    quiet_panics();
    let started = std::time::Instant::now();
    let t = &EXTREMES;
    let mut failures = Vec::new();
    // Each body goes through all six decoders and `from_response` with the next status in turn.
    let statuses = [200u16, 400, 401, 403, 404, 429, 500, 502];
    let mut turn = 0usize;
    let mut run = |body: &str| {
        turn += 1;
        if let Err(e) = guarded(t, body, statuses[turn % statuses.len()], Some("1700000000000")) {
            failures.push(e);
        }
    };
    let mut big_fields = std::collections::HashSet::new();
    for (_, text) in corpus() {
        // Truncated JSON: every prefix.
        for i in 0..=text.len() {
            if text.is_char_boundary(i) {
                run(&text[..i]);
            }
        }
        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
        // 1 MB (and 10 KB) strings, and every raw snippet, in every leaf.
        let mut leaves = Vec::new();
        leaf_pointers(&v, String::new(), &mut leaves);
        let with = |ptr: &str, new: Value| {
            let mut w = v.clone();
            *w.pointer_mut(ptr).expect("leaf pointer") = new;
            w
        };
        for ptr in &leaves {
            // 10 KB in every leaf; 1 MB once in each string field a decoder reads (slow in a debug build).
            let name = ptr.rsplit('/').next().unwrap_or("").to_owned();
            let read = FIELDS.contains(&name.as_str());
            let sizes: &[usize] = if read && v.pointer(ptr).is_some_and(Value::is_string) && big_fields.insert(name) {
                &[10 * 1024, MB]
            } else {
                &[10 * 1024]
            };
            for &big in sizes {
                run(&with(ptr, Value::String("\u{202E}<b>x</b>😀".repeat(big / 16))).to_string());
            }
            for i in 0..RAW.len() {
                run(&to_text(&with(ptr, Value::String(raw_marker(i)))));
            }
        }
    }
    // Deep nesting, inside and outside the fields that matter.
    for depth in [127usize, 128, 129, 1_000, 100_000] {
        let open = "[".repeat(depth);
        let close = "]".repeat(depth);
        run(&format!("{open}{close}"));
        run(&format!("{{\"sessions\":[{open}{close}],\"total\":1}}"));
        run(&format!("{{\"sessions\":[{{\"sessionId\":\"a\",\"device\":{open}{close}}}]}}"));
        run(&"{\"a\":".repeat(depth.min(5_000)));
        run(&format!("{}null{}", "{\"data\":".repeat(depth.min(5_000)), "}".repeat(depth.min(5_000))));
    }
    // A 1 MB key, a 1 MB number, a body of 1 MB of garbage, a 10 000-item list.
    run(&format!("{{\"{}\":1}}", "k".repeat(MB)));
    run(&format!("{{\"total\":{}}}", "9".repeat(MB)));
    run(&format!("{{\"sessions\":[],\"total\":{}}}", "9".repeat(MB)));
    run(&"\u{FFFD}".repeat(MB / 3));
    run(&"<html>".repeat(MB / 6));
    let many: Vec<Value> =
        (0..10_000).map(|i| json!({"sessionId": format!("s{}", i % 5_000), "device": {"name": i, "os": []}})).collect();
    run(&json!({"sessions": many, "total": u64::MAX, "count": u64::MAX, "offset": i64::MIN}).to_string());
    t.report("truncations, 1 MB strings, deep nesting, raw snippets", started);
    assert!(failures.is_empty(), "{} failures, first: {}", failures.len(), failures[0]);
}

/// JSON pointers of every leaf (anything not an object or array) of `v`.
fn leaf_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, c) in o {
                leaf_pointers(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                leaf_pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

static STATUSES: Tally = Tally::new();

/// `ApiError::from_response` for every status 100–599 with every corpus body and
/// the usual non-JSON answers.
#[test]
fn every_status_with_every_error_body() {
    quiet_panics();
    let started = std::time::Instant::now();
    let t = &STATUSES;
    let mut bodies: Vec<String> = corpus().into_iter().map(|(_, s)| s).collect();
    bodies.extend(
        [
            "",
            " ",
            "null",
            "[]",
            "\"error\"",
            "42",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "Service Unavailable",
            "{\"error\":null,\"message\":null}",
            "{\"error\":{\"message\":\"nested\"}}",
            "{\"error\":[\"a\",\"b\"],\"errorType\":42}",
            "{\"details\":{\"method\":null},\"error\":\"totp-required\"}",
            "{\"error\":\"\\ud800\"}",
            "{\"error\":\"You must wait 18446744073709551616 seconds\"}",
            "{\"error\":\"x [\"}",
            "{\"error\":\"[]\"}",
            "{\"error\":\"\u{202E}\u{0}\u{7}\"}",
        ]
        .map(str::to_owned),
    );
    bodies.push(format!("{{\"error\":\"{}\"}}", "x".repeat(MB)));
    bodies.push(format!("{{\"message\":\"{} [{}]\"}}", "y".repeat(MB / 2), "z".repeat(MB / 2)));
    let resets = [None, Some("1700000000000"), Some("not a number"), Some("-5"), Some("1e400"), Some("")];
    let mut failures = Vec::new();
    let big = |b: &String| b.len() > 100_000;
    for status in 100u16..=599 {
        for (i, body) in bodies.iter().enumerate() {
            // The 1 MB bodies are slow in a debug build: every tenth status and the usual ones.
            if big(body) && status % 10 != 0 && ![401, 403, 404, 429, 502].contains(&status) {
                continue;
            }
            let reset = resets[(status as usize + i) % resets.len()];
            t.bodies.fetch_add(1, Ordering::Relaxed);
            let r = catch_unwind(AssertUnwindSafe(|| {
                let e = ApiError::from_response(status, body, reset);
                check_message(&e).map(|_| e)
            }));
            match r {
                Ok(Ok(e)) => {
                    if e.clears_credentials()
                        != (status == 401
                            && !matches!(e, ApiError::TwoFactorRequired { .. } | ApiError::TwoFactorInvalid))
                    {
                        failures.push(format!("status {status}: {e:?} clears={}", e.clears_credentials()));
                    }
                    if (500..=599).contains(&status) && !matches!(e, ApiError::Server { status: s } if s == status) {
                        failures.push(format!("status {status} gave {e:?}"));
                    }
                }
                Ok(Err(msg)) => failures.push(format!("status {status}: {msg}")),
                Err(_) => {
                    t.panics.fetch_add(1, Ordering::Relaxed);
                    failures.push(format!("status {status}: panic on {}", truncate(body, 200)));
                }
            }
        }
    }
    t.report("from_response, statuses 100–599 × error bodies", started);
    assert!(failures.is_empty(), "{} failures, first: {}", failures.len(), failures[0]);
}

/// The corpus decodes to what the contract says (so the seeds are the right shapes).
#[test]
fn corpus_bodies_decode_as_the_contract_says() {
    let c: std::collections::HashMap<String, String> = corpus().into_iter().collect();
    contract::check_corpus(&|n: &str| c.get(n).unwrap_or_else(|| panic!("corpus file {n}")).clone());
}

/// The browser twin of these tests (`decode_browser.rs`) embeds the corpus file by file.
#[test]
fn the_browser_test_embeds_every_corpus_file() {
    let browser = include_str!("decode_browser.rs");
    for (name, _) in corpus() {
        assert!(browser.contains(&format!("include_str!(\"corpus/{name}\")")), "{name} missing from decode_browser.rs");
    }
}

/// The tricky bodies of `contract`: what the browser test checks with `JSON.parse`.
#[test]
fn tricky_bodies_decode_the_same_on_both_backends() {
    contract::check_tricky_bodies();
}
