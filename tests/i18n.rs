//! Browser tests of the panel's languages: the pseudo-locale proves that no text
//! escaped the catalog; German and Arabic end to end (text, plurals, dates, numbers,
//! direction); plural categories against `Intl`; a change of language at run time;
//! the host's own wording. Catalogs come from the reference server (`locales/`).
#![cfg(target_arch = "wasm32")]

mod support;

use active_sessions::core::i18n::{fill, Catalog, Messages, Plural, Speaker, KEYS, LOCALES, M, PLURAL};
use active_sessions::web::i18n::Locale;
use leptos::prelude::*;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn catalog_json(tag: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = match tag {
        "de" => include_str!("../locales/de.json"),
        "ar" => include_str!("../locales/ar.json"),
        "ru" => include_str!("../locales/ru.json"),
        "pl" => include_str!("../locales/pl.json"),
        "fr" => include_str!("../locales/fr.json"),
        "es" => include_str!("../locales/es.json"),
        "pt-BR" => include_str!("../locales/pt-BR.json"),
        "it" => include_str!("../locales/it.json"),
        "tr" => include_str!("../locales/tr.json"),
        "ja" => include_str!("../locales/ja.json"),
        "zh-CN" => include_str!("../locales/zh-CN.json"),
        "en-XA" => include_str!("../locales/en-XA.json"),
        _ => "{}",
    };
    serde_json::from_str(text).unwrap()
}

fn locale(tag: &str) -> Locale {
    let mut c = Catalog::default();
    let file = catalog_json(tag);
    c.merge(file.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap())));
    Locale::new(tag, c)
}

fn intl(ctor: &str, tag: &str, options: &str) -> JsValue {
    let f = js_sys::Function::new_with_args("tag, o", &format!("return new Intl.{ctor}(tag, JSON.parse(o))"));
    f.call2(&JsValue::NULL, &tag.into(), &options.into()).unwrap()
}

fn intl_call(obj: &JsValue, method: &str, arg: JsValue) -> String {
    let f: js_sys::Function = js_sys::Reflect::get(obj, &method.into()).unwrap().unchecked_into();
    f.call1(obj, &arg).unwrap().as_string().unwrap()
}

fn number(tag: &str, n: u64) -> String {
    intl_call(&intl("NumberFormat", tag, "{}"), "format", JsValue::from_f64(n as f64))
}

