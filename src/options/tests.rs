//! Host tests of `options`.
use super::*;
use crate::core::i18n::Messages;

fn names(f: impl Fn(&OptionSpec) -> Vec<&'static str>) -> Vec<&'static str> {
    OPTIONS.iter().flat_map(f).collect()
}

fn unique(v: &[&str]) -> bool {
    let mut s = v.to_vec();
    s.sort();
    s.dedup();
    s.len() == v.len()
}

#[test]
fn names_are_unique_and_keep_todays_sets() {
    let rust = names(|s| vec![s.rust]);
    let js = names(|s| s.js.to_vec());
    let attrs = names(|s| s.attribute.into_iter().collect());
    assert!(unique(&rust) && unique(&js) && unique(&attrs), "{rust:?} {js:?} {attrs:?}");
    assert_eq!(
        js,
        [
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
            "staleAfterDays",
            "locale",
            "messages",
            "localesUrl"
        ]
    );
    assert_eq!(
        attrs,
        [
            "base-url",
            "storage-key",
            "page-sizes",
            "page-size",
            "sync-url",
            "url-prefix",
            "refresh-interval",
            "focus-refresh-after",
            "reuse-rocketchat-login",
            "timeout",
            "debounce",
            "stale-after-days",
            "locale",
            "messages",
            "locales-url"
        ]
    );
    assert_eq!(option_names().collect::<Vec<_>>(), js);
    // Folded names (what suggestions compare) do not collide either.
    let fold =
        |n: &str| n.chars().filter(|c| *c != '_' && *c != '-').map(|c| c.to_ascii_lowercase()).collect::<String>();
    let folded: Vec<String> = js.iter().map(|n| fold(n)).collect();
    let folded: Vec<&str> = folded.iter().map(|s| s.as_str()).collect();
    assert!(unique(&folded));
    assert_eq!(OPTION_DOCS.len(), OPTIONS.len());
    for (s, d) in OPTIONS.iter().zip(OPTION_DOCS) {
        assert!(!d.doc.trim().is_empty() && !d.accepts.is_empty(), "{} has no doc", s.rust);
    }
}

#[test]
fn defaults_validate_to_todays_defaults() {
    let s = Options::default().validate().unwrap();
    assert_eq!(
        s,
        Settings {
            base_url: String::new(),
            storage_key: "active-sessions.credentials.v1".into(),
            page_sizes: vec![10, 25, 50, 100],
            default_page_size: 25,
            sync_url: false,
            url_prefix: "as_".into(),
            refresh_interval_ms: 0,
            focus_refresh_after_ms: 30_000,
            reuse_rocketchat_login: false,
            class: String::new(),
            timeout_ms: 15_000,
            debounce_ms: 300,
            stale_after_days: 30,
            locale: String::new(),
            messages: Messages::new(),
            locales_url: "locales/".into(),
        }
    );
    // Every default also passes its own rule when given explicitly.
    let explicit = Options {
        base_url: s.base_url.clone(),
        storage_key: Some(s.storage_key.clone()),
        page_sizes: Some(s.page_sizes.clone()),
        default_page_size: Some(s.default_page_size),
        sync_url: s.sync_url,
        url_prefix: Some(s.url_prefix.clone()),
        refresh_interval_ms: Some(s.refresh_interval_ms),
        focus_refresh_after_ms: Some(s.focus_refresh_after_ms),
        reuse_rocketchat_login: s.reuse_rocketchat_login,
        class: Some(s.class.clone()),
        timeout_ms: Some(s.timeout_ms),
        debounce_ms: Some(s.debounce_ms),
        stale_after_days: Some(s.stale_after_days),
        locale: s.locale.clone().into(),
        messages: Some(s.messages.clone()),
        locales_url: Some(s.locales_url.clone()),
    };
    assert_eq!(explicit.validate().unwrap(), s);
}

#[test]
fn values_are_normalised_and_defaults_follow_the_sizes() {
    let o = Options {
        base_url: " https://chat.example.com/ ".into(),
        page_sizes: Some(vec![5, 15, 5]),
        refresh_interval_ms: Some(0),
        ..Options::default()
    };
    let (normal, s) = o.checked(&prop_name).unwrap();
    assert_eq!(s.base_url, "https://chat.example.com");
    assert_eq!(s.page_sizes, [5, 15]);
    assert_eq!(s.default_page_size, 5, "25 is not offered: the first size");
    assert_eq!(normal.refresh_interval_ms, None);
    assert_eq!(normal.page_sizes, Some(vec![5, 15]));
    assert_eq!(normal.checked(&prop_name).unwrap().1, s, "checking is idempotent");
}

fn err(o: Options) -> String {
    o.validate().unwrap_err().0
}

#[test]
fn each_rule_rejects_a_bad_value_with_its_message() {
    let d = Options::default;
    let cases: Vec<(Options, &str)> = vec![
        (
            Options { base_url: "ftp://chat.example.com".into(), ..d() },
            r#"prop "base_url" must be an http(s) URL such as "https://chat.example.com", a path starting with "/", or empty for this page's origin; got "ftp://chat.example.com""#,
        ),
        (Options { storage_key: Some(" ".into()), ..d() }, r#"prop "storage_key" must not be empty"#),
        (Options { page_sizes: Some(vec![]), ..d() }, r#"prop "page_sizes" must list at least one page size"#),
        (
            Options { page_sizes: Some(vec![10, 0]), ..d() },
            r#"prop "page_sizes" must hold page sizes from 1 to 100 (the server's cap), got 0"#,
        ),
        (
            Options { page_sizes: Some(vec![200]), ..d() },
            r#"prop "page_sizes" must hold page sizes from 1 to 100 (the server's cap), got 200"#,
        ),
        (
            Options { default_page_size: Some(500), ..d() },
            r#"prop "default_page_size" must be a whole number from 1 to 100, got 500"#,
        ),
        (
            Options { default_page_size: Some(30), ..d() },
            r#"prop "default_page_size" (30) is not one of the page sizes (10, 25, 50, 100)"#,
        ),
        (
            Options { page_sizes: Some(vec![5, 15]), default_page_size: Some(25), ..d() },
            r#"prop "default_page_size" (25) is not one of the page sizes (5, 15)"#,
        ),
        (
            Options { url_prefix: Some("a b".into()), ..d() },
            r#"prop "url_prefix" may hold only letters, digits, '_', '-' and '.', got "a b""#,
        ),
        (
            Options { refresh_interval_ms: Some(500), ..d() },
            r#"prop "refresh_interval_ms" must be 0 (off) or at least 1000 milliseconds, got 500"#,
        ),
        (
            Options { focus_refresh_after_ms: Some(86_400_001), ..d() },
            r#"prop "focus_refresh_after_ms" must be a whole number of milliseconds from 0 to 86400000, got 86400001"#,
        ),
        (
            Options { timeout_ms: Some(0), ..d() },
            r#"prop "timeout_ms" must be a whole number of milliseconds from 1 to 600000, got 0"#,
        ),
        (
            Options { debounce_ms: Some(10_001), ..d() },
            r#"prop "debounce_ms" must be a whole number of milliseconds from 0 to 10000, got 10001"#,
        ),
        (
            Options { stale_after_days: Some(3651), ..d() },
            r#"prop "stale_after_days" must be a whole number of days from 0 to 3650, got 3651"#,
        ),
    ];
    for (o, expected) in cases {
        assert_eq!(err(o), expected);
    }
    // The bounds themselves pass.
    let ok = Options {
        page_sizes: Some(vec![1, 100]),
        default_page_size: Some(100),
        refresh_interval_ms: Some(1000),
        focus_refresh_after_ms: Some(86_400_000),
        timeout_ms: Some(600_000),
        debounce_ms: Some(10_000),
        stale_after_days: Some(3650),
        url_prefix: Some("a-b_c.1".into()),
        base_url: "/chat".into(),
        ..d()
    };
    assert!(ok.validate().is_ok());
}

#[test]
fn the_readme_holds_the_generated_table() {
    let readme = include_str!("../../README.md");
    let (start, end) = ("<!-- options-table:start -->", "<!-- options-table:end -->");
    let from = readme.find(start).expect("README.md has the start marker") + start.len();
    let to = readme.find(end).expect("README.md has the end marker");
    let table = options_markdown_table();
    assert!(
        readme[from..to].trim() == table.trim(),
        "README.md's options table is out of date; put this between the markers:\n\n{table}"
    );
}

/// `npm/index.d.ts` is generated from the table; `BLESS=1` rewrites it.
#[test]
fn the_typescript_declarations_are_in_step() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/index.d.ts");
    let ts = options_typescript();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &ts).unwrap();
    }
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(now == ts, "npm/index.d.ts is stale: run `BLESS=1 cargo test --features internals typescript`");
    for name in option_names() {
        assert!(ts.contains(&format!("  {name}?: ")), "{name} missing");
    }
}

#[test]
fn locale_and_locales_url_are_checked_and_normalised() {
    let o = |locale: &str, url: &str| {
        Options { locale: locale.to_owned().into(), locales_url: Some(url.into()), ..Options::default() }.validate()
    };
    let s = o(" pt_BR ", "/static/locales").unwrap();
    assert_eq!((s.locale.as_str(), s.locales_url.as_str()), ("pt_BR", "/static/locales/"));
    assert_eq!(o("", "").unwrap().locales_url, "", "empty: never fetch");
    assert_eq!(o("de", "https://cdn.example.com/l/").unwrap().locales_url, "https://cdn.example.com/l/");
    let e = o("de DE", "locales/").unwrap_err().0;
    assert_eq!(e, r#"prop "locale" must be a language tag such as "de" or "pt-BR", got "de DE""#);
}
