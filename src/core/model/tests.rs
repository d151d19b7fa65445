use super::*;
use crate::core::error::{ApiError, MAX_DETAIL};

/// The contract's example, verbatim.
const EXAMPLE: &str = r#"{"sessions":[{"sessionId":"QoYYFw2t9oKks2niG","userId":"rbAXPnMktTFbNpwtJ",
  "device":{"type":"browser","name":"Chrome","longVersion":"113.0.0.0",
            "os":{"name":"Windows","version":"10"},"version":"113.0.0"},
  "host":"localhost:3000","ip":"172.20.0.2","loginAt":"2023-05-23T16:33:45.202Z",
  "_id":"QoYYFw2t9oKks2niG"}],
 "total":2,"count":50,"offset":0,"success":true}"#;

fn page_of(items: &str) -> SessionsPage {
    match decode_sessions_page(&format!(r#"{{"sessions":[{items}],"total":9,"count":25,"offset":0}}"#)) {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    }
}

fn one(item: &str) -> Session {
    let p = page_of(item);
    assert_eq!(p.sessions.len(), 1, "{item}");
    p.sessions[0].clone()
}

#[test]
fn contract_example() {
    let p = decode_sessions_page(EXAMPLE).expect("decodes");
    assert_eq!((p.total, p.count, p.offset, p.skipped), (2, 50, 0, 0));
    assert_eq!(
        p.sessions,
        vec![Session {
            session_id: "QoYYFw2t9oKks2niG".into(),
            user_id: "rbAXPnMktTFbNpwtJ".into(),
            device: Some(Device {
                kind: DeviceKind::Browser,
                name: "Chrome".into(),
                version: "113.0.0".into(),
                long_version: "113.0.0.0".into(),
                os: Os { name: "Windows".into(), version: Some("10".into()) },
            }),
            host: "localhost:3000".into(),
            ip: "172.20.0.2".into(),
            login_at: "2023-05-23T16:33:45.202Z".into(),
            login_at_ms: Some(1_684_859_625_202.0),
            current: None,
        }]
    );
}

#[test]
fn device_absent_or_null_or_wrong_type() {
    for d in ["", r#","device":null"#, r#","device":"Chrome""#, r#","device":[1]"#] {
        let s = one(&format!(r#"{{"sessionId":"a"{d}}}"#));
        assert_eq!(s.device, None, "{d}");
    }
}

#[test]
fn device_type_absent_means_browser() {
    let s = one(r#"{"sessionId":"a","device":{"name":"X"}}"#);
    assert_eq!(s.device.map(|d| d.kind), Some(DeviceKind::Browser));
    let s = one(r#"{"sessionId":"a","device":{"type":null}}"#);
    assert_eq!(s.device.map(|d| d.kind), Some(DeviceKind::Browser));
}

#[test]
fn device_types() {
    let kind = |t: &str| one(&format!(r#"{{"sessionId":"a","device":{{"type":"{t}"}}}}"#)).device.map(|d| d.kind);
    assert_eq!(kind("browser"), Some(DeviceKind::Browser));
    assert_eq!(kind("mobile-app"), Some(DeviceKind::MobileApp));
    assert_eq!(kind("desktop-app"), Some(DeviceKind::DesktopApp));
    assert_eq!(kind("mobile"), Some(DeviceKind::Mobile));
    assert_eq!(kind("tablet"), Some(DeviceKind::Tablet));
    assert_eq!(kind("other"), Some(DeviceKind::Other));
    assert_eq!(kind("Browser"), Some(DeviceKind::Browser));
    assert_eq!(kind("smarttv"), Some(DeviceKind::Unknown("smarttv".into())));
    assert_eq!(kind(""), Some(DeviceKind::Unknown(String::new())));
}

#[test]
fn icons_and_labels() {
    use DeviceIcon::*;
    let cases = [
        (DeviceKind::Browser, Computer, "Computer"),
        (DeviceKind::DesktopApp, Computer, "Computer"),
        (DeviceKind::Mobile, Phone, "Phone"),
        (DeviceKind::MobileApp, Phone, "Phone"),
        (DeviceKind::Tablet, Tablet, "Tablet"),
        (DeviceKind::Other, Globe, "Other device"),
        (DeviceKind::Unknown("smarttv".into()), Globe, "Other device"),
        (DeviceKind::from_wire(""), Globe, "Other device"),
    ];
    for (k, icon, label) in cases {
        assert_eq!(k.icon(), icon, "{k:?}");
        assert_eq!(crate::core::i18n::Speaker::say(&crate::core::i18n::English, k.icon().label()), label, "{k:?}");
    }
}

#[test]
fn os_and_version_absent_or_empty() {
    let s = one(r#"{"sessionId":"a","device":{"type":"browser","name":"Chrome","os":{"name":"Linux"}}}"#);
    assert_eq!(s.device.map(|d| d.os), Some(Os { name: "Linux".into(), version: None }));
    let s = one(r#"{"sessionId":"a","device":{"os":{"name":"","version":""}}}"#);
    assert_eq!(s.device.map(|d| d.os), Some(Os { name: String::new(), version: None }));
    let s = one(r#"{"sessionId":"a","device":{}}"#);
    let d = s.device.expect("device");
    assert_eq!(d.os, Os { name: String::new(), version: None });
    assert_eq!((d.name.as_str(), d.version.as_str(), d.long_version.as_str()), ("", "", ""));
    let s = one(r#"{"sessionId":"a","device":{"os":null}}"#);
    assert_eq!(s.device.map(|d| d.os.name), Some(String::new()));
}

#[test]
fn empty_strings_everywhere() {
    let s = one(
        r#"{"sessionId":"a","userId":"","device":{"type":"","name":"","longVersion":"","os":{"name":"","version":""},"version":""},"host":"","ip":"","loginAt":""}"#,
    );
    assert_eq!(s.session_id, "a");
    assert_eq!((s.user_id.as_str(), s.host.as_str(), s.ip.as_str(), s.login_at.as_str()), ("", "", "", ""));
    assert_eq!(s.login_at_ms, None);
}

#[test]
fn extra_fields_ignored() {
    let s = one(
        r#"{"sessionId":"a","roles":["user"],"loginToken":"hash","x":{"y":[1,2,{"z":null}]},"_updatedAt":"2023-01-01T00:00:00Z","device":{"type":"browser","name":"C","engine":{"name":"Blink"},"os":{"name":"L","arch":"x64"}}}"#,
    );
    assert_eq!(s.device.map(|d| d.name), Some("C".into()));
    let p = decode_sessions_page(r#"{"sessions":[],"total":0,"count":25,"offset":0,"success":true,"extra":[1]}"#);
    assert_eq!(p.map(|p| p.sessions.len()), Ok(0));
}

#[test]
fn current_flag() {
    assert_eq!(one(r#"{"sessionId":"a"}"#).current, None);
    assert_eq!(one(r#"{"sessionId":"a","current":true}"#).current, Some(true));
    assert_eq!(one(r#"{"sessionId":"a","current":false}"#).current, Some(false));
    assert_eq!(one(r#"{"sessionId":"a","current":"true"}"#).current, None);
    assert_eq!(one(r#"{"sessionId":"a","current":null}"#).current, None);
}

#[test]
fn wrong_types_and_nulls_are_absent() {
    let s = one(
        r#"{"sessionId":"a","userId":5,"host":null,"ip":1720002,"loginAt":12345,"device":{"type":3,"name":["x"],"version":1.5,"os":{"name":true,"version":10}}}"#,
    );
    assert_eq!((s.user_id.as_str(), s.host.as_str(), s.ip.as_str(), s.login_at.as_str()), ("", "", "", ""));
    let d = s.device.expect("device");
    assert_eq!(d.kind, DeviceKind::Browser);
    assert_eq!((d.name.as_str(), d.version.as_str()), ("", ""));
    assert_eq!(d.os, Os { name: String::new(), version: None });
}

#[test]
fn session_id_falls_back_to_underscore_id() {
    assert_eq!(one(r#"{"_id":"b"}"#).session_id, "b");
    assert_eq!(one(r#"{"sessionId":"","_id":"b"}"#).session_id, "b");
    assert_eq!(one(r#"{"sessionId":7,"_id":"b"}"#).session_id, "b");
    assert_eq!(one(r#"{"sessionId":"a","_id":"b"}"#).session_id, "a");
}

#[test]
fn a_huge_hostile_page_is_capped_and_fast() {
    let items: Vec<String> = (0..100_000).map(|i| format!(r#"{{"sessionId":"s{i}"}}"#)).collect();
    let body = format!(r#"{{"sessions":[{}],"total":100000}}"#, items.join(","));
    let p = decode_sessions_page(&body).expect("decodes");
    assert_eq!(p.sessions.len(), MAX_PAGE_ITEMS);
    assert_eq!(p.skipped, 100_000 - MAX_PAGE_ITEMS);
}

#[test]
fn unusable_items_skipped_and_counted() {
    let p = page_of(
        r#"1,"x",null,[],true,{},{"sessionId":""},{"sessionId":"  "},{"_id":null},{"sessionId":"ok"},{"sessionId":"ok"},{"sessionId":"ok2"}"#,
    );
    assert_eq!(p.sessions.iter().map(|s| s.session_id.as_str()).collect::<Vec<_>>(), ["ok", "ok2"]);
    assert_eq!(p.skipped, 10);
}

#[test]
fn missing_or_wrong_sessions_is_decode_error() {
    for body in [
        r#"{"total":1}"#,
        r#"{"sessions":null}"#,
        r#"{"sessions":{}}"#,
        r#"{"sessions":"[]"}"#,
        r#"[]"#,
        r#""sessions""#,
        "null",
        r#"{"success":false,"error":"x"}"#,
    ] {
        assert!(matches!(decode_sessions_page(body), Err(ApiError::Decode { .. })), "{body}");
    }
}

#[test]
fn not_json_and_truncated_json() {
    for body in ["", "<html>502</html>", "{", r#"{"sessions":[{"sessionId":"a""#, "{\"sessions\":[]}x", "\u{feff}{}"] {
        let e = decode_sessions_page(body);
        let Err(ApiError::Decode { detail }) = e else { panic!("{body}: {e:?}") };
        assert!(detail.chars().count() <= MAX_DETAIL);
    }
}

#[test]
fn decode_detail_never_echoes_body() {
    let secret = "s3cr3t-".repeat(40);
    for body in [format!("<html>{secret}"), format!("{{\"sessions\":\"{secret}\"}}"), format!("{{\"{secret}\"")] {
        let Err(ApiError::Decode { detail }) = decode_sessions_page(&body) else { panic!() };
        assert!(!detail.contains("s3cr3t"), "{detail}");
    }
}

#[test]
fn totals_counts_offsets() {
    let p = decode_sessions_page(r#"{"sessions":[{"_id":"a"},5]}"#).expect("ok");
    assert_eq!((p.total, p.count, p.offset, p.skipped), (2, 0, 0, 1));
    let p = decode_sessions_page(r#"{"sessions":[],"total":"7","count":null,"offset":"3"}"#).expect("ok");
    assert_eq!((p.total, p.count, p.offset), (0, 0, 0));
    let p = decode_sessions_page(r#"{"sessions":[],"total":-4,"count":2.9,"offset":-10}"#).expect("ok");
    assert_eq!((p.total, p.count, p.offset), (0, 2, -10));
}

#[test]
fn huge_numbers_saturate() {
    let p = decode_sessions_page(r#"{"sessions":[],"total":1e300,"count":99999999999999999999999999,"offset":-1e300}"#)
        .expect("ok");
    assert_eq!((p.total, p.count, p.offset), (u64::MAX, u64::MAX, i64::MIN));
    let p = decode_sessions_page(r#"{"sessions":[],"total":18446744073709551615,"offset":18446744073709551615}"#)
        .expect("ok");
    assert_eq!((p.total, p.offset), (u64::MAX, i64::MAX));
    // Beyond f64: serde_json rejects it as a number out of range -> Decode, not a panic.
    let r = decode_sessions_page(r#"{"sessions":[],"total":1e999}"#);
    assert!(r.is_ok() || matches!(r, Err(ApiError::Decode { .. })));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{{\"sessions\":[{}{}]}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(decode_sessions_page(&deep), Err(ApiError::Decode { .. })));
}

#[test]
fn invalid_escapes_are_errors() {
    for body in [r#"{"sessions":[{"sessionId":"\ud800"}]}"#, r#"{"sessions":[{"sessionId":"\x"}]}"#] {
        // Lone surrogates and bad escapes: an error or a value, never a panic.
        let _ = decode_sessions_page(body);
    }
    assert!(matches!(decode_sessions_page(r#"{"sessions":[{"sessionId":"\x"}]}"#), Err(ApiError::Decode { .. })));
}

#[test]
fn long_strings_survive() {
    let big = "é".repeat(500_000);
    let s = one(&format!(r#"{{"sessionId":"a","host":"{big}"}}"#));
    assert_eq!(s.host.chars().count(), 500_000);
}

#[test]
fn session_info() {
    let body = r#"{"_id":"QoYYFw2t9oKks2niG","sessionId":"QoYYFw2t9oKks2niG","userId":"u","device":{"type":"browser","name":"Chrome","os":{"name":"Windows"}},"host":"h","ip":"1.2.3.4","loginAt":"2023-05-23T16:33:45.202Z","lastActivityAt":"2023-05-24T10:00:00.000Z","closedAt":null,"createdAt":{"$date":1684859625202},"_updatedAt":"x","instanceId":"inst","roles":["user"],"type":"session","loginToken":"hashed","success":true}"#;
    let i = decode_session_info(body).expect("ok");
    assert_eq!(i.session.session_id, "QoYYFw2t9oKks2niG");
    assert_eq!(i.session.ip, "1.2.3.4");
    assert_eq!(i.last_activity_at.as_deref(), Some("2023-05-24T10:00:00.000Z"));
    assert_eq!(i.closed_at, None);
    assert_eq!(i.created_at.as_deref(), Some("2023-05-23T16:33:45.202Z"));
    assert_eq!(i.instance_id.as_deref(), Some("inst"));
    assert_eq!(i.login_token.as_deref(), Some("hashed"));
    let wrapped = decode_session_info(r#"{"session":{"sessionId":"w"},"success":true}"#).expect("ok");
    assert_eq!(wrapped.session.session_id, "w");
    assert!(matches!(decode_session_info(r#"{"success":true}"#), Err(ApiError::Decode { .. })));
    assert!(matches!(decode_session_info("[]"), Err(ApiError::Decode { .. })));
}

#[test]
fn login() {
    let l = decode_login(
        r#"{"status":"success","data":{"userId":"u1","authToken":"tok","me":{"_id":"u1","username":"alice"}},"success":true}"#,
    )
    .expect("ok");
    assert_eq!(l, LoginData { user_id: "u1".into(), auth_token: "tok".into() });
    let dbg = format!("{l:?}");
    assert!(!dbg.contains("tok\""), "{dbg}");
    assert!(dbg.contains("***") && dbg.contains("u1"));
    for body in [
        r#"{"status":"success","data":{"userId":"u1"}}"#,
        r#"{"data":{"userId":"u1","authToken":""}}"#,
        r#"{"data":{"userId":1,"authToken":"t"}}"#,
        r#"{"status":"error"}"#,
        "",
    ] {
        assert!(matches!(decode_login(body), Err(ApiError::Decode { .. })), "{body}");
    }
    assert!(decode_login(r#"{"userId":"u","authToken":"t"}"#).is_ok());
}

#[test]
fn me() {
    let m = decode_me(
        r#"{"_id":"u1","username":"alice","name":"Alice A.","status":"online","roles":["user"],"success":true}"#,
    )
    .expect("ok");
    assert_eq!(m, Me { id: "u1".into(), username: "alice".into(), name: Some("Alice A.".into()) });
    let m = decode_me(r#"{"_id":"u1","name":""}"#).expect("ok");
    assert_eq!(m, Me { id: "u1".into(), username: String::new(), name: None });
    assert!(matches!(decode_me(r#"{"username":"a"}"#), Err(ApiError::Decode { .. })));
    assert!(matches!(decode_me(r#"{"_id":5}"#), Err(ApiError::Decode { .. })));
}

#[test]
fn logout_other_clients() {
    let t =
        decode_logout_other_clients(r#"{"token":"newtok","tokenExpires":"2023-08-21T16:33:45.202Z","success":true}"#)
            .expect("ok");
    assert_eq!(t, NewToken { token: "newtok".into(), token_expires: Some("2023-08-21T16:33:45.202Z".into()) });
    assert!(!format!("{t:?}").contains("newtok"));
    let t = decode_logout_other_clients(r#"{"token":"t"}"#).expect("ok");
    assert_eq!(t.token_expires, None);
    let t = decode_logout_other_clients(r#"{"data":{"token":"t2"},"success":true}"#).expect("ok");
    assert_eq!(t.token, "t2");
    for body in [r#"{"success":true}"#, r#"{"token":""}"#, r#"{"token":null}"#, "x"] {
        assert!(matches!(decode_logout_other_clients(body), Err(ApiError::Decode { .. })), "{body}");
    }
}

#[test]
fn logout_me() {
    assert_eq!(decode_logout_me(r#"{"sessionId":"abc","success":true}"#), Ok("abc".into()));
    assert_eq!(decode_logout_me(r#"{"success":true}"#), Ok(String::new()));
    assert!(matches!(decode_logout_me(r#"{"success":false}"#), Err(ApiError::Decode { .. })));
    assert!(matches!(decode_logout_me("<html>"), Err(ApiError::Decode { .. })));
}

/// Deterministic mutations of real-shaped bodies: every truncation, byte
/// flips, and splices of hostile fragments. Each decoder must return a
/// value or a typed error, never panic.
#[test]
fn fuzzish_no_panics() {
    let corpus: &[&str] = &[
        EXAMPLE,
        r#"{"sessions":[{"sessionId":"a","current":true,"device":{"type":"mobile-app","name":"RC Mobile","version":"4.2.0","os":{"name":"iOS"}}},{"_id":"b"}],"total":9,"count":25,"offset":-3}"#,
        r#"{"_id":"x","sessionId":"x","loginAt":{"$date":1684859625202},"closedAt":"2023-05-23T16:33:45Z","instanceId":"i","success":true}"#,
        r#"{"status":"success","data":{"userId":"u","authToken":"t","me":{"_id":"u"}}}"#,
        r#"{"_id":"u","username":"a","name":"A","success":true}"#,
        r#"{"token":"t","tokenExpires":"2023-08-21T16:33:45.202Z","success":true}"#,
        r#"{"sessionId":"abc","success":true}"#,
    ];
    let fragments =
        ["null", "1e400", "-0", "\"\\ud800\"", "[", "{}", "[[[[[[", "\"\u{202E}\"", "99999999999999999999999", "true"];
    let mut tried = 0usize;
    let mut run = |b: &str| {
        if let Ok(p) = decode_sessions_page(b) {
            for s in &p.sessions {
                let _ = crate::core::format::device_title(s.device.as_ref());
                let _ = crate::core::format::mask_ip(&s.ip);
                let _ = s.device.as_ref().map(|d| d.kind.icon());
            }
        }
        let _ = decode_session_info(b);
        let _ = decode_login(b);
        let _ = decode_me(b);
        let _ = decode_logout_other_clients(b);
        let _ = decode_logout_me(b);
        let _ = ApiError::from_response(400, b, Some(b)).message();
        tried += 1;
    };
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for body in corpus {
        let bytes = body.as_bytes();
        for cut in 0..=bytes.len() {
            run(&String::from_utf8_lossy(&bytes[..cut]));
        }
        for _ in 0..1200 {
            let mut m = bytes.to_vec();
            for _ in 0..(1 + next() % 4) {
                let at = (next() as usize) % m.len().max(1);
                if let Some(b) = m.get_mut(at) {
                    *b = match next() % 4 {
                        0 => b'"',
                        1 => b'{',
                        2 => (next() % 128) as u8,
                        _ => *b ^ 0x20,
                    };
                }
            }
            run(&String::from_utf8_lossy(&m));
        }
        for f in fragments {
            // Replace each scalar value in turn with a hostile fragment.
            for (i, c) in body.char_indices().filter(|(_, c)| c.is_ascii_alphanumeric()).step_by(3) {
                let mutated = format!("{}{}{}", &body[..i], f, &body[i + c.len_utf8()..]);
                run(&mutated);
            }
        }
    }
    assert!(tried > 10_000, "only {tried} bodies");
}
