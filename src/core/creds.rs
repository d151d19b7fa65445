//! The stored credentials: one versioned JSON value under one namespaced
//! storage key.
//!
//! The value carries a version so that a later release can change the shape
//! and an older page still open in another tab can tell "written by a newer
//! version" (leave it alone) from "garbage" (remove it). `Debug` never shows
//! the token, so a stray `{:?}` cannot leak it into a console.

use crate::core::json::{self, Json, Out};

/// Default localStorage key; the embedding page may choose another.
pub const DEFAULT_STORAGE_KEY: &str = "active-sessions.credentials.v1";
/// Version written by this code.
pub const CREDENTIALS_VERSION: u32 = 1;

/// What is needed to call the API as a user.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user_id: String,
    pub auth_token: String,
    /// Normalised (see [`normalize_base_url`]); `""` is the page's own origin.
    pub base_url: String,
    /// The server lists a session row for this token because the panel logged it in
    /// by `resume` (a password login alone is never listed on a real Rocket.Chat; see
    /// the contract). Unknown (`false`) for tokens the user brought: a personal access
    /// token has no row, a reused web-client token may or may not have one.
    pub listed: bool,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user_id", &self.user_id)
            .field("auth_token", &"***")
            .field("base_url", &self.base_url)
            .field("listed", &self.listed)
            .finish()
    }
}

/// What a stored value turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum StoredCredentials {
    Valid(Credentials),
    /// Not ours or damaged: remove it and treat the user as signed out.
    Corrupt,
    /// Written by a newer release: treat as signed out but do not delete it.
    FutureVersion(u32),
}

/// `{"v":1,"userId":"…","authToken":"…","baseUrl":"…"}` (+ `"listed":true`), properly escaped.
pub fn encode_credentials(c: &Credentials) -> String {
    let base = normalize_base_url(&c.base_url);
    let mut fields = vec![
        ("v", Out::Int(CREDENTIALS_VERSION)),
        ("userId", Out::Str(&c.user_id)),
        ("authToken", Out::Str(&c.auth_token)),
        ("baseUrl", Out::Str(&base)),
    ];
    // Optional, so values written before it existed (and by older tabs) still read the same.
    if c.listed {
        fields.push(("listed", Out::Bool(true)));
    }
    json::object(&fields)
}

/// Reads a stored value. `Corrupt` for anything that is not a version-1
/// object with non-blank string `userId` and `authToken` (a missing `v`, a
/// version 0, a wrong type); `baseUrl` may be absent (same origin) but not of
/// another type. A version above ours is `FutureVersion` (saturating at
/// `u32::MAX`).
pub fn decode_credentials(raw: &str) -> StoredCredentials {
    let Some(map) = json::parse_record(raw) else {
        return StoredCredentials::Corrupt;
    };
    // A version is a whole number ≥ 0; 1.5, -1 or "1" is not.
    let version = match map.field("v").and_then(|v| v.number()) {
        Some(v) if v >= 0.0 && v.fract() == 0.0 => v,
        _ => return StoredCredentials::Corrupt,
    };
    if version > f64::from(CREDENTIALS_VERSION) {
        // Saturating: a version beyond u32 reads as u32::MAX.
        return StoredCredentials::FutureVersion(version as u32);
    }
    if version != f64::from(CREDENTIALS_VERSION) {
        return StoredCredentials::Corrupt;
    }
    let text = |k: &str| map.text_field(k).filter(|s| !s.trim().is_empty());
    let base_url = match map.field("baseUrl") {
        None => String::new(),
        Some(v) if v.is_json_null() => String::new(),
        Some(v) => match v.text() {
            Some(s) => normalize_base_url(&s),
            None => return StoredCredentials::Corrupt,
        },
    };
    match (text("userId"), text("authToken")) {
        (Some(user_id), Some(auth_token)) => StoredCredentials::Valid(Credentials {
            user_id,
            auth_token,
            base_url,
            listed: map.field("listed").and_then(|v| v.boolean()) == Some(true),
        }),
        _ => StoredCredentials::Corrupt,
    }
}

/// Trims and strips trailing slashes, so that `base + "/api/v1/…"` is
/// always right: `"https://chat.example.com/"` → `"https://chat.example.com"`,
/// `"/"` or `""` → `""` (same origin).
pub fn normalize_base_url(s: &str) -> String {
    s.trim().trim_end_matches('/').to_string()
}

