use super::*;

use std::collections::BTreeSet;
use std::path::PathBuf;

/// CLDR's plural categories of each shipped language (cardinals, as
/// `Intl.PluralRules(tag).resolvedOptions().pluralCategories` lists them; the
/// browser test `catalog_plurals_match_intl` checks this table against Chromium).
const PLURAL_FACTS: &[(&str, &[&str])] = &[
    ("en", &["one", "other"]),
    ("de", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
    ("es", &["one", "many", "other"]),
    ("pt-BR", &["one", "many", "other"]),
    ("it", &["one", "many", "other"]),
    ("pl", &["one", "few", "many", "other"]),
    ("ru", &["one", "few", "many", "other"]),
    ("tr", &["one", "other"]),
    ("ja", &["other"]),
    ("zh-CN", &["other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
    ("en-XA", &["one", "other"]),
];

fn locales_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn catalog_file(tag: &str) -> serde_json::Map<String, serde_json::Value> {
    let path = locales_dir().join(format!("{tag}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(m)) => m,
        other => panic!("{}: not a JSON object: {other:?}", path.display()),
    }
}

fn set(v: Vec<String>) -> BTreeSet<String> {
    v.into_iter().collect()
}

#[test]
fn the_table_is_consistent() {
    assert_eq!(ALL.len(), KEYS.len());
    assert_eq!(ALL.len(), ENGLISH.len());
    assert_eq!(KEYS.join("\n") + "\n", messages::KEYS_TEXT);
    for (i, m) in ALL.iter().enumerate() {
        assert_eq!(*m as usize, i);
        assert_eq!(m.is_plural(), PLURAL[i]);
        assert!(!KEYS[..i].contains(&KEYS[i]), "key {} twice", KEYS[i]);
        if PLURAL[i] {
            for form in [ALL[i].english_one(), ENGLISH[i]] {
                assert!(placeholders(form).contains(&"count".to_owned()), "{}: plural without {{count}}", KEYS[i]);
            }
        } else {
            assert_eq!(ALL[i].english_one(), ENGLISH[i]);
        }
    }
}

#[test]
fn fill_replaces_known_placeholders_only() {
    let mut v = |n: &str| (n == "a").then(|| "X".to_owned());
    assert_eq!(fill("{a} and {b}", &mut v), "X and {b}");
    assert_eq!(fill("{ a } {} {a", &mut v), "{ a } {} {a");
    assert_eq!(fill("“{a}”…{a}", &mut v), "“X”…X");
    assert_eq!(placeholders("{first}–{last} of {count} {count}"), ["first", "last", "count"]);
}

#[test]
fn english_words_plurals_and_nested_texts() {
    let t = M::Showing.count(1).with("first", Arg::Num(1)).with("last", Arg::Num(1));
    assert_eq!(English.word(&t), "Showing 1–1 of 1 session");
    let t = M::Showing.count(64).with("first", Arg::Num(1)).with("last", Arg::Num(25));
    assert_eq!(English.word(&t), "Showing 1–25 of 64 sessions");
    let inner = Text::from(M::ErrNetwork);
    let t = M::LogoutFailed.with("device", s("Chrome 1 on {os}")).with("error", Arg::Text(Box::new(inner)));
    // A device name is text, never a template: its braces stay.
    assert_eq!(English.word(&t), "Could not log out Chrome 1 on {os}: Cannot reach the server (network or CORS).");
}

#[test]
fn catalogs_override_and_fall_back() {
    let mut c = Catalog::default();
    assert!(c.set("toolbar.refresh", "Aktualisieren"));
    assert!(c.set("status.showing.one", "{first}–{last} von {count} Sitzung"));
    assert!(!c.set("toolbar.nope", "x"));
    assert!(!c.set("toolbar.refresh.one", "x"), "a plain message has no plural forms");
    assert!(!c.set("status.showing.several", "x"));
    assert_eq!(c.template(M::Refresh, 0, Plural::Other), "Aktualisieren");
    assert_eq!(c.template(M::SignOut, 0, Plural::Other), "Sign out");
    assert_eq!(c.template(M::Showing, 1, Plural::One), "{first}–{last} von {count} Sitzung");
    // No `other` form in the catalog: English, by English's rule for the count.
    assert_eq!(c.template(M::Showing, 5, Plural::Other), "Showing {first}–{last} of {count} sessions");
    assert_eq!(c.merge([("a.b", "x"), ("toolbar.sign_out", "Abmelden")]), ["a.b"]);
}

fn v(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|t| t.to_string()).collect()
}

#[test]
fn negotiation_prefers_exact_then_language() {
    let av = LOCALES;
    assert_eq!(negotiate(&v(&["de-AT"]), av), Some("de"));
    assert_eq!(negotiate(&v(&["pt"]), av), Some("pt-BR"));
    assert_eq!(negotiate(&v(&["pt-PT"]), av), Some("pt-BR"));
    assert_eq!(negotiate(&v(&["PT-br"]), av), Some("pt-BR"));
    assert_eq!(negotiate(&v(&["zh"]), av), Some("zh-CN"));
    assert_eq!(negotiate(&v(&["zh-TW", "ja"]), av), Some("ja"));
    assert_eq!(negotiate(&v(&["zh-Hant-HK"]), av), None);
    assert_eq!(negotiate(&v(&["en-XA"]), av), Some("en-XA"));
    assert_eq!(negotiate(&v(&["en-GB"]), av), Some("en"));
    assert_eq!(negotiate(&v(&["nl", "fr-CA", "de"]), av), Some("fr"));
    assert_eq!(negotiate(&v(&["", "xx"]), av), None);
    assert_eq!(negotiate(&v(&["ar-EG"]), av), Some("ar"));
    assert_eq!(negotiate(&v(&["sv"]), &["en", "sv-SE"]), Some("sv-SE"));
}

#[test]
fn direction_by_language() {
    assert!(is_rtl("ar") && is_rtl("ar-EG") && is_rtl("he") && is_rtl("fa-IR"));
    assert!(!is_rtl("en") && !is_rtl("arn") && !is_rtl("de"));
}

#[test]
fn every_catalog_has_every_key_with_the_same_placeholders() {
    let mut problems = Vec::new();
    for (tag, cats) in PLURAL_FACTS.iter().filter(|(t, _)| *t != "en") {
        let file = catalog_file(tag);
        for key in file.keys() {
            if slot_of(key).is_none() {
                problems.push(format!("{tag}: unknown key {key}"));
            }
        }
        for (i, key) in KEYS.iter().enumerate() {
            let english = set(placeholders(ENGLISH[i]));
            let forms: Vec<String> =
                if PLURAL[i] { cats.iter().map(|c| format!("{key}.{c}")).collect() } else { vec![key.to_string()] };
            for k in forms {
                match file.get(&k).and_then(|v| v.as_str()) {
                    None => problems.push(format!("{tag}: missing {k}")),
                    Some(t) if t.trim().is_empty() => problems.push(format!("{tag}: empty {k}")),
                    Some(t) => {
                        let mut got = set(placeholders(t));
                        // A plural form may word its number ("جلستان", "une session").
                        if PLURAL[i] {
                            got.insert("count".into());
                        }
                        if got != english {
                            problems.push(format!("{tag}: {k} has {got:?}, English {english:?}"));
                        }
                    }
                }
            }
            if PLURAL[i] {
                for c in Plural::ALL.iter().map(|p| p.name()).filter(|c| !cats.contains(c)) {
                    if file.contains_key(&format!("{key}.{c}")) {
                        problems.push(format!("{tag}: {key}.{c}: {tag} has no plural category {c}"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_shipped_locale_is_listed_and_has_plural_facts() {
    let mut files: Vec<String> = std::fs::read_dir(locales_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    files.push("en".into());
    files.sort();
    let mut listed: Vec<String> = LOCALES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed, "locales/ and LOCALES differ");
    for tag in LOCALES {
        assert!(PLURAL_FACTS.iter().any(|(t, _)| t == tag), "no plural facts for {tag}");
    }
}

/// `locales/en-XA.json` is generated from the English table; `BLESS=1` rewrites it.
#[test]
fn pseudo_locale_is_in_step_with_english() {
    let mut out = String::from("{\n");
    let mut first = true;
    for (i, key) in KEYS.iter().enumerate() {
        let forms: Vec<(String, &str)> = if PLURAL[i] {
            vec![(format!("{key}.one"), ALL[i].english_one()), (format!("{key}.other"), ENGLISH[i])]
        } else {
            vec![(key.to_string(), ENGLISH[i])]
        };
        for (k, en) in forms {
            if !first {
                out.push_str(",\n");
            }
            first = false;
            out.push_str(&format!("  {}: {}", serde_json::Value::from(k), serde_json::Value::from(pseudo(en))));
        }
    }
    out.push_str("\n}\n");
    let path = locales_dir().join("en-XA.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(now == out, "locales/en-XA.json is stale: run `BLESS=1 cargo test --features internals pseudo_locale`");
}

#[test]
fn pseudo_wraps_lengthens_and_keeps_placeholders() {
    let p = pseudo("Log out {device}");
    assert!(p.starts_with('⟦') && p.ends_with('⟧'), "{p}");
    assert_eq!(placeholders(&p), ["device"]);
    let inner = p.chars().count() - 2;
    assert!(inner * 10 >= "Log out {device}".chars().count() * 14, "{p} is not 40 % longer");
    assert!(!p.contains("Log out"), "{p} keeps English letters");
}

#[test]
fn host_messages_are_checked() {
    let m =
        Messages::from_json(r#"{"de": {"toolbar.refresh": "Neu laden"}, "nl": {"status.showing.one": "x"}}"#).unwrap();
    assert_eq!(m.for_locale("DE").collect::<Vec<_>>(), [("toolbar.refresh", "Neu laden")]);
    assert_eq!(m.locales().collect::<Vec<_>>(), ["de", "nl"]);
    let e = Messages::from_json(r#"{"de": {"toolbar.refesh": "x"}}"#).unwrap_err();
    assert!(e.contains("\"toolbar.refesh\""), "{e}");
    assert!(Messages::from_json(r#"{"de": "x"}"#).unwrap_err().starts_with("must map locales"));
    assert!(Messages::from_json(r#"{"de": {"toolbar.refresh": 1}}"#).unwrap_err().contains("not a string"));
    assert!(Messages::from_json("[]").is_err());
    assert!(Messages::new().set("de de", "toolbar.refresh", "x").check().is_err());
}

/// docs/messages.md: every key a host can override, with its English and its
/// placeholders, generated from the table; `BLESS=1` rewrites it.
#[test]
fn the_message_reference_is_in_step() {
    let mut out = String::from(
        "# Messages\n\n\
         Every text the panel shows, by the key a catalog (`locales/*.json`) or the `messages`\n\
         option gives it. Generated from `src/core/i18n/messages.rs` by\n\
         `BLESS=1 cargo test --features internals the_message_reference`; do not edit by hand.\n\n\
         - `{name}` is a placeholder: keep it as it is (any order).\n\
         - A **plural** message has one key per plural category of the language, such as\n  \
         `status.showing.one` and `status.showing.other` (Arabic: `zero one two few many other`;\n  \
         see `Intl.PluralRules`); `{count}` picks the form. A missing form falls back to the\n  \
         language's `other`, then to English.\n\
         - A text is plain text, never HTML.\n\n\
         | key | placeholders | English |\n|---|---|---|\n",
    );
    for (i, key) in KEYS.iter().enumerate() {
        let names = placeholders(ENGLISH[i]);
        let names = names.iter().map(|n| format!("`{{{n}}}`")).collect::<Vec<_>>().join(" ");
        let cell = |s: &str| s.replace('|', "\\|");
        if PLURAL[i] {
            out.push_str(&format!(
                "| `{key}.<category>` (plural) | {names} | one: {}<br>other: {} |\n",
                cell(ALL[i].english_one()),
                cell(ENGLISH[i])
            ));
        } else {
            out.push_str(&format!("| `{key}` | {names} | {} |\n", cell(ENGLISH[i])));
        }
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/messages.md");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        now == out,
        "docs/messages.md is stale: run `BLESS=1 cargo test --features internals the_message_reference`"
    );
}
