//! Display helpers: device titles, relative-time buckets, IP masking, and the
//! text hygiene every server string goes through before it is shown.
//!
//! Server strings are untrusted (a User-Agent is whatever the client sent), so
//! titles drop control and bidi-override characters, collapse whitespace and
//! are capped; rendering them as text (never HTML) is the view's job.

use crate::core::i18n::{Arg, Speaker, M};
use crate::core::model::{Device, DeviceKind};

/// Longest device title, in characters, including the ellipsis.
pub const MAX_TITLE_CHARS: usize = 120;

/// Bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069)
/// and the implicit marks: they can reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `text` escaped for HTML text and for quoted attribute values alike: what
/// keeps server text text in the markup the panel draws (see `ui::dom`).
///
/// By bytes, copying the runs between the five special characters whole: they are
/// ASCII, so they never sit inside a multi-byte character. (A `push` per `char` made
/// a page of 100 cards measurably slower to draw.)
#[inline(never)]
pub fn escape_html_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// One line of plain text: control characters become spaces, bidi controls
/// are dropped, runs of whitespace collapse to one space, ends are trimmed.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(1024));
    let mut pending_space = false;
    for c in s.chars() {
        if is_bidi_control(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// At most `max` characters (not bytes); a cut string ends in '…' within the
/// limit. Never splits a UTF-8 sequence.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out.push('…');
    out
}

/// Keeps the first `parts` dot-separated numeric components of a version,
/// dropping a leading 'v' and trailing ".0" components: "113.0.0.0" → "113"
/// (parts 1), "4.2.0" → "4.2" (parts 2), "17.0" → "17". A version that does
/// not start with a digit is kept as is (cleaned and capped at 24 chars).
fn short_version(raw: &str, parts: usize) -> String {
    let v = clean_text(raw);
    let v = v.strip_prefix(['v', 'V']).filter(|r| r.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(v.as_str());
    if !v.starts_with(|c: char| c.is_ascii_digit()) {
        return truncate_chars(v, 24);
    }
    let mut comps: Vec<&str> = v
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .unwrap_or("")
        .split('.')
        .filter(|p| !p.is_empty())
        .take(parts)
        .map(|p| if p.len() > 12 { p.get(..12).unwrap_or(p) } else { p })
        .collect();
    while comps.len() > 1 && comps.last().is_some_and(|p| p.bytes().all(|b| b == b'0')) {
        comps.pop();
    }
    comps.join(".")
}

/// "Chrome 113", "RC Mobile 4.2", or just the name when no version is known;
/// `None` when the device has no name. Browsers show the major version only
/// (that is how people know them); apps show major.minor.
pub fn client_title(d: Option<&Device>) -> Option<String> {
    let d = d?;
    let name = clean_text(&d.name);
    if name.is_empty() {
        return None;
    }
    let parts = if d.kind == DeviceKind::Browser { 1 } else { 2 };
    let raw = if d.version.trim().is_empty() { &d.long_version } else { &d.version };
    let version = short_version(raw, parts);
    Some(if version.is_empty() { name } else { format!("{name} {version}") })
}

/// "Windows 10", "iOS 17", "Mac OS 10.15"; `None` when the OS name is empty.
pub fn os_title(d: Option<&Device>) -> Option<String> {
    let os = &d?.os;
    let name = clean_text(&os.name);
    if name.is_empty() {
        return None;
    }
    let version = os.version.as_deref().map(|v| short_version(v, 2)).unwrap_or_default();
    Some(if version.is_empty() { name } else { format!("{name} {version}") })
}

/// One line naming the device: "Chrome 113 on Windows 10", "RC Mobile 4.2 on
/// iOS 17", "curl" (no OS), "Unknown device" (no device or no name). Cleaned
/// (see [`clean_text`]) and capped at [`MAX_TITLE_CHARS`] with '…'. In English;
/// [`device_title_in`] words it in another language.
#[cfg(any(test, feature = "internals"))]
pub fn device_title(d: Option<&Device>) -> String {
    device_title_in(&crate::core::i18n::English, d)
}

/// [`device_title`] in the speaker's language ("Chrome 113 unter Windows 10").
pub fn device_title_in(sp: &impl Speaker, d: Option<&Device>) -> String {
    truncate_chars(&device_title_full(sp, d), MAX_TITLE_CHARS)
}

/// [`device_title_in`] without the length cap, for the tooltip of a clamped title.
pub fn device_title_full(sp: &impl Speaker, d: Option<&Device>) -> String {
    let Some(client) = client_title(d) else {
        return sp.say(M::UnknownDevice);
    };
    match os_title(d) {
        Some(os) => sp.word(&M::DeviceOn.with("client", Arg::Str(client)).with("os", Arg::Str(os))),
        None => client,
    }
}

const SECOND: f64 = 1000.0;
const MINUTE: f64 = 60.0 * SECOND;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;
const WEEK: f64 = 7.0 * DAY;
/// Average Gregorian month and year: buckets, not calendar arithmetic.
const MONTH: f64 = 30.436875 * DAY;
const YEAR: f64 = 365.2425 * DAY;

/// Value and unit for `Intl.RelativeTimeFormat.format(value, unit)`:
/// negative in the past. Buckets: under 60 s → seconds, 60 min → minutes,
/// 24 h → hours, 7 d → days, 5 w → weeks, 12 months → months, else years.
///
/// Every unit counts whole elapsed units (truncation toward zero, the same
/// rule in the past and the future), and the bucket is chosen on the rounded
/// value: 90 s ago is "1 minute ago", 366 days ago "1 year ago" (flooring
/// would say "2 years ago"). As an instant ages its label never gets younger.
/// Non-finite input → (0, "second"); zero is +0 (Intl prints -0 as
/// "0 seconds ago").
pub fn relative_parts(then_ms: f64, now_ms: f64) -> (f64, &'static str) {
    let d = then_ms - now_ms;
    if !d.is_finite() {
        return (0.0, "second");
    }
    let steps: [(f64, f64, &'static str); 6] = [
        (SECOND, 60.0, "second"),
        (MINUTE, 60.0, "minute"),
        (HOUR, 24.0, "hour"),
        (DAY, 7.0, "day"),
        (WEEK, 5.0, "week"),
        (MONTH, 12.0, "month"),
    ];
    for (unit, limit, name) in steps {
        let v = (d / unit).trunc();
        if v.abs() < limit {
            return (v + 0.0, name);
        }
    }
    ((d / YEAR).trunc() + 0.0, "year")
}

/// English relative time for when `Intl.RelativeTimeFormat` is unavailable:
/// "3 hours ago", "in 2 days", "now".
pub fn fallback_relative_text(then_ms: f64, now_ms: f64) -> String {
    let (v, unit) = relative_parts(then_ms, now_ms);
    if v == 0.0 {
        return "now".to_string();
    }
    // A whole number (relative_parts truncates): print it as an integer, which
    // keeps float formatting out of the wasm.
    let n = v.abs().min(u64::MAX as f64) as u64;
    let plural = if n == 1 { "" } else { "s" };
    if v < 0.0 {
        format!("{n} {unit}{plural} ago")
    } else {
        format!("in {n} {unit}{plural}")
    }
}

/// Placeholder for an address that is hidden or not an IP at all.
pub const MASKED: &str = "•••";

/// Hides most of an IP address, for screens that may be shared:
/// IPv4 "203.0.113.42" → "203.0.x.x"; IPv6 keeps the first two groups,
/// "2001:db8:85a3::1" → "2001:db8:…" (an IPv4-mapped IPv6 address is masked
/// as IPv4); anything else (empty, a host name, garbage) → "•••". Of a
/// forwarded list "a, b" only the first entry counts.
pub fn mask_ip(ip: &str) -> String {
    let ip = ip.split(',').next().unwrap_or("").trim();
    if let Some(masked) = mask_ipv4(ip) {
        return masked;
    }
    let ip = ip.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or(ip);
    let ip = ip.split('%').next().unwrap_or(""); // zone id: fe80::1%eth0
    let lower = ip.to_ascii_lowercase();
    if let Some(v4) = lower.strip_prefix("::ffff:") {
        if let Some(masked) = mask_ipv4(v4) {
            return masked;
        }
    }
    let valid = ip.len() <= 45
        && ip.matches(':').count() >= 2
        && ip.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    if !valid {
        return MASKED.to_string();
    }
    // Up to and including the second ':'.
    let mut colons = 0;
    for (i, c) in ip.char_indices() {
        if c == ':' {
            colons += 1;
            if colons == 2 {
                return format!("{}…", ip.get(..=i).unwrap_or(""));
            }
        }
    }
    MASKED.to_string()
}

fn mask_ipv4(ip: &str) -> Option<String> {
    let parts: Vec<&str> = ip.split('.').collect();
    let ok = parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        });
    if !ok {
        return None;
    }
    Some(format!("{}.{}.x.x", parts.first()?, parts.get(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Os;

    fn escaped(text: &str) -> String {
        let mut out = String::from("x");
        escape_html_into(&mut out, text);
        out
    }

    #[test]
    fn escaping_keeps_multibyte_text_and_replaces_the_five_characters() {
        assert_eq!(escaped(""), "x");
        assert_eq!(escaped("plain"), "xplain");
        assert_eq!(escaped("&<>\"'"), "x&amp;&lt;&gt;&quot;&#39;");
        assert_eq!(
            escaped("<b>Zoë’s iPhone</b> & 日本語 🙂\"'"),
            "x&lt;b&gt;Zoë’s iPhone&lt;/b&gt; &amp; 日本語 🙂&quot;&#39;"
        );
        assert_eq!(escaped("é<"), "xé&lt;");
        assert_eq!(escaped(">€"), "x&gt;€");
        // The same as escaping character by character, over every character class.
        let sample: String =
            ['a', '&', 'é', '<', '€', '>', '🙂', '"', '\'', ' ', '\u{202E}'].iter().cycle().take(200).collect();
        let mut by_char = String::from("x");
        for c in sample.chars() {
            match c {
                '&' => by_char.push_str("&amp;"),
                '<' => by_char.push_str("&lt;"),
                '>' => by_char.push_str("&gt;"),
                '"' => by_char.push_str("&quot;"),
                '\'' => by_char.push_str("&#39;"),
                c => by_char.push(c),
            }
        }
        assert_eq!(escaped(&sample), by_char);
    }

    fn dev(kind: DeviceKind, name: &str, version: &str, long: &str, os: &str, osv: Option<&str>) -> Device {
        Device {
            kind,
            name: name.into(),
            version: version.into(),
            long_version: long.into(),
            os: Os { name: os.into(), version: osv.map(str::to_string) },
        }
    }

    #[test]
    fn title_browser_major_version() {
        let d = dev(DeviceKind::Browser, "Chrome", "113.0.0", "113.0.0.0", "Windows", Some("10"));
        assert_eq!(device_title(Some(&d)), "Chrome 113 on Windows 10");
        assert_eq!(client_title(Some(&d)).as_deref(), Some("Chrome 113"));
        assert_eq!(os_title(Some(&d)).as_deref(), Some("Windows 10"));
    }

    #[test]
    fn title_app_major_minor() {
        let d = dev(DeviceKind::MobileApp, "RC Mobile", "4.2.0", "4.2.0 (250)", "iOS", Some("17.0"));
        assert_eq!(device_title(Some(&d)), "RC Mobile 4.2 on iOS 17");
        let d = dev(DeviceKind::DesktopApp, "Rocket.Chat", "v3.9.1", "", "Mac OS", Some("10.15.7"));
        assert_eq!(device_title(Some(&d)), "Rocket.Chat 3.9 on Mac OS 10.15");
    }

    #[test]
    fn title_falls_back_to_long_version_and_name_only() {
        let d = dev(DeviceKind::Browser, "Firefox", "", "115.0", "Linux", None);
        assert_eq!(device_title(Some(&d)), "Firefox 115 on Linux");
        let d = dev(DeviceKind::Other, "curl", " ", "", "", None);
        assert_eq!(device_title(Some(&d)), "curl");
        let d = dev(DeviceKind::Other, "bot", "beta", "", "", Some(""));
        assert_eq!(device_title(Some(&d)), "bot beta");
    }

    #[test]
    fn title_unknown() {
        assert_eq!(device_title(None), "Unknown device");
        let d = dev(DeviceKind::Browser, "  \t ", "1", "", "Windows", Some("10"));
        assert_eq!(device_title(Some(&d)), "Unknown device");
        assert_eq!(client_title(None), None);
        assert_eq!(os_title(None), None);
    }

    #[test]
    fn title_cleans_and_caps() {
        let d = dev(DeviceKind::Browser, " Evil\u{202E}  \n Browser ", "1.2", "", " Windows\t", Some(" 11 "));
        assert_eq!(device_title(Some(&d)), "Evil Browser 1 on Windows 11");
        let long = "A".repeat(10_000);
        let d = dev(DeviceKind::Browser, &long, "1", "", "X", None);
        let t = device_title(Some(&d));
        assert_eq!(t.chars().count(), MAX_TITLE_CHARS);
        assert!(t.ends_with('…'));
        let emoji = "😀".repeat(200);
        let d = dev(DeviceKind::Browser, &emoji, "", "", "", None);
        assert_eq!(device_title(Some(&d)).chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn short_versions() {
        assert_eq!(short_version("113.0.0.0", 1), "113");
        assert_eq!(short_version("4.2.0", 2), "4.2");
        assert_eq!(short_version("17.0", 2), "17");
        assert_eq!(short_version("10", 2), "10");
        assert_eq!(short_version("0.0", 2), "0");
        assert_eq!(short_version("1.2.3-beta", 2), "1.2");
        assert_eq!(short_version("V2", 1), "2");
        assert_eq!(short_version("vista", 1), "vista");
        assert_eq!(short_version("", 1), "");
        assert_eq!(short_version("99999999999999999999999", 1), "999999999999");
    }

    #[test]
    fn relative_buckets() {
        let now = 1_700_000_000_000.0;
        assert_eq!(relative_parts(now, now), (0.0, "second"));
        assert!(relative_parts(now - 400.0, now).0.is_sign_positive());
        assert_eq!(relative_parts(now - 30.0 * SECOND, now), (-30.0, "second"));
        assert_eq!(relative_parts(now - 59.5 * SECOND, now), (-59.0, "second"));
        assert_eq!(relative_parts(now - 60.0 * SECOND, now), (-1.0, "minute"));
        assert_eq!(relative_parts(now - 90.0 * SECOND, now), (-1.0, "minute"));
        assert_eq!(relative_parts(now - 59.0 * MINUTE, now), (-59.0, "minute"));
        assert_eq!(relative_parts(now - 3.0 * HOUR, now), (-3.0, "hour"));
        assert_eq!(relative_parts(now - 23.9 * HOUR, now), (-23.0, "hour"));
        assert_eq!(relative_parts(now - 25.0 * HOUR, now), (-1.0, "day"));
        assert_eq!(relative_parts(now - 6.9 * DAY, now), (-6.0, "day"));
        assert_eq!(relative_parts(now - 8.0 * DAY, now), (-1.0, "week"));
        assert_eq!(relative_parts(now - 34.0 * DAY, now), (-4.0, "week"));
        assert_eq!(relative_parts(now - 35.0 * DAY, now), (-1.0, "month"));
        assert_eq!(relative_parts(now - 60.0 * DAY, now), (-1.0, "month"));
        assert_eq!(relative_parts(now - 364.0 * DAY, now), (-11.0, "month"));
        assert_eq!(relative_parts(now - 366.0 * DAY, now), (-1.0, "year"));
        assert_eq!(relative_parts(now - 800.0 * DAY, now), (-2.0, "year"));
        // The future uses the same rule.
        assert_eq!(relative_parts(now + 90.0 * SECOND, now), (1.0, "minute"));
        assert_eq!(relative_parts(now + 30.0 * SECOND, now), (30.0, "second"));
        assert_eq!(relative_parts(f64::NAN, now), (0.0, "second"));
        assert_eq!(relative_parts(now, f64::INFINITY), (0.0, "second"));
    }

    #[test]
    fn relative_is_monotonic() {
        // Older instants never give a "younger" label.
        let now = 1_700_000_000_000.0;
        let rank = |u: &str| ["second", "minute", "hour", "day", "week", "month", "year"].iter().position(|x| *x == u);
        let mut prev = (0usize, 0.0f64);
        let mut age = 0.0;
        while age < 5.0 * YEAR {
            let (v, u) = relative_parts(now - age, now);
            let r = rank(u).unwrap_or(99);
            assert!(r >= prev.0, "unit went back at {age}");
            if r == prev.0 {
                assert!(v <= prev.1, "value went back at {age}");
            }
            prev = (r, v);
            age = age * 1.01 + 777.0;
        }
    }

    #[test]
    fn fallback_text() {
        let now = 1_000_000_000_000.0;
        assert_eq!(fallback_relative_text(now - 3.0 * HOUR, now), "3 hours ago");
        assert_eq!(fallback_relative_text(now - 1.0 * HOUR, now), "1 hour ago");
        assert_eq!(fallback_relative_text(now - 1.0 * SECOND, now), "1 second ago");
        assert_eq!(fallback_relative_text(now + 2.0 * DAY, now), "in 2 days");
        assert_eq!(fallback_relative_text(now, now), "now");
        assert_eq!(fallback_relative_text(f64::NAN, now), "now");
    }

    #[test]
    fn ip_masking() {
        assert_eq!(mask_ip("203.0.113.42"), "203.0.x.x");
        assert_eq!(mask_ip(" 172.20.0.2 "), "172.20.x.x");
        assert_eq!(mask_ip("10.0.0.1, 172.16.0.1"), "10.0.x.x");
        assert_eq!(mask_ip("2001:db8:85a3::8a2e:370:7334"), "2001:db8:…");
        assert_eq!(mask_ip("2001::1"), "2001::…");
        assert_eq!(mask_ip("::1"), "::…");
        assert_eq!(mask_ip("fe80::1%eth0"), "fe80::…");
        assert_eq!(mask_ip("[2001:db8::1]"), "2001:db8:…");
        assert_eq!(mask_ip("::ffff:203.0.113.42"), "203.0.x.x");
        for bad in
            ["", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4:80", "a:b", "<b>", "１.２.３.４", "1..2.3"]
        {
            assert_eq!(mask_ip(bad), MASKED, "{bad}");
        }
    }

    #[test]
    fn text_helpers() {
        assert_eq!(clean_text("  a \u{0}\u{1b}b\r\n c  "), "a b c");
        assert_eq!(clean_text("\u{2066}x\u{2069}"), "x");
        assert_eq!(truncate_chars("abc", 3), "abc");
        assert_eq!(truncate_chars("abcd", 3), "ab…");
        assert_eq!(truncate_chars("a   bcd", 4), "a…");
        assert_eq!(truncate_chars("abcd", 0), "");
        assert_eq!(truncate_chars("éééé", 2), "é…");
    }
}
