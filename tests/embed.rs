//! Browser tests of the JavaScript embedding API (`mount`, `<active-sessions>`), in
//! headless Chromium against the reference server (see tests/browser.rs; run with
//! `--features js`).
//!
//! Every test counts what the component leaves on the page: window listeners,
//! intervals and pending timeouts are tracked by wrapping `window.addEventListener`,
//! `setInterval`, `setTimeout` and their removers before mounting.
#![cfg(target_arch = "wasm32")]

mod support;

use active_sessions::core::creds::encode_credentials;
use active_sessions::mount::{define_element, mount, MountHandle};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const TRACKER: &str = r#"(() => {
  if (window.__asTrack) return;
  const t = window.__asTrack = { listeners: [], intervals: new Set(), timeouts: new Set() };
  const add = window.addEventListener, rem = window.removeEventListener;
  const cap = (o) => typeof o === 'boolean' ? o : !!(o && o.capture);
  window.addEventListener = function (type, fn, opts) {
    if (!t.listeners.some(l => l[0] === type && l[1] === fn && l[2] === cap(opts))) t.listeners.push([type, fn, cap(opts)]);
    return add.call(this, type, fn, opts);
  };
  window.removeEventListener = function (type, fn, opts) {
    t.listeners = t.listeners.filter(l => !(l[0] === type && l[1] === fn && l[2] === cap(opts)));
    return rem.call(this, type, fn, opts);
  };
  const si = window.setInterval, ci = window.clearInterval, st = window.setTimeout, ct = window.clearTimeout;
  window.setInterval = function (...a) { const id = si.apply(this, a); t.intervals.add(id); return id; };
  window.clearInterval = function (id) { t.intervals.delete(id); return ci.call(this, id); };
  window.setTimeout = function (fn, ms, ...rest) {
    if (typeof fn !== 'function') return st.call(this, fn, ms, ...rest);
    let id;
    id = st.call(this, function (...a) { t.timeouts.delete(id); return fn.apply(this, a); }, ms, ...rest);
    t.timeouts.add(id);
    return id;
  };
  window.clearTimeout = function (id) { t.timeouts.delete(id); return ct.call(this, id); };
})()"#;

/// (window listeners, intervals, pending timeouts) registered right now.
fn counts() -> (u32, u32, u32) {
    js_sys::eval(TRACKER).unwrap();
    let v = js_sys::eval("[__asTrack.listeners.length, __asTrack.intervals.size, __asTrack.timeouts.size]").unwrap();
    let a: js_sys::Array = v.unchecked_into();
    let n = |i| a.get(i).as_f64().unwrap() as u32;
    (n(0), n(1), n(2))
}

/// Waits until nothing the component started is left (timeouts may still be finishing).
async fn wait_counts(baseline: (u32, u32, u32), what: &str) {
    poll(
        || counts() == baseline,
        || format!("{what}: left behind (listeners, intervals, timeouts) = {:?}, baseline {baseline:?}", counts()),
    )
    .await
}

fn host() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn obj(js: &str) -> JsValue {
    js_sys::eval(&format!("({js})")).unwrap()
}

fn error_message(e: impl Into<JsValue>) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

fn card_count(el: &web_sys::Element) -> u32 {
    el.query_selector_all("ul.as-list:not(.as-skeletons) > li").unwrap().length()
}

async fn wait_el_text(el: &web_sys::Element, needle: &str) {
    poll(|| text(el).contains(needle), || format!("timed out waiting for {needle:?}; text: {}", text(el))).await
}

async fn wait_cards(el: &web_sys::Element, n: u32) {
    poll(
        || card_count(el) == n,
        || format!("timed out waiting for {n} cards, have {}; text: {}", card_count(el), text(el)),
    )
    .await
}

fn signed_in_key(creds: &active_sessions::core::creds::Credentials) -> String {
    let key = unique_key();
    storage_set(&key, &encode_credentials(creds));
    key
}

const SIGN_IN: &str = "Sign in to see your sessions";

