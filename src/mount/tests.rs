//! Host tests of `mount`.
use super::*;
use crate::core::i18n::Messages;

fn opts(entries: &[(&str, OptionValue)]) -> Result<Options, OptionsError> {
    Options::from_entries(entries.iter().map(|(k, v)| (k.to_string(), v.clone())))
}
fn msg(entries: &[(&str, OptionValue)]) -> String {
    opts(entries).unwrap_err().0
}
use OptionValue::*;

#[test]
fn empty_and_unset_give_defaults() {
    assert_eq!(opts(&[]).unwrap(), Options::default());
    assert_eq!(opts(&[("baseUrl", Unset), ("pageSize", Unset)]).unwrap(), Options::default());
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
        ("locale", Text("de-AT".into())),
        ("messages", Json(r#"{"de":{"toolbar.refresh":"Neu laden"}}"#.into())),
        ("localesUrl", Text("/static/locales/".into())),
        ("staleAfterDays", Number(7.0)),
    ])
    .unwrap();
    assert_eq!(
        o,
        Options {
            base_url: "https://chat.example.com".into(),
            storage_key: Some("k".into()),
            page_sizes: Some(vec![5, 10]),
            default_page_size: Some(10),
            sync_url: true,
            url_prefix: Some("s_".into()),
            refresh_interval_ms: Some(60_000),
            focus_refresh_after_ms: Some(0),
            reuse_rocketchat_login: true,
            class: Some("x".into()),
            timeout_ms: Some(5000),
            debounce_ms: Some(0),
            stale_after_days: Some(7),
            locale: "de-AT".into(),
            messages: Some(Messages::new().set("de", "toolbar.refresh", "Neu laden")),
            locales_url: Some("/static/locales/".into()),
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
    assert_eq!(
        msg(&[("refreshInterval", Number(1.0))]),
        r#"unknown option "refreshInterval" (did you mean "refreshIntervalMs"?)"#
    );
    assert!(msg(&[("colour", Text("red".into()))])
        .starts_with(r#"unknown option "colour" (known options: baseUrl, storageKey"#));
}

#[test]
fn wrong_types_name_the_option_and_the_expected_type() {
    assert_eq!(msg(&[("pageSize", Text("25".into()))]), r#"option "pageSize" must be a number, got "25""#);
    assert_eq!(msg(&[("syncUrl", Text("yes".into()))]), r#"option "syncUrl" must be a boolean, got "yes""#);
    assert_eq!(msg(&[("baseUrl", Number(1.0))]), r#"option "baseUrl" must be a string, got 1"#);
    assert_eq!(msg(&[("pageSizes", Number(10.0))]), r#"option "pageSizes" must be an array of numbers, got 10"#);
    assert_eq!(
        msg(&[("pageSizes", List(vec![Text("10".into())]))]),
        r#"option "pageSizes" must be an array of numbers, got "10" in it"#
    );
    assert_eq!(msg(&[("className", Json("{}".into()))]), r#"option "className" must be a string, got an object"#);
    assert_eq!(msg(&[("className", Other)]), r#"option "className" must be a string, got a function"#);
    assert_eq!(
        msg(&[("messages", Text("de".into()))]).split(';').next().unwrap(),
        r#"option "messages" must map locales to objects of message keys and texts, such as {"de": {"toolbar.refresh": "Neu laden"}}"#
    );
    assert_eq!(
        msg(&[("messages", Json(r#"{"de":{"toolbar.refesh":"x"}}"#.into()))]),
        r#"option "messages" has no message "toolbar.refesh" (locale "de"); the keys are listed in docs/messages.md"#
    );
    assert_eq!(msg(&[("messages", List(vec![]))]), r#"option "messages" must be an object, got an array"#);
    assert_eq!(
        msg(&[("locale", Text("de DE".into()))]),
        r#"option "locale" must be a language tag such as "de" or "pt-BR", got "de DE""#
    );
}

#[test]
fn out_of_range_values() {
    assert_eq!(
        msg(&[("pageSize", Number(500.0))]),
        r#"option "pageSize" must be a whole number from 1 to 100, got 500"#
    );
    assert_eq!(msg(&[("pageSize", Number(2.5))]), r#"option "pageSize" must be a whole number from 1 to 100, got 2.5"#);
    assert_eq!(
        msg(&[("pageSize", Number(30.0))]),
        r#"option "pageSize" (30) is not one of the page sizes (10, 25, 50, 100)"#
    );
    assert_eq!(
        msg(&[("pageSizes", List(vec![Number(5.0), Number(15.0)])), ("defaultPageSize", Number(25.0))]),
        r#"option "defaultPageSize" (25) is not one of the page sizes (5, 15)"#
    );
    assert_eq!(
        msg(&[("pageSizes", List(vec![Number(0.0)]))]),
        r#"option "pageSizes" must hold page sizes from 1 to 100 (the server's cap), got 0"#
    );
    assert_eq!(msg(&[("pageSizes", List(vec![]))]), r#"option "pageSizes" must list at least one page size"#);
    assert_eq!(
        msg(&[("refreshIntervalMs", Number(500.0))]),
        r#"option "refreshIntervalMs" must be 0 (off) or at least 1000 milliseconds, got 500"#
    );
    assert_eq!(
        msg(&[("timeoutMs", Number(-1.0))]),
        r#"option "timeoutMs" must be a whole number of milliseconds from 1 to 600000, got -1"#
    );
    assert_eq!(msg(&[("storageKey", Text("  ".into()))]), r#"option "storageKey" must not be empty"#);
    assert_eq!(
        msg(&[("pageSize", Number(10.0)), ("defaultPageSize", Number(10.0))]),
        r#"options "pageSize" and "defaultPageSize" mean the same: give only one"#
    );
}

#[test]
fn decoding_and_the_component_check_with_the_same_rules() {
    // One bad value per rule, through `mount`'s decoding and through the props:
    // the same message after the name (`option "pageSizes"` / `prop "page_sizes"`).
    let d = Options::default;
    let cases: Vec<(&str, OptionValue, Options)> = vec![
        ("baseUrl", Text("ftp://x".into()), Options { base_url: "ftp://x".into(), ..d() }),
        ("storageKey", Text(" ".into()), Options { storage_key: Some(" ".into()), ..d() }),
        ("pageSizes", List(vec![]), Options { page_sizes: Some(vec![]), ..d() }),
        ("pageSizes", List(vec![Number(10.0), Number(101.0)]), Options { page_sizes: Some(vec![10, 101]), ..d() }),
        ("pageSize", Number(0.0), Options { default_page_size: Some(0), ..d() }),
        ("defaultPageSize", Number(30.0), Options { default_page_size: Some(30), ..d() }),
        ("urlPrefix", Text("a/b".into()), Options { url_prefix: Some("a/b".into()), ..d() }),
        ("refreshIntervalMs", Number(999.0), Options { refresh_interval_ms: Some(999), ..d() }),
        ("focusRefreshAfterMs", Number(86_400_001.0), Options { focus_refresh_after_ms: Some(86_400_001), ..d() }),
        ("timeoutMs", Number(600_001.0), Options { timeout_ms: Some(600_001), ..d() }),
        ("debounceMs", Number(10_001.0), Options { debounce_ms: Some(10_001), ..d() }),
    ];
    for (key, value, props) in cases {
        let spec = OPTIONS.iter().find(|s| s.js.contains(&key)).unwrap();
        let js = msg(&[(key, value)]);
        let prop = props.validate().unwrap_err().0;
        let js_rule = js.strip_prefix(&format!("option \"{key}\" ")).unwrap_or_else(|| panic!("{js}"));
        let prop_rule = prop.strip_prefix(&format!("prop \"{}\" ", spec.rust)).unwrap_or_else(|| panic!("{prop}"));
        assert_eq!(js_rule, prop_rule, "{key}");
    }
    // Good values: what `mount` decodes checks to the same settings as the same props.
    let decoded = opts(&[
        ("baseUrl", Text("https://chat.example.com/".into())),
        ("pageSizes", List(vec![Number(5.0), Number(15.0), Number(5.0)])),
        ("refreshIntervalMs", Number(0.0)),
        ("className", Text("x".into())),
    ])
    .unwrap();
    let props = Options {
        base_url: "https://chat.example.com/".into(),
        page_sizes: Some(vec![5, 15, 5]),
        refresh_interval_ms: Some(0),
        class: Some("x".into()),
        ..d()
    };
    assert_eq!(decoded.validate().unwrap(), props.validate().unwrap());
    assert_eq!(props.validate().unwrap().default_page_size, 5);
    // A fraction is refused by the range's own message before it becomes a u32.
    for spec in OPTIONS.iter().filter(|s| s.kind == ValueKind::Number) {
        let m = msg(&[(spec.js[0], Number(2.5))]);
        assert_eq!(m, format!("option \"{}\" {}, got 2.5", spec.js[0], spec.range.unwrap().must));
    }
}

#[test]
fn numbers_parse_and_print_without_float_formatting() {
    for (text, n) in [
        ("25", 25.0),
        ("+7", 7.0),
        ("-1", -1.0),
        ("2.5", 2.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("1E+3", 1000.0),
        ("250e-1", 25.0),
        (" 10 ", 10.0),
        ("0", 0.0),
        ("600000", 600_000.0),
    ] {
        assert_eq!(parse_number(text), Some(n), "{text}");
    }
    assert_eq!(parse_number("123456789012345678901234567890"), Some(1.2345678901234568e29));
    for bad in ["", " ", "-", ".", "e3", "1e", "1e+", "ten", "1,5", "0x10", "inf", "NaN", "1.2.3", "--1"] {
        assert_eq!(parse_number(bad), None, "{bad:?}");
    }
    for (n, text) in [
        (25.0, "25"),
        (-1.0, "-1"),
        (2.5, "2.5"),
        (0.125, "0.125"),
        (-0.0, "0"),
        (1e-9, "0"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
        (1e15, "1000000000000000"),
        (1e300, "18446744073709551615"),
    ] {
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
    assert_eq!(
        opts(&[("baseUrl", Text("HTTP://chat.example.com".into()))]).unwrap().base_url,
        "HTTP://chat.example.com"
    );
}

#[test]
fn attributes_decode_with_attribute_names_in_errors() {
    let attrs = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    };
    let o = Options::from_attributes(attrs(&[
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
    assert_eq!(Options::from_attributes(|_| None).unwrap(), Options::default());
    assert!(Options::from_attributes(attrs(&[("sync-url", "sync-url")])).unwrap().sync_url);

    let e = |pairs| Options::from_attributes(attrs(pairs)).unwrap_err().0;
    assert_eq!(e(&[("page-size", "ten")]), r#"attribute "page-size" must be a number, got "ten""#);
    assert_eq!(e(&[("page-size", "")]), r#"attribute "page-size" must be a number, got """#);
    assert_eq!(e(&[("page-size", "500")]), r#"attribute "page-size" must be a whole number from 1 to 100, got 500"#);
    assert_eq!(
        e(&[("page-size", "30")]),
        r#"attribute "page-size" (30) is not one of the page sizes (10, 25, 50, 100)"#
    );
    assert!(e(&[("base-url", "ftp://x")]).starts_with(r#"attribute "base-url" must be an http(s) URL"#));
    assert_eq!(
        e(&[("sync-url", "maybe")]),
        r#"attribute "sync-url" must be present (on), absent or "false", got "maybe""#
    );
    assert_eq!(
        e(&[("refresh-interval", "10")]),
        r#"attribute "refresh-interval" must be 0 (off) or at least 1000 milliseconds, got 10"#
    );
}
