//! What the decoders must make of the contract's bodies and of tricky ones,
//! shared by the host tests (`decode_props.rs`, serde_json backend) and the
//! browser tests (`decode_browser.rs`, the browser's `JSON.parse`): the two JSON
//! backends of `core::json` must agree on all of it.
#![allow(dead_code)]

use active_sessions::core::creds::{decode_credentials, encode_credentials, Credentials, StoredCredentials};
use active_sessions::core::error::ApiError;
use active_sessions::core::format::device_title;
use active_sessions::core::model::{
    decode_login, decode_logout_me, decode_logout_other_clients, decode_me, decode_session_info, decode_sessions_page,
    MAX_PAGE_ITEMS,
};

/// The corpus (`tests/corpus/`) decodes to what the contract says; `get` returns a file's text.
pub fn check_corpus(get: &dyn Fn(&str) -> String) {
    let page = decode_sessions_page(&get("list_docs_example.json")).unwrap();
    assert_eq!((page.sessions.len(), page.total, page.count, page.offset), (1, 2, 50, 0));
    assert_eq!(device_title(page.sessions[0].device.as_ref()), "Chrome 113 on Windows 10");
    let page = decode_sessions_page(&get("list_current_mixed.json")).unwrap();
    assert_eq!(page.sessions.len(), 5);
    assert_eq!(page.sessions.iter().filter(|s| s.current == Some(true)).count(), 1);
    assert!(page.sessions[1].device.is_none());
    assert_eq!(decode_sessions_page(&get("list_empty.json")).unwrap().sessions.len(), 0);
    let info = decode_session_info(&get("info.json")).unwrap();
    assert_eq!(info.session.session_id, "QoYYFw2t9oKks2niG");
    assert!(info.closed_at.is_some() && info.last_activity_at.is_some());
    for f in ["login.json", "login_v7.json"] {
        assert_eq!(decode_login(&get(f)).unwrap().user_id, "rbAXPnMktTFbNpwtJ");
    }
    assert_eq!(decode_me(&get("me.json")).unwrap().username, "demo");
    assert_eq!(
        decode_logout_other_clients(&get("logout_other_clients.json")).unwrap().token,
        "9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq"
    );
    assert_eq!(decode_logout_me(&get("logout_me.json")).unwrap(), "QoYYFw2t9oKks2niG");
    // Error bodies → variants, whatever the generation.
    for f in ["err_401_v5_v6.json", "err_401_v7.json", "err_401_v8.json"] {
        assert!(matches!(ApiError::from_response(401, &get(f), None), ApiError::Unauthorized { .. }), "{f}");
    }
    assert_eq!(ApiError::from_response(403, &get("err_license_403_v5_v7.json"), None), ApiError::LicenseRequired);
    assert_eq!(ApiError::from_response(400, &get("err_license_400_v8.json"), None), ApiError::LicenseRequired);
    assert!(matches!(
        ApiError::from_response(401, &get("err_totp_required.json"), None),
        ApiError::TwoFactorRequired { .. }
    ));
    assert_eq!(ApiError::from_response(401, &get("err_totp_invalid.json"), None), ApiError::TwoFactorInvalid);
    assert!(matches!(
        ApiError::from_response(400, &get("err_invalid_params_additional.json"), None),
        ApiError::BadRequest { error_type: Some(t), .. } if t == "invalid-params"
    ));
    assert!(matches!(
        ApiError::from_response(429, &get("err_rate_limited.json"), Some("1700000000000")),
        ApiError::RateLimited { wait_seconds: Some(42), reset_at_ms: Some(_), .. }
    ));
    assert!(matches!(ApiError::from_response(404, &get("err_not_found.json"), None), ApiError::NotFound { .. }));
    assert_eq!(ApiError::from_response(502, &get("err_502_proxy.html"), None), ApiError::Server { status: 502 });
}