#[wasm_bindgen_test]
async fn js_mount_uses_the_options_and_unmount_leaves_nothing_behind() {
    let creds = fresh_login().await;
    let key = signed_in_key(&creds);
    let baseline = counts();
    let el = host();
    el.set_inner_html("");
    let options = obj(&format!(
        "{{ baseUrl: {:?}, storageKey: {key:?}, pageSize: 10, refreshIntervalMs: 60000, className: 'host-extra', debounceMs: 50, timeoutMs: 10000, syncUrl: null, urlPrefix: undefined }}",
        server()
    ));
    let mut handle: MountHandle = mount(el.clone(), options).expect("mount");
    assert!(handle.mounted());
    wait_cards(&el, 10).await;
    let root = el.first_element_child().expect("root");
    assert_eq!(root.class_name(), "as-root host-extra");
    let (listeners, intervals, _) = counts();
    assert!(listeners >= baseline.0 + 2, "storage + focus listeners on window");
    assert_eq!(intervals, baseline.1 + 2, "the clock tick and the 60 s refresh");

    // A second mount into the same element is refused while the first is there.
    let again = mount(el.clone(), JsValue::UNDEFINED).err().map(error_message);
    assert_eq!(again.as_deref(), Some("this element already holds an active-sessions component: unmount it first"));

    handle.unmount();
    assert!(!handle.mounted());
    assert_eq!(el.child_nodes().length(), 0, "DOM left: {}", el.inner_html());
    wait_counts(baseline, "after unmount").await;
    handle.unmount(); // a second call is a no-op

    // The element can hold a fresh component again; `free()` (drop) unmounts too.
    let handle =
        mount(el.clone(), obj(&format!("{{ baseUrl: {:?}, storageKey: {key:?} }}", server()))).expect("remount");
    wait_cards(&el, 25).await;
    drop(handle);
    assert_eq!(el.child_nodes().length(), 0);
    wait_counts(baseline, "after drop").await;
    el.remove();
    storage_remove(&key);
}

#[wasm_bindgen_test]
async fn two_js_mounts_on_one_page_are_independent() {
    let creds = fresh_login().await;
    let key_a = signed_in_key(&creds);
    let key_b = unique_key();
    let baseline = counts();
    let (a, b) = (host(), host());
    let mut ha =
        mount(a.clone(), obj(&format!("{{ baseUrl: {:?}, storageKey: {key_a:?}, pageSize: 10 }}", server()))).unwrap();
    let mut hb = mount(b.clone(), obj(&format!("{{ baseUrl: {:?}, storageKey: {key_b:?} }}", server()))).unwrap();
    wait_cards(&a, 10).await;
    wait_el_text(&b, SIGN_IN).await;
    assert!(!text(&a).contains(SIGN_IN));

    // B signs in on its own (its own key) with another page size: A is unchanged.
    storage_set(&key_b, &encode_credentials(&creds));
    hb.unmount();
    let mut hb =
        mount(b.clone(), obj(&format!("{{ baseUrl: {:?}, storageKey: {key_b:?}, pageSize: 50 }}", server()))).unwrap();
    wait_cards(&b, 50).await;
    assert_eq!(card_count(&a), 10);

    // Signing out in A leaves B signed in; ids in the two DOMs do not clash.
    let sign_out = a.query_selector_all("button").unwrap();
    let btn = (0..sign_out.length())
        .filter_map(|i| sign_out.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == "Sign out")
        .expect("Sign out button");
    btn.click();
    wait_el_text(&a, SIGN_IN).await;
    assert_eq!(storage_get(&key_a), None);
    assert!(storage_get(&key_b).is_some());
    sleep(100).await;
    assert_eq!(card_count(&b), 50);
    let ids = js_sys::eval("[...document.querySelectorAll('[id]')].map(e => e.id)").unwrap();
    let ids: Vec<String> = js_sys::Array::from(&ids).iter().filter_map(|v| v.as_string()).collect();
    let mut dedup = ids.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(ids.len(), dedup.len(), "duplicate ids: {ids:?}");

    ha.unmount();
    hb.unmount();
    assert_eq!(a.child_nodes().length() + b.child_nodes().length(), 0);
    wait_counts(baseline, "after two unmounts").await;
    a.remove();
    b.remove();
    storage_remove(&key_b);
}

