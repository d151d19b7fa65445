//! Device derivation from a User-Agent, the way Rocket.Chat's `SAUMonitor._getUserAgentInfo` does it
//! (`apps/meteor/server/services/sauMonitor` + `app/statistics/server/lib/UAParserCustom.ts`).
//!
//! Rocket.Chat uses ua-parser-js; this server parses with `user-agent-parser` (uap-core's
//! `regexes.yaml`, vendored in `devserver/uap/`) and maps uap-core names to ua-parser-js names
//! (`Mac OS X` → `Mac OS`, `Chrome Mobile` → `Mobile Chrome`, …). Rules:
//! 1. `RC Mobile; <os> <version>; v<app version> (<bundle>)` → `mobile-app`, name `RC Mobile`.
//! 2. UA containing ` Electron/` → `desktop-app`, name `Rocket.Chat` (from `Rocket.Chat/x.y.z`), OS parsed.
//! 3. Otherwise: a recognised browser (uap family not `Other`, UA starting with `Mozilla/` or
//!    `Opera/`) → `browser` with its family and version; OS name/version when recognised.
//!    Then the device class overrides the type like ua-parser-js's `device.type`:
//!    iPad / `Tablet` / Android without `Mobile` → `tablet`; iPhone, iPod, Android + `Mobile`,
//!    Windows Phone → `mobile`.
//! 4. No browser (curl, scripts, …) → `other` with empty name.

use std::sync::LazyLock;

use user_agent_parser::UserAgentParser;

use crate::model::{short_version, Device};

static PARSER: LazyLock<UserAgentParser> = LazyLock::new(|| {
    UserAgentParser::from_str(include_str!("../uap/regexes.yaml")).expect("uap-core regexes.yaml parses")
});

fn join_version(parts: &[Option<&str>]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            Some(s) if !s.is_empty() => out.push(s),
            _ => break,
        }
    }
    out.join(".")
}

/// uap-core keeps at most four parts (and often three); ua-parser-js reports the whole version
/// token (`OPR/109.0.0.0` → `109.0.0.0`). Extends `parsed` with the digits and dots that follow it
/// in the User-Agent.
fn full_version(ua: &str, parsed: String) -> String {
    if parsed.is_empty() {
        return parsed;
    }
    for (pos, _) in ua.match_indices(parsed.as_str()) {
        let before = ua[..pos].chars().last();
        if !matches!(before, Some('/') | Some(' ')) {
            continue;
        }
        let rest = &ua[pos + parsed.len()..];
        let ext: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let ext = ext.trim_end_matches('.');
        return format!("{parsed}{ext}");
    }
    parsed
}

fn map_browser(family: &str) -> String {
    match family {
        "Chrome Mobile" => "Mobile Chrome",
        "Chrome Mobile iOS" => "Chrome",
        "Chrome Mobile WebView" => "Chrome WebView",
        "Firefox Mobile" => "Mobile Firefox",
        "Firefox iOS" => "Firefox",
        "Edge Mobile" => "Edge",
        "Opera Mobile" => "Opera Mobi",
        "Samsung Internet" => "Samsung Browser",
        "HeadlessChrome" => "Chrome Headless",
        other => other,
    }
    .to_string()
}

fn map_os(family: &str) -> String {
    match family {
        "Mac OS X" => "Mac OS",
        other => other,
    }
    .to_string()
}

/// OS `(name, version)` as ua-parser-js reports it; `None` when no OS is recognised.
fn parse_os(ua: &str) -> Option<(String, Option<String>)> {
    let os = PARSER.parse_os(ua);
    let name = os.name.as_deref().filter(|n| !n.is_empty() && *n != "Other")?;
    let version = join_version(&[os.major.as_deref(), os.minor.as_deref(), os.patch.as_deref()]);
    Some((map_os(name), if version.is_empty() { None } else { Some(version) }))
}

fn form_factor(ua: &str) -> Option<&'static str> {
    let android = ua.contains("Android");
    if ua.contains("iPad") || ua.contains("Tablet") || (android && !ua.contains("Mobile")) {
        Some("tablet")
    } else if ua.contains("iPhone")
        || ua.contains("iPod")
        || ua.contains("Windows Phone")
        || (android && ua.contains("Mobile"))
    {
        Some("mobile")
    } else {
        None
    }
}

/// The `device` stored for a login with this User-Agent.
pub fn device_from_user_agent(ua: &str) -> Device {
    let mut dev = Device {
        kind: "other".into(),
        name: String::new(),
        long_version: String::new(),
        os_name: String::new(),
        os_version: Some(String::new()),
        version: String::new(),
    };

    let parts: Vec<&str> = ua.split(';').collect();
    if parts[0].trim() == "RC Mobile" {
        dev.kind = "mobile-app".into();
        dev.name = "RC Mobile".into();
        if let Some(os) = parts.get(1) {
            let mut it = os.trim().split(' ');
            let name = it.next().unwrap_or("");
            if !name.is_empty() {
                dev.os_name = name.into();
                dev.os_version = it.next().filter(|v| !v.is_empty()).map(Into::into);
            }
        }
        if let Some(app) = parts.get(2) {
            let mut it = app.trim().split(' ');
            let version = it.next().unwrap_or("").trim_start_matches('v').to_string();
            dev.long_version = version;
            if let Some(bundle) = it.next().map(|b| b.replace(['(', ')'], "")).filter(|b| !b.is_empty()) {
                dev.long_version = format!("{} {}", dev.long_version, bundle);
            }
        }
        dev.version = short_version(&dev.long_version);
        return dev;
    }

    if ua.contains(" Electron/") {
        dev.kind = "desktop-app".into();
        static RC: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r"(Rocket\.Chat)/(\d+(\.\d+)+)").expect("valid regex"));
        if let Some(c) = RC.captures(ua) {
            dev.name = c[1].to_string();
            dev.long_version = c[2].to_string();
        }
        if let Some((name, version)) = parse_os(ua) {
            dev.os_name = name;
            dev.os_version = version;
        }
        dev.version = short_version(&dev.long_version);
        return dev;
    }

    let product = PARSER.parse_product(ua);
    let is_browser_ua = ua.starts_with("Mozilla/") || ua.starts_with("Opera/");
    if let Some(family) = product.name.as_deref().filter(|f| !f.is_empty() && *f != "Other" && is_browser_ua) {
        dev.kind = "browser".into();
        dev.name = map_browser(family);
        dev.long_version = full_version(
            ua,
            join_version(&[
                product.major.as_deref(),
                product.minor.as_deref(),
                product.patch.as_deref(),
                product.patch_minor.as_deref(),
            ]),
        );
    }
    if let Some((name, version)) = parse_os(ua) {
        dev.os_name = name;
        dev.os_version = version;
    }
    if let Some(kind) = form_factor(ua) {
        dev.kind = kind.into();
    }
    dev.version = short_version(&dev.long_version);
    dev
}