/// Whether a (normalised) base URL is worth calling: `""` (same origin), an
/// absolute `http(s)://host…`, or a path starting with `/`. Rejects
/// `javascript:` and similar, and anything with spaces or control characters.
pub fn is_plausible_base_url(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) => !host.is_empty() && !host.starts_with('/'),
        None => s.is_empty() || (s.starts_with('/') && !s.starts_with("//")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            user_id: "rbAXPnMktTFbNpwtJ".into(),
            auth_token: "SECRET-token-9f8e".into(),
            base_url: "https://chat.example.com".into(),
            listed: false,
        }
    }

    #[test]
    fn listed_round_trips_and_is_optional() {
        let c = Credentials { listed: true, ..creds() };
        let raw = encode_credentials(&c);
        assert!(raw.ends_with(r#","listed":true}"#), "{raw}");
        assert_eq!(decode_credentials(&raw), StoredCredentials::Valid(c));
        // Absent, or anything but `true`, is "not known to be listed".
        assert!(!encode_credentials(&creds()).contains("listed"));
        for raw in
            [r#"{"v":1,"userId":"u","authToken":"t"}"#, r#"{"v":1,"userId":"u","authToken":"t","listed":"true"}"#]
        {
            let StoredCredentials::Valid(c) = decode_credentials(raw) else { panic!("{raw}") };
            assert!(!c.listed, "{raw}");
        }
    }

    #[test]
    fn round_trip() {
        let c = creds();
        let raw = encode_credentials(&c);
        assert_eq!(decode_credentials(&raw), StoredCredentials::Valid(c));
        let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
        assert_eq!(v["v"], 1);
        assert_eq!(v["userId"], "rbAXPnMktTFbNpwtJ");
        assert_eq!(v["authToken"], "SECRET-token-9f8e");
        assert_eq!(v["baseUrl"], "https://chat.example.com");
    }

    #[test]
    fn round_trip_with_awkward_characters() {
        let c = Credentials {
            user_id: "a\"b\\c".into(),
            auth_token: "t\u{0}ü😀".into(),
            base_url: String::new(),
            listed: false,
        };
        assert_eq!(decode_credentials(&encode_credentials(&c)), StoredCredentials::Valid(c));
    }

    #[test]
    fn encode_normalises_base_url() {
        let c = Credentials { base_url: " https://x.example/ ".into(), ..creds() };
        let StoredCredentials::Valid(back) = decode_credentials(&encode_credentials(&c)) else { panic!() };
        assert_eq!(back.base_url, "https://x.example");
    }

    #[test]
    fn corrupt_values() {
        for raw in [
            "",
            "null",
            "[]",
            "{",
            "not json",
            r#"{"userId":"u","authToken":"t"}"#,
            r#"{"v":0,"userId":"u","authToken":"t"}"#,
            r#"{"v":"1","userId":"u","authToken":"t"}"#,
            r#"{"v":1.5,"userId":"u","authToken":"t"}"#,
            r#"{"v":-1,"userId":"u","authToken":"t"}"#,
            r#"{"v":1,"userId":"","authToken":"t"}"#,
            r#"{"v":1,"userId":"u","authToken":""}"#,
            r#"{"v":1,"userId":"u","authToken":"  "}"#,
            r#"{"v":1,"userId":"u"}"#,
            r#"{"v":1,"userId":5,"authToken":"t"}"#,
            r#"{"v":1,"userId":"u","authToken":"t","baseUrl":7}"#,
        ] {
            assert_eq!(decode_credentials(raw), StoredCredentials::Corrupt, "{raw}");
        }
    }

    #[test]
    fn missing_or_null_base_url_is_same_origin() {
        let StoredCredentials::Valid(c) = decode_credentials(r#"{"v":1,"userId":"u","authToken":"t"}"#) else {
            panic!()
        };
        assert_eq!(c.base_url, "");
        let StoredCredentials::Valid(c) =
            decode_credentials(r#"{"v":1,"userId":"u","authToken":"t","baseUrl":null,"x":1}"#)
        else {
            panic!()
        };
        assert_eq!(c.base_url, "");
    }

    #[test]
    fn future_version() {
        assert_eq!(decode_credentials(r#"{"v":2,"anything":"else"}"#), StoredCredentials::FutureVersion(2));
        assert_eq!(decode_credentials(r#"{"v":99999999999}"#), StoredCredentials::FutureVersion(u32::MAX));
    }

    #[test]
    fn debug_redacts_the_token() {
        let c = creds();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("SECRET"), "{dbg}");
        assert!(dbg.contains("auth_token: \"***\""), "{dbg}");
        assert!(dbg.contains("rbAXPnMktTFbNpwtJ"));
        let dbg = format!("{:?}", StoredCredentials::Valid(c));
        assert!(!dbg.contains("SECRET"), "{dbg}");
        let dbg = format!("{:#?}", creds());
        assert!(!dbg.contains("SECRET"), "{dbg}");
    }

    #[test]
    fn base_url_normalisation() {
        assert_eq!(normalize_base_url(""), "");
        assert_eq!(normalize_base_url("/"), "");
        assert_eq!(normalize_base_url("  https://chat.example.com///  "), "https://chat.example.com");
        assert_eq!(normalize_base_url("http://h:3000/rc/"), "http://h:3000/rc");
        assert_eq!(normalize_base_url("\thttps://a.b\n"), "https://a.b");
    }

    #[test]
    fn plausible_base_urls() {
        for ok in ["", "https://chat.example.com", "http://localhost:3000", "/rocketchat", "HTTPS://X"] {
            assert!(is_plausible_base_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "http:///x",
            "//evil.example",
            "ftp://x",
            "https://a b",
            "chat.example.com",
            "data:text/html,x",
        ] {
            assert!(!is_plausible_base_url(bad), "{bad}");
        }
    }
}