#[wasm_bindgen_test]
async fn bad_options_throw_clear_errors_and_mount_nothing() {
    let el = host();
    let cases: &[(&str, &str)] = &[
        ("{ pagesize: 10 }", r#"unknown option "pagesize" (did you mean "pageSize"?)"#),
        ("{ base_url: '' }", r#"unknown option "base_url" (did you mean "baseUrl"?)"#),
        ("{ pageSize: '25' }", r#"option "pageSize" must be a number, got "25""#),
        ("{ pageSize: 500 }", r#"option "pageSize" must be a whole number from 1 to 100, got 500"#),
        ("{ pageSize: 30 }", r#"option "pageSize" (30) is not one of the page sizes (10, 25, 50, 100)"#),
        (
            "{ pageSizes: [10, 200] }",
            r#"option "pageSizes" must hold page sizes from 1 to 100 (the server's cap), got 200"#,
        ),
        ("{ pageSizes: '10,25' }", r#"option "pageSizes" must be an array of numbers, got "10,25""#),
        ("{ syncUrl: 'yes' }", r#"option "syncUrl" must be a boolean, got "yes""#),
        ("{ storageKey: 42 }", r#"option "storageKey" must be a string, got 42"#),
        (
            "{ refreshIntervalMs: 10 }",
            r#"option "refreshIntervalMs" must be 0 (off) or at least 1000 milliseconds, got 10"#,
        ),
        ("{ className: {} }", r#"option "className" must be a string, got an object"#),
        ("'https://chat.example.com'", r#"options must be an object such as { baseUrl: "https://chat.example.com" }"#),
        ("[1, 2]", r#"options must be an object such as { baseUrl: "https://chat.example.com" }"#),
    ];
    for (js, expected) in cases {
        let got = mount(el.clone(), obj(js)).err().map(error_message);
        assert_eq!(got.as_deref(), Some(*expected), "options {js}");
        assert_eq!(el.child_nodes().length(), 0, "nothing mounted for {js}");
    }
    for bad in ["ftp://chat.example.com", "javascript:alert(1)", "chat.example.com"] {
        let got =
            mount(el.clone(), obj(&format!("{{ baseUrl: {bad:?} }}"))).err().map(error_message).unwrap_or_default();
        assert_eq!(
            got,
            format!(
                r#"option "baseUrl" must be an http(s) URL such as "https://chat.example.com", a path starting with "/", or empty for this page's origin; got {bad:?}"#
            )
        );
    }
    // Not an element at all (what a JS caller passing `null` or a selector gets).
    let not_el: HtmlElement = JsValue::from_str("#sessions").unchecked_into();
    assert_eq!(
        error_message(mount(not_el, JsValue::NULL).err().unwrap()),
        "mount: the first argument must be an HTML element"
    );
    // undefined and null options are the defaults.
    for defaults in [JsValue::UNDEFINED, JsValue::NULL] {
        let mut h = mount(el.clone(), defaults).expect("defaults");
        leptos::task::tick().await;
        assert!(el.child_nodes().length() > 0);
        h.unmount();
    }
    el.remove();
}

/// A Leptos caller and a JavaScript caller giving the same bad value get the same
/// rule's message (naming the prop, or the option); the component shows it in an
/// error box instead of the panel, and `mount` throws it.
#[wasm_bindgen_test]
async fn bad_props_show_the_same_rule_message_as_mount_in_an_error_box() {
    use active_sessions::{ActiveSessions, Options};
    use leptos::prelude::*;

    let alert_text = |el: &HtmlElement| {
        let alert = el
            .query_selector(".as-error-box[role=alert]")
            .unwrap()
            .unwrap_or_else(|| panic!("no error box: {}", el.inner_html()));
        text(&alert)
    };

    // Through `view!`, as a Leptos app writes it.
    let el = host();
    let handle = leptos::mount::mount_to(el.clone(), || {
        view! { <ActiveSessions page_sizes=vec![10, 0] class="host-extra" /> }.into_any()
    });
    assert_eq!(alert_text(&el), r#"prop "page_sizes" must hold page sizes from 1 to 100 (the server's cap), got 0"#);
    assert_eq!(el.first_element_child().unwrap().class_name(), "as-root host-extra");
    assert!(!text(&el).contains(SIGN_IN), "no panel: {}", text(&el));
    drop(handle);
    assert_eq!(el.child_nodes().length(), 0);

    // The same bad value through props and through `mount`: (props, JS options, prop, option, rule's message).
    let d = Options::default;
    let cases: Vec<(Options, &str, &str, &str, &str)> = vec![
        (Options { page_sizes: Some(vec![10, 0]), ..d() }, "{ pageSizes: [10, 0] }", "page_sizes", "pageSizes",
            "must hold page sizes from 1 to 100 (the server's cap), got 0"),
        (Options { default_page_size: Some(30), ..d() }, "{ defaultPageSize: 30 }", "default_page_size", "defaultPageSize",
            "(30) is not one of the page sizes (10, 25, 50, 100)"),
        (Options { refresh_interval_ms: Some(10), ..d() }, "{ refreshIntervalMs: 10 }", "refresh_interval_ms", "refreshIntervalMs",
            "must be 0 (off) or at least 1000 milliseconds, got 10"),
        (Options { storage_key: Some(" ".into()), ..d() }, "{ storageKey: ' ' }", "storage_key", "storageKey", "must not be empty"),
        (Options { timeout_ms: Some(0), ..d() }, "{ timeoutMs: 0 }", "timeout_ms", "timeoutMs",
            "must be a whole number of milliseconds from 1 to 600000, got 0"),
        (Options { url_prefix: Some("a b".into()), ..d() }, "{ urlPrefix: 'a b' }", "url_prefix", "urlPrefix",
            "may hold only letters, digits, '_', '-' and '.', got \"a b\""),
        (Options { base_url: "ftp://x".into(), ..d() }, "{ baseUrl: 'ftp://x' }", "base_url", "baseUrl",
            "must be an http(s) URL such as \"https://chat.example.com\", a path starting with \"/\", or empty for this page's origin; got \"ftp://x\""),
    ];
    for (options, js, prop, option, rule) in cases {
        let handle = leptos::mount::mount_to(el.clone(), move || ActiveSessions(options.into()).into_any());
        assert_eq!(alert_text(&el), format!("prop \"{prop}\" {rule}"), "props for {js}");
        drop(handle);
        let thrown = mount(el.clone(), obj(js)).err().map(error_message);
        assert_eq!(thrown, Some(format!("option \"{option}\" {rule}")), "options {js}");
        assert_eq!(el.child_nodes().length(), 0);
    }
    el.remove();
}

fn container() -> HtmlElement {
    host()
}

#[wasm_bindgen_test]
async fn custom_element_two_instances_attributes_and_removal() {
    assert!(define_element(None).is_ok());
    assert_eq!(define_element(None).ok(), Some(false), "idempotent");
    assert_eq!(define_element(Some("active-sessions".into())).ok(), Some(false));
    let bad = define_element(Some("nodash".into())).err().map(error_message).unwrap_or_default();
    assert!(bad.contains("not a valid custom element name"), "{bad}");
    js_sys::eval("customElements.define('other-thing', class extends HTMLElement {})").unwrap();
    assert_eq!(
        define_element(Some("other-thing".into())).err().map(error_message).as_deref(),
        Some("<other-thing> is already defined by another script")
    );

    let creds = fresh_login().await;
    let key_a = signed_in_key(&creds);
    let key_b = unique_key();
    let baseline = counts();
    let c = container();
    c.set_inner_html(&format!(
        r#"<active-sessions id="ea" base-url="{s}" storage-key="{key_a}" page-size="10" debounce="50" refresh-interval="60000"></active-sessions>
           <active-sessions id="eb" base-url="{s}" storage-key="{key_b}"></active-sessions>"#,
        s = server()
    ));
    let a = document().get_element_by_id("ea").unwrap();
    let b = document().get_element_by_id("eb").unwrap();
    wait_cards(&a, 10).await;
    wait_el_text(&b, SIGN_IN).await;
    assert_eq!(counts().1, baseline.1 + 3, "two clocks and one refresh interval");

    // Moving an element (disconnect + connect in one task) keeps its component.
    let root_before = a.first_element_child().unwrap();
    let other = container();
    other.append_child(&a).unwrap();
    sleep(20).await;
    assert!(a.first_element_child().unwrap().is_same_node(Some(&root_before)), "kept across a move");
    assert_eq!(card_count(&a), 10);

    // An attribute change remounts with the new options; B is untouched.
    storage_set(&key_b, &encode_credentials(&creds));
    a.set_attribute("page-size", "25").unwrap();
    wait_cards(&a, 25).await;
    assert!(text(&b).contains(SIGN_IN), "B keeps its own state until it remounts");
    b.set_attribute("page-size", "50").unwrap();
    wait_cards(&b, 50).await;
    assert_eq!(card_count(&a), 25);

    // A bad attribute shows the error in the element instead of the panel.
    a.set_attribute("page-size", "ten").unwrap();
    wait_el_text(&a, r#"<active-sessions>: attribute "page-size" must be a number, got "ten""#).await;
    assert!(a.query_selector("[role=alert]").unwrap().is_some());
    assert_eq!(card_count(&a), 0);

    // Removal unmounts: nothing left inside the elements or on the window.
    c.remove();
    other.remove();
    sleep(20).await;
    assert_eq!(a.child_nodes().length(), 0, "left in A: {}", a.inner_html());
    assert_eq!(b.child_nodes().length(), 0, "left in B: {}", b.inner_html());
    wait_counts(baseline, "after removing the elements").await;

    // A removed element mounts again when put back.
    let again = container();
    again.append_child(&b).unwrap();
    wait_cards(&b, 50).await;
    again.remove();
    sleep(20).await;
    wait_counts(baseline, "after removing it again").await;
    storage_remove(&key_a);
    storage_remove(&key_b);
}

fn lang_of(el: &web_sys::Element) -> String {
    el.query_selector(".as-root").unwrap().and_then(|r| r.get_attribute("lang")).unwrap_or_default()
}

async fn wait_lang(el: &web_sys::Element, tag: &str) {
    poll(|| lang_of(el) == tag, || format!("lang is {:?}, not {tag:?}", lang_of(el))).await
}

#[wasm_bindgen_test]
async fn the_language_changes_without_a_remount() {
    let creds = fresh_login().await;
    let key = signed_in_key(&creds);
    let el = host();
    let options = obj(&format!(
        r#"{{ baseUrl: {s:?}, storageKey: {key:?}, locale: "de", localesUrl: "{s}/locales/",
             messages: {{ de: {{ "toolbar.refresh": "Jetzt neu laden" }}, en: {{ "toolbar.refresh": "Reload now" }} }} }}"#,
        s = server()
    ));
    let handle: MountHandle = mount(el.clone(), options).expect("mount");
    wait_lang(&el, "de").await;
    wait_el_text(&el, "Jetzt neu laden").await;
    wait_cards(&el, 25).await;
    let root = el.query_selector(".as-root").unwrap().unwrap();
    let input: web_sys::HtmlInputElement = el.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    input.set_value("Firefox");
    input.dispatch_event(&bubbling("input")).unwrap();

    handle.set_locale("ar".into());
    wait_lang(&el, "ar").await;
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    handle.set_locale(String::new());
    wait_lang(&el, "en").await;
    wait_el_text(&el, "Reload now").await;
    assert!(el.query_selector(".as-root").unwrap().unwrap().is_same_node(Some(&root)), "remounted");
    assert_eq!(input.value(), "Firefox", "the filter was lost");
    drop(handle);
    el.remove();

    // The element: its `locale` attribute changes the language in place; a bad
    // `messages` attribute says why.
    assert!(define_element(None).is_ok());
    let c = container();
    c.set_inner_html(&format!(
        r#"<active-sessions id="el" base-url="{s}" storage-key="{key}" locale="de" locales-url="{s}/locales/"
             messages='{{"de": {{"toolbar.sign_out": "Abmelden (hier)"}}}}'></active-sessions>
           <active-sessions id="bad" messages='{{"de": {{"toolbar.nope": "x"}}}}'></active-sessions>"#,
        s = server()
    ));
    let e = document().get_element_by_id("el").unwrap();
    wait_lang(&e, "de").await;
    wait_el_text(&e, "Abmelden (hier)").await;
    let root = e.query_selector(".as-root").unwrap().unwrap();
    e.set_attribute("locale", "fr").unwrap();
    wait_lang(&e, "fr").await;
    assert!(e.query_selector(".as-root").unwrap().unwrap().is_same_node(Some(&root)), "remounted");
    let bad = document().get_element_by_id("bad").unwrap();
    wait_el_text(&bad, r#"attribute "messages" has no message "toolbar.nope" (locale "de")"#).await;
    c.remove();
    storage_remove(&key);
}

const CSS_AUDIT: &str = r#"((sheet) => {
  const bad = [];
  const topLevel = (sel) => { const out = []; let depth = 0, cur = '';
    for (const ch of sel) { if (ch === '(') depth++; if (ch === ')') depth--;
      if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch; }
    out.push(cur); return out.map(s => s.trim()); };
  const walk = (rules) => { for (const r of rules) {
    if (r instanceof CSSStyleRule) { for (const s of topLevel(r.selectorText)) if (!s.includes('.as-')) bad.push(s); }
    else if (r instanceof CSSKeyframesRule) { if (!r.name.startsWith('as-')) bad.push('@keyframes ' + r.name); }
    else if (r.cssRules) walk(r.cssRules);
    else bad.push(r.cssText); } };
  walk(sheet.cssRules);
  return bad.join(' | ');
})"#;

const SNAPSHOT: &str = r#"((root) => [...root.querySelectorAll('*')].map(e => {
  const cs = getComputedStyle(e); let s = e.tagName;
  for (let i = 0; i < cs.length; i++) s += ';' + cs[i] + ':' + cs.getPropertyValue(cs[i]);
  return s; }).join('\n'))"#;

#[wasm_bindgen_test]
async fn component_css_styles_only_its_own_classes_and_takes_a_theme() {
    let page = host();
    page.set_inner_html(
        "<h1>Title</h1><h2>Section</h2><p>Text <a href='#x'>link</a></p><button>Save</button><input>\
         <select><option>a</option></select><ul><li>item</li></ul><dl><dt>t</dt><dd>d</dd></dl><fieldset><legend>l</legend></fieldset>",
    );
    let snapshot = js_sys::Function::from(js_sys::eval(SNAPSHOT).unwrap());
    let before = snapshot.call1(&JsValue::NULL, &page).unwrap().as_string().unwrap();

    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/active-sessions.css")));
    document().head().unwrap().append_child(&style).unwrap();
    let after = snapshot.call1(&JsValue::NULL, &page).unwrap().as_string().unwrap();
    assert!(before == after, "the component's CSS changed the host page's own elements");

    let audit = js_sys::Function::from(js_sys::eval(CSS_AUDIT).unwrap());
    let sheet = js_sys::Reflect::get(&style, &"sheet".into()).unwrap();
    let bad = audit.call1(&JsValue::NULL, &sheet).unwrap().as_string().unwrap();
    assert_eq!(bad, "", "selectors without an as- class");

    // A host theme through the custom properties reaches the component.
    let theme = document().create_element("style").unwrap();
    theme.set_text_content(Some(".host-theme .as-root { --as-accent: rgb(1, 2, 3); --as-radius: 0px; }"));
    document().head().unwrap().append_child(&theme).unwrap();
    page.set_class_name("host-theme");
    let mut h =
        mount(page.clone(), obj(&format!("{{ baseUrl: {:?}, storageKey: {:?} }}", server(), unique_key()))).unwrap();
    wait_el_text(&page, SIGN_IN).await;
    let primary: web_sys::Element = page.query_selector(".as-btn-primary").unwrap().expect("a primary button");
    let computed = js_sys::Function::from(js_sys::eval("((e, p) => getComputedStyle(e).getPropertyValue(p))").unwrap());
    let prop = |p: &str| computed.call2(&JsValue::NULL, &primary, &p.into()).unwrap().as_string().unwrap();
    assert_eq!(prop("background-color"), "rgb(1, 2, 3)");
    assert_eq!(prop("border-top-left-radius"), "0px");
    h.unmount();
    theme.remove();
    style.remove();
    page.remove();
}