fn all(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// Every visible text node and accessible name in `root` that does not come from
/// the catalog of the pseudo-locale (⟦…⟧). Server data (device names, addresses,
/// dates, ids), page sizes and the pager's arrows are not messages.
fn unwrapped(root: &Element) -> Vec<String> {
    let mut bad = Vec::new();
    let walker = document().create_tree_walker_with_what_to_show(root, 4).unwrap();
    while let Ok(Some(node)) = walker.next_node() {
        let text = node.text_content().unwrap_or_default();
        let text = text.trim();
        let Some(parent) = node.parent_element() else { continue };
        let data = parent.closest("bdi, time, code, dialog:not([open]), .as-pager button").ok().flatten();
        if text.is_empty() || data.is_some() || text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !(text.starts_with('⟦') && text.ends_with('⟧')) {
            bad.push(format!("text {text:?} in <{}>", parent.tag_name().to_lowercase()));
        }
    }
    for el in all(root, "[aria-label], [placeholder], [title]:not([title=''])") {
        for attr in ["aria-label", "placeholder"] {
            if let Some(v) = el.get_attribute(attr) {
                if !(v.starts_with('⟦') && v.ends_with('⟧')) {
                    bad.push(format!("{attr} {v:?} on <{}>", el.tag_name().to_lowercase()));
                }
            }
        }
    }
    bad
}

/// Elements that stick out of their box: of the panel (narrowed to 390 px), or,
/// for an open dialog (drawn in the top layer, sized by the window), of the dialog.
fn overflowing(root: &HtmlElement) -> Vec<String> {
    let sticks_out = |scope: &Element, skip_dialogs: bool| {
        let r = scope.get_bounding_client_rect();
        let (left, right) = (r.left() - 0.5, r.right() + 0.5);
        all(scope, "*")
            .into_iter()
            .filter(move |e| !skip_dialogs || e.closest("dialog").ok().flatten().is_none())
            .filter(move |e| {
                let b = e.get_bounding_client_rect();
                b.width() > 0.0 && (b.right() > right || b.left() < left)
            })
            .map(|e| format!("<{} class={:?}> {:?}", e.tag_name().to_lowercase(), e.class_name(), e.text_content()))
            .collect::<Vec<_>>()
    };
    let mut out = sticks_out(root, true);
    for d in all(root, "dialog[open]") {
        out.extend(sticks_out(&d, false));
    }
    out.truncate(5);
    out
}

fn narrow(t: &Mounted) {
    t.root.style().set_property("width", "390px").unwrap();
}

fn check_pseudo(t: &Mounted, state: &str) {
    let bad = unwrapped(&t.root);
    assert!(bad.is_empty(), "{state}: texts not from the catalog: {bad:#?}");
    let over = overflowing(&t.root);
    assert!(over.is_empty(), "{state}: overflows 390 px: {over:#?}");
}

#[wasm_bindgen_test]
async fn pseudo_locale_covers_every_text_in_every_state() {
    reset().await;
    let t = Mounted::new(Opts { locale: Some("en-XA".into()), ..Opts::default() });
    narrow(&t);
    wait_lang(&t, "en-XA").await;
    t.wait_text("⟦").await;
    check_pseudo(&t, "sign-in");
    // Both sign-in modes, and an error of the form.
    t.root.query_selector("form button[type=submit]").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    check_pseudo(&t, "sign-in error");
    let radios = all(&t.root, "input[type=radio]");
    radios[1].unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    check_pseudo(&t, "token sign-in");
    drop(t);

    let creds = fresh_login().await;
    let t = Mounted::signed_in(Opts { locale: Some("en-XA".into()), page_size: Some(10), ..Opts::default() }, &creds);
    narrow(&t);
    t.wait_list().await;
    check_pseudo(&t, "list");
    // Details.
    let details = all(&t.root, "article button[aria-expanded]");
    details[0].unchecked_ref::<HtmlElement>().click();
    poll(|| t.root.query_selector(".as-details dl").unwrap().is_some(), || "details did not load".into()).await;
    check_pseudo(&t, "details");
    // The log-out dialog.
    all(&t.root, "article button[data-as-key$=':logout']")[1].unchecked_ref::<HtmlElement>().click();
    poll(|| t.root.query_selector("dialog[open]").unwrap().is_some(), || "no dialog".into()).await;
    check_pseudo(&t, "dialog");
    t.root.query_selector("dialog[open] .as-btn").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    // Sort note (a page-local order) and no results for a filter.
    let sort: web_sys::HtmlSelectElement = t.root.query_selector("select").unwrap().unwrap().unchecked_into();
    sort.set_value("client");
    sort.dispatch_event(&bubbling("change")).unwrap();
    let input: web_sys::HtmlInputElement =
        t.root.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    input.set_value("zzz-no-such-device");
    input.dispatch_event(&bubbling("input")).unwrap();
    poll(|| t.root.query_selector(".as-empty").unwrap().is_some(), || "no empty state".into()).await;
    check_pseudo(&t, "no results");
    // A server error, then a rate limit.
    inject(r#"{"route":"/api/v1/sessions/list","status":500,"times":1}"#).await;
    t.root.query_selector(".as-empty button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    poll(|| t.root.query_selector(".as-error-box").unwrap().is_some(), || "no error box".into()).await;
    check_pseudo(&t, "server error");
    inject(r#"{"route":"/api/v1/sessions/list","status":429,"times":1}"#).await;
    t.root.query_selector(".as-error-box button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    poll(
        || t.root.query_selector(".as-error-box[data-kind=rate-limited]").unwrap().is_some(),
        || "no rate-limit box".into(),
    )
    .await;
    check_pseudo(&t, "rate limited");
}

/// CLDR's category for `n` in each language, written out (the catalogs' forms must
/// follow it, and `Intl` must agree).
fn expected_category(tag: &str, n: u64) -> &'static str {
    match (tag, n) {
        ("de", 1) => "one",
        ("de", _) => "other",
        ("ar", 0) => "zero",
        ("ar", 1) => "one",
        ("ar", 2) => "two",
        ("ar", 3..=10) => "few",
        ("ar", 11..=99) => "many",
        ("ar", _) => "other",
        ("ru" | "pl", 1) => "one",
        ("ru" | "pl", 2..=4) => "few",
        ("ru" | "pl", _) => "many",
        _ => unreachable!(),
    }
}

#[wasm_bindgen_test]
fn plurals_pick_each_languages_form() {
    for tag in ["de", "ar", "ru", "pl"] {
        let l = locale(tag);
        let file = catalog_json(tag);
        for n in [0u64, 1, 2, 5, 11, 100] {
            let cat = expected_category(tag, n);
            let template = file[&format!("dialog.others_count.{cat}")].as_str().unwrap();
            let digits = number(tag, n);
            let want = fill(template, &mut |name| (name == "count").then(|| digits.clone()));
            assert_eq!(l.word(&M::OthersCount.count(n)), want, "{tag} {n} ({cat})");
        }
    }
}

#[wasm_bindgen_test]
fn catalogs_have_every_plural_category_intl_knows() {
    for tag in LOCALES.iter().filter(|t| **t != "en") {
        let rules = intl("PluralRules", tag, "{}");
        let resolve: js_sys::Function =
            js_sys::Reflect::get(&rules, &"resolvedOptions".into()).unwrap().unchecked_into();
        let resolved = resolve.call0(&rules).unwrap();
        let cats: Vec<String> =
            js_sys::Array::from(&js_sys::Reflect::get(&resolved, &"pluralCategories".into()).unwrap())
                .iter()
                .filter_map(|c| c.as_string())
                .collect();
        let file = catalog_json(tag);
        for (i, key) in KEYS.iter().enumerate().filter(|(i, _)| PLURAL[*i]) {
            for c in &cats {
                assert!(file.contains_key(&format!("{key}.{c}")), "{tag}: {key}.{c} missing (Intl: {cats:?})");
            }
            let _ = i;
        }
        // And every form our table selects is one Intl selects.
        for n in [0u64, 1, 2, 3, 5, 11, 21, 100, 1_000_000] {
            let picked = locale(tag).plural(n);
            assert!(cats.iter().any(|c| Plural::parse(c) == picked), "{tag} {n}: {picked:?} not in {cats:?}");
        }
    }
}

/// The status line of the first page of 10, as the core words it, in `l`'s language.
fn first_page_status(l: &Locale, total: u64) -> String {
    l.word(&active_sessions::core::page::PageInfo::new(total, 10, 10, 0, 10).status_text())
}

async fn wait_lang(t: &Mounted, tag: &str) {
    poll(
        || t.root.query_selector(".as-root").unwrap().and_then(|r| r.get_attribute("lang")).as_deref() == Some(tag),
        || {
            format!(
                "the panel's lang is not {tag}: {:?}",
                t.root.query_selector(".as-root").unwrap().and_then(|r| r.get_attribute("lang"))
            )
        },
    )
    .await;
}

fn root_attr(t: &Mounted, name: &str) -> String {
    t.root.query_selector(".as-root").unwrap().unwrap().get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn german_end_to_end() {
    let (t, _) =
        Mounted::signed_in_fresh(Opts { locale: Some("de-AT".into()), page_size: Some(10), ..Opts::default() }).await;
    wait_lang(&t, "de").await;
    assert_eq!(root_attr(&t, "dir"), "ltr");
    let de = locale("de");
    let total = state_total().await;
    let want = first_page_status(&de, total);
    t.wait_status(&want).await;
    assert!(t.button(&de.say(M::Refresh)).is_some(), "no German Refresh button: {}", t.text());
    assert!(!t.text().contains("Sign out"), "English left: {}", t.text());
    // Dates in German too: the tooltip is Intl's German date, the text German relative time.
    let time: Element = t.root.query_selector("time").unwrap().unwrap();
    let ms = js_sys::Date::parse(&time.get_attribute("datetime").unwrap());
    let absolute = intl("DateTimeFormat", "de", r#"{"dateStyle":"medium","timeStyle":"short"}"#);
    assert_eq!(
        time.get_attribute("title").unwrap(),
        intl_call(&absolute, "format", js_sys::Date::new(&ms.into()).into())
    );
    assert_eq!(time.text_content().unwrap(), de.relative(ms, js_sys::Date::now()));
    // The error the client recognises, in German, with the status as a detail.
    inject(r#"{"route":"/api/v1/sessions/list","status":503,"times":1}"#).await;
    t.click(&de.say(M::Refresh));
    t.wait_alert(&de.word(&M::ErrServer.with("status", active_sessions::core::i18n::s("503")))).await;
}

#[wasm_bindgen_test]
async fn arabic_end_to_end_right_to_left() {
    let (t, _) =
        Mounted::signed_in_fresh(Opts { locale: Some("ar".into()), page_size: Some(10), ..Opts::default() }).await;
    wait_lang(&t, "ar").await;
    assert_eq!(root_attr(&t, "dir"), "rtl");
    let ar = locale("ar");
    let total = state_total().await;
    let status = first_page_status(&ar, total);
    assert!(status.contains(&number("ar", total)), "numbers in Arabic digits: {status}");
    t.wait_status(&status).await;
    // Laid out right to left: the toolbar starts at the right, device names isolated.
    let root: HtmlElement = t.root.query_selector(".as-root").unwrap().unwrap().unchecked_into();
    let style = window().get_computed_style(&root).unwrap().unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
    assert!(t.root.query_selector("article h3 bdi").unwrap().is_some(), "device names in <bdi>");
    narrow(&t);
    leptos::task::tick().await;
    let over = overflowing(&t.root);
    assert!(over.is_empty(), "overflows 390 px in Arabic: {over:#?}");
}

#[wasm_bindgen_test]
async fn a_change_of_language_keeps_filter_page_dialog_and_focus() {
    let (t, _) = Mounted::signed_in_fresh(Opts { page_size: Some(10), ..Opts::default() }).await;
    wait_lang(&t, "en").await;
    t.click("Next page");
    t.wait_status("Showing 11–20").await;
    t.fill("Filter sessions", "Chrome");
    t.wait_status("Showing").await;
    // The "sign out all other devices" dialog open, its Cancel focused.
    t.click("Sign out all other devices");
    poll(|| t.root.query_selector("dialog[open]").unwrap().is_some(), || "no dialog".into()).await;
    let focused = document().active_element().unwrap();
    assert_eq!(focused.text_content().unwrap().trim(), "Cancel");

    t.locale.set("de".into());
    wait_lang(&t, "de").await;
    let de = locale("de");
    // Focus stays on Cancel, reworded (a redrawn control's successor takes the focus).
    let on_cancel = |word: String| {
        move || {
            document().active_element().is_some_and(|a| {
                a.text_content().unwrap_or_default().trim() == word
                    && a.closest("dialog[open]").ok().flatten().is_some()
            })
        }
    };
    poll(on_cancel(de.say(M::Cancel)), || "focus left Cancel, or Cancel was not reworded".into()).await;
    let _ = focused;
    let search = || -> web_sys::HtmlInputElement {
        t.root.query_selector("input[type=search]").unwrap().unwrap().unchecked_into()
    };
    assert_eq!(search().value(), "Chrome");
    assert_eq!(search().placeholder(), de.say(M::FilterPlaceholder));

    t.locale.set("ar".into());
    wait_lang(&t, "ar").await;
    assert_eq!(root_attr(&t, "dir"), "rtl");
    assert!(t.root.query_selector("dialog[open]").unwrap().is_some(), "the dialog closed");
    // Back to the page's language (English here).
    t.locale.set(String::new());
    wait_lang(&t, "en").await;
    assert_eq!(root_attr(&t, "dir"), "ltr");
    assert_eq!(search().value(), "Chrome");
    poll(on_cancel("Cancel".into()), || "focus left Cancel".into()).await;

    // A control that is redrawn to be reworded (the pager) keeps the focus too.
    t.click("Cancel");
    poll(|| t.root.query_selector("dialog[open]").unwrap().is_none(), || "the dialog stays".into()).await;
    let next: HtmlElement = t.button("Next page").expect("the pager").unchecked_into();
    next.focus().unwrap();
    t.locale.set("fr".into());
    wait_lang(&t, "fr").await;
    let fr = locale("fr");
    poll(
        || {
            document().active_element().and_then(|a| a.get_attribute("aria-label")).as_deref()
                == Some(fr.say(M::NextPage).as_str())
        },
        || format!("focus is on {:?}", document().active_element().map(|a| a.outer_html())),
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_host_can_reword_and_add_a_language() {
    let messages = Messages::new()
        .set("en", "toolbar.refresh", "Reload the list")
        .set("nl", "toolbar.refresh", "Vernieuwen")
        .set("nl", "toolbar.sign_out", "Afmelden");
    let (t, _) = Mounted::signed_in_fresh(Opts { messages: Some(messages), ..Opts::default() }).await;
    assert!(t.button("Reload the list").is_some(), "{}", t.text());
    t.locale.set("nl-BE".into());
    wait_lang(&t, "nl").await;
    assert!(t.button("Vernieuwen").is_some() && t.button("Afmelden").is_some(), "{}", t.text());
    // What Dutch does not give stays English.
    assert!(t.button("Sign out all other devices").is_some());
}

#[wasm_bindgen_test]
async fn a_catalog_that_cannot_be_loaded_leaves_english_everywhere() {
    reset().await;
    // No catalog at that address: English text with English dates (lang="en"), not a mix.
    let t = Mounted::new(Opts {
        locale: Some("fr".into()),
        locales_url: Some(format!("{}/no-such-folder/", server())),
        ..Opts::default()
    });
    wait_lang(&t, "en").await;
    t.wait_text("Sign in to see your sessions").await;
    // A language no catalog has and the host did not add: the page's language.
    let u = Mounted::new(Opts { locale: Some("xx".into()), ..Opts::default() });
    wait_lang(&u, "en").await;
    // The same French with the catalogs where they are.
    let v = Mounted::new(Opts { locale: Some("fr".into()), ..Opts::default() });
    wait_lang(&v, "fr").await;
    assert!(!v.text().contains("Sign in"), "{}", v.text());
}

#[wasm_bindgen_test]
async fn a_language_set_right_after_mount_is_not_lost() {
    reset().await;
    // Set in the same task as the mount, before the panel's effects first run.
    let t = Mounted::new(Opts::default());
    t.locale.set("de".into());
    wait_lang(&t, "de").await;
    let de = locale("de");
    t.wait_text(&de.say(M::SigninTitle)).await;
}

#[wasm_bindgen_test]
async fn a_regional_wording_of_the_host_sits_on_the_shipped_catalog() {
    reset().await;
    // The host words one text for Swiss German: the rest comes from the German catalog,
    // not from English (never two languages in one panel).
    let messages = Messages::new().set("de-CH", "signin.submit", "Aamälde");
    let t = Mounted::new(Opts { locale: Some("de-CH".into()), messages: Some(messages), ..Opts::default() });
    wait_lang(&t, "de-CH").await;
    let de = locale("de");
    t.wait_text(&de.say(M::SigninTitle)).await;
    assert!(t.button("Aamälde").is_some(), "{}", t.text());
}