/// Wrong types, nulls, odd numbers, duplicates, inherited-looking keys and
/// non-JSON: the same answer from either backend.
pub fn check_tricky_bodies() {
    // Wrong types are absent; `null` too.
    let page = decode_sessions_page(
        r#"{"sessions":[{"sessionId":"a","ip":7,"host":null,"device":{"type":3,"name":["x"],"os":"linux"},"current":"yes","loginAt":{"$date":1700000000000}}],"total":"9","count":null,"offset":-4}"#,
    )
    .unwrap();
    let s = &page.sessions[0];
    assert_eq!((s.ip.as_str(), s.host.as_str(), s.current), ("", "", None));
    let d = s.device.as_ref().unwrap();
    assert_eq!((d.name.as_str(), d.os.name.as_str()), ("", ""));
    assert_eq!(s.login_at, "2023-11-14T22:13:20.000Z");
    assert_eq!((page.total, page.count, page.offset), (1, 0, -4));
    // Numbers: floats truncate, negatives are 0, huge values saturate.
    let page = decode_sessions_page(r#"{"sessions":[],"total":2.9,"count":-3,"offset":1e300}"#).unwrap();
    assert_eq!((page.total, page.count, page.offset), (2, 0, i64::MAX));
    let page = decode_sessions_page(r#"{"sessions":[],"total":1e30,"offset":-1e30}"#).unwrap();
    assert_eq!((page.total, page.offset), (u64::MAX, i64::MIN));
    // Unusable and repeated items are skipped and counted; ids fall back to `_id`.
    let page = decode_sessions_page(
        r#"{"sessions":[1,null,[],{},{"sessionId":"  "},{"_id":"b"},{"sessionId":"b"},{"sessionId":"c"},"d"]}"#,
    )
    .unwrap();
    let ids: Vec<&str> = page.sessions.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!((ids, page.skipped, page.total), (vec!["b", "c"], 7, 9));
    // A hostile page is capped.
    let items: Vec<String> = (0..MAX_PAGE_ITEMS + 50).map(|i| format!(r#"{{"sessionId":"s{i}"}}"#)).collect();
    let page = decode_sessions_page(&format!(r#"{{"sessions":[{}]}}"#, items.join(","))).unwrap();
    assert_eq!((page.sessions.len(), page.skipped), (MAX_PAGE_ITEMS, 50));
    // Keys that JavaScript objects inherit or treat specially are plain data here.
    let page = decode_sessions_page(
        r#"{"__proto__":{"sessions":"x"},"constructor":1,"sessions":[{"sessionId":"p","toString":"t","__proto__":{"ip":"6.6.6.6"}}]}"#,
    )
    .unwrap();
    assert_eq!((page.sessions.len(), page.sessions[0].ip.as_str()), (1, ""));
    assert!(decode_sessions_page(r#"{"constructor":{}}"#).is_err(), "no `sessions`");
    // Not JSON, not an object, no `sessions`: decode errors that never quote the body.
    for body in [
        "",
        "<html>secret</html>",
        "[1,2]",
        "\"s\"",
        "null",
        "{\"sessions\":{}}",
        "{\"sessions\":null}",
        "{\"a\":1",
        "{\"a\":\"\\ud800\"}x",
    ] {
        match decode_sessions_page(body) {
            Err(ApiError::Decode { detail }) => assert!(!detail.contains("secret"), "{detail}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    // A lone surrogate: serde_json rejects the body, `JSON.parse` keeps it (Rust
    // then reads U+FFFD). Either is fine; a panic is not.
    match decode_me(r#"{"_id":"u\ud800","username":"x"}"#) {
        Ok(me) => assert!(me.id.starts_with('u')),
        Err(ApiError::Decode { .. }) => {}
        Err(other) => panic!("{other:?}"),
    }
    // Long strings survive as text.
    let long = "é".repeat(100_000);
    assert_eq!(decode_me(&format!(r#"{{"_id":"{long}"}}"#)).unwrap().id.chars().count(), 100_000);
    // Error bodies: fields of the wrong type are ignored, the status decides.
    assert!(matches!(
        ApiError::from_response(401, r#"{"error":5,"details":[1]}"#, None),
        ApiError::Unauthorized { .. }
    ));
    assert_eq!(ApiError::from_response(500, "[]", None), ApiError::Server { status: 500 });
    // Stored credentials: round trip with hostile text, versions, wrong types.
    let c = Credentials {
        user_id: "u\"\\\n\u{1}é".into(),
        auth_token: "t</script>".into(),
        base_url: "https://chat.example.com/".into(),
        listed: true,
    };
    match decode_credentials(&encode_credentials(&c)) {
        StoredCredentials::Valid(back) => {
            assert_eq!((back.user_id.as_str(), back.auth_token.as_str()), (c.user_id.as_str(), c.auth_token.as_str()));
            assert_eq!(back.base_url, "https://chat.example.com");
            assert!(back.listed);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(decode_credentials(r#"{"v":7,"userId":"u","authToken":"t"}"#), StoredCredentials::FutureVersion(7));
    assert_eq!(
        decode_credentials(r#"{"v":1e20,"userId":"u","authToken":"t"}"#),
        StoredCredentials::FutureVersion(u32::MAX)
    );
    for raw in [
        r#"{"v":"1","userId":"u","authToken":"t"}"#,
        r#"{"v":1.5,"userId":"u","authToken":"t"}"#,
        r#"{"v":-1,"userId":"u","authToken":"t"}"#,
        r#"{"v":1,"userId":"u","authToken":"t","baseUrl":3}"#,
        "[]",
        "x",
    ] {
        assert_eq!(decode_credentials(raw), StoredCredentials::Corrupt, "{raw}");
    }
}

/// Every decoder on every prefix of `body`: a value or a typed error, never a panic.
/// Returns how many decoder calls were made.
pub fn decode_every_prefix(body: &str) -> usize {
    let mut calls = 0;
    for (end, _) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
        let b = &body[..end];
        let _ = decode_sessions_page(b);
        let _ = decode_session_info(b);
        let _ = decode_login(b);
        let _ = decode_me(b);
        let _ = decode_logout_other_clients(b);
        let _ = decode_logout_me(b);
        let _ = decode_credentials(b);
        for status in [400, 401, 403, 404, 429, 500] {
            let _ = ApiError::from_response(status, b, Some("1700000000000")).message();
        }
        calls += 13;
    }
    calls
}
