//! Robustness in the browser, against the reference server's test controls:
//! the fault matrix (every error the list can meet → the right message, Retry,
//! the last good results kept, credentials kept unless 401), full storage,
//! hostile server data, token leaks (URLs, console, DOM) and the panic hook's
//! error state.
//!
//! Run like tests/browser.rs, with a reference server at `AS_TEST_SERVER`:
//! `cargo test --target wasm32-unknown-unknown -p active-sessions --test faults`.
#![cfg(target_arch = "wasm32")]

mod support;

use active_sessions::core::creds::{encode_credentials, Credentials};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const LIST: &str = "/api/v1/sessions/list";

// ------------------------------------------------------------------ helpers

/// Text of every `role=alert` element in the component.
/// The alert box offers a Retry button.
fn retry_button(t: &Mounted) -> web_sys::HtmlElement {
    let alert = t.root.query_selector("[role=alert]").unwrap().expect("an alert");
    let b = alert.query_selector("button").unwrap().expect("a button in the alert");
    assert_eq!(b.text_content().unwrap_or_default().trim(), "Retry");
    b.unchecked_into()
}

async fn config(json: &str) {
    control("/__control/config", json).await;
}

async fn get_json(path: &str) -> serde_json::Value {
    let resp = gloo_net::http::Request::get(&format!("{}{}", server(), path)).send().await.unwrap();
    serde_json::from_str(&resp.text().await.unwrap()).unwrap()
}

/// Mounts the component signed in as `demo` and waits for the first page.
async fn signed_in_list(timeout_ms: Option<u32>) -> (Mounted, Credentials) {
    Mounted::signed_in_fresh(Opts { timeout_ms, ..Opts::default() }).await
}

/// How a fault is produced.
enum Trigger {
    /// `/__control/inject` on the list route, then "Refresh".
    Inject(&'static str),
    /// `/__control/config` (undone by `undo` before Retry), then "Refresh".
    Config { set: &'static str, undo: &'static str },
}

struct Fault {
    name: &'static str,
    trigger: Trigger,
    /// Part of the alert text (`ApiError::message`).
    message: &'static str,
}

const FAULTS: &[Fault] = &[
    Fault {
        name: "403 license (flavor 6)",
        trigger: Trigger::Config { set: r#"{"flavor":6,"license":false}"#, undo: r#"{"flavor":8,"license":true}"# },
        message: "This Rocket.Chat server has no Premium license with device management, so sessions cannot be listed.",
    },
    Fault {
        name: "400 license (flavor 8 body)",
        trigger: Trigger::Config { set: r#"{"flavor":8,"license":false}"#, undo: r#"{"flavor":8,"license":true}"# },
        message: "This Rocket.Chat server has no Premium license with device management, so sessions cannot be listed.",
    },
    Fault {
        name: "403 forbidden (other)",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","status":403,"body":{"success":false,"error":"You do not have permission [error-not-allowed]"}}"#,
        ),
        message: "You are not allowed to do this on this server.",
    },
    Fault {
        name: "400 invalid-params",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","status":400,"body":{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}}"#,
        ),
        message: "The server rejected the request. Server message: must NOT have additional properties",
    },
    Fault {
        name: "404",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","status":404,"body":{"status":"error","message":"API endpoint \"/api/v1/sessions/list\" not found!"}}"#,
        ),
        message: "Not found: the session may already be logged out, or the server address is wrong. Server message: API endpoint \"/api/v1/sessions/list\" not found!",
    },
    Fault {
        name: "500",
        trigger: Trigger::Inject(r#"{"route":"/api/v1/sessions/list","status":500}"#),
        message: "The server answered with an error (500).",
    },
    Fault {
        name: "502 with an HTML body",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","status":502,"body":"<html><body><h1>502 Bad Gateway</h1></body></html>","contentType":"text/html"}"#,
        ),
        message: "The server answered with an error (502).",
    },
    Fault {
        name: "503",
        trigger: Trigger::Inject(r#"{"route":"/api/v1/sessions/list","status":503}"#),
        message: "The server answered with an error (503).",
    },
    Fault {
        name: "200 that is not JSON",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","body":"<html>Welcome to nginx!</html>","contentType":"text/html"}"#,
        ),
        message: "The server sent a response this component does not understand.",
    },
    Fault {
        name: "200 without a sessions array",
        trigger: Trigger::Inject(
            r#"{"route":"/api/v1/sessions/list","body":{"success":true,"total":3,"count":25,"offset":0}}"#,
        ),
        message: "The server sent a response this component does not understand.",
    },
    Fault {
        name: "200 with sessions of the wrong type",
        trigger: Trigger::Inject(r#"{"route":"/api/v1/sessions/list","body":{"sessions":{"0":{}},"total":1}}"#),
        message: "The server sent a response this component does not understand.",
    },
    Fault {
        name: "timeout",
        trigger: Trigger::Inject(r#"{"route":"/api/v1/sessions/list","delayMs":4000}"#),
        message: "The server took too long to answer.",
    },
];

/// One row: the message in an alert with Retry, the last good cards still shown,
/// the credentials kept, and Retry recovering.
async fn run_fault(f: &Fault) {
    let (t, creds) = signed_in_list(Some(1_500)).await;
    let before = t.card_titles();
    assert!(!before.is_empty());
    match &f.trigger {
        Trigger::Inject(json) => inject(json).await,
        Trigger::Config { set, .. } => config(set).await,
    }
    t.click("Refresh");
    t.wait_alert(f.message).await;
    let retry = retry_button(&t);
    assert_eq!(t.card_titles(), before, "{}: the last good results stay visible", f.name);
    assert_eq!(stored_creds(&t.key), creds, "{}: the credentials stay stored", f.name);
    assert!(t.field("Filter sessions").is_some(), "{}: still signed in", f.name);
    if let Trigger::Config { undo, .. } = &f.trigger {
        config(undo).await;
    }
    retry.click();
    t.wait_no_alert().await;
    t.wait_list().await;
    assert!(!t.card_titles().is_empty(), "{}: Retry brings the list back", f.name);
    assert_eq!(stored_creds(&t.key), creds);
}

// ------------------------------------------------------------------ the fault matrix

#[wasm_bindgen_test]
async fn fault_matrix_shows_the_message_keeps_results_and_retries() {
    for f in FAULTS {
        run_fault(f).await;
    }
    reset().await;
}

#[wasm_bindgen_test]
async fn fault_401_signs_out_with_the_reason_and_clears_storage() {
    let (t, _) = signed_in_list(None).await;
    inject(r#"{"route":"/api/v1/sessions/list","status":401}"#).await;
    t.click("Refresh");
    t.wait_text("Sign in to see your sessions").await;
    t.wait_text("Your session has expired or was signed out. Please sign in again.").await;
    assert!(storage_get(&t.key).is_none(), "only a 401 clears the stored credentials");
    assert!(t.list().is_none(), "no sessions shown once signed out");
    // Every generation's 401 body does the same.
    for body in [
        r#"{"status":"error","message":"You must be logged in to do this."}"#,
        r#"{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}"#,
        r#"{"success":false,"error":"You must be logged in to do this."}"#,
    ] {
        let (t, _) = signed_in_list(None).await;
        inject(&format!(r#"{{"route":"{LIST}","status":401,"body":{body}}}"#)).await;
        t.click("Refresh");
        t.wait_text("Please sign in again.").await;
        assert!(storage_get(&t.key).is_none());
    }
}

#[wasm_bindgen_test]
async fn fault_429_uses_the_reset_header_and_recovers() {
    // Focus would refetch at once (threshold 0) were it not for the server's wait.
    let (t, creds) = Mounted::signed_in_fresh(Opts { focus_refresh_after_ms: Some(0), ..Opts::default() }).await;
    let before = t.card_titles();
    config(r#"{"rateLimit":"2/60"}"#).await;
    // Two calls are allowed in the window; the third is refused.
    for _ in 0..6 {
        t.click("Refresh");
        sleep(300).await;
        if !t.alerts().is_empty() {
            break;
        }
    }
    t.wait_alert("Too many requests. Try again in ").await;
    let text = t.alerts();
    let secs: u64 = text
        .split("Try again in ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no wait in {text:?}"));
    assert!((1..=60).contains(&secs), "wait of {secs} s from a 60 s window: {text}");
    let log = requests(LIST).await;
    assert!(log.iter().any(|r| r["status"] == 429), "the server did refuse a call");
    assert_eq!(t.card_titles(), before);
    assert_eq!(stored_creds(&t.key), creds);
    // No automatic refresh during the announced wait: it would only earn another 429.
    let sent = log.len();
    focus_window();
    sleep(300).await;
    assert_eq!(requests(LIST).await.len(), sent, "focus during the wait sends nothing");
    config(r#"{"rateLimit":null}"#).await;
    retry_button(&t).click();
    t.wait_no_alert().await;
    assert!(!t.card_titles().is_empty());
}

#[wasm_bindgen_test]
async fn fault_connection_refused_keeps_credentials() {
    reset().await;
    let good = fresh_login().await;
    let nowhere = Credentials { base_url: "http://127.0.0.1:9".into(), ..good.clone() };
    let t = Mounted::signed_in(Opts::default(), &nowhere);
    t.wait_alert("Cannot reach the server (network or CORS).").await;
    assert_eq!(stored_creds(&t.key), nowhere, "a network fault says nothing about the token");
    // Retry tries again (and fails again) without signing out; the same alert is put
    // in anew, so a screen reader says it again.
    let first = t.root.query_selector("[role=alert]").unwrap().expect("the alert");
    retry_button(&t).click();
    poll(|| !first.is_connected(), || "the repeated error is a new alert".into()).await;
    t.wait_alert("Cannot reach the server").await;
    assert!(storage_get(&t.key).is_some());
    // Credentials for a reachable server (another tab fixed them) load the list.
    let raw = encode_credentials(&good);
    storage_set(&t.key, &raw);
    dispatch_storage_event(&t.key, Some(&raw));
    t.wait_list().await;
    t.wait_no_alert().await;
}

#[wasm_bindgen_test]
async fn fault_out_of_order_answers_never_reach_the_screen() {
    // A late *error* must not replace a newer good answer.
    let (t, _) = signed_in_list(None).await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":1200,"status":500}"#).await;
    t.click("Refresh");
    sleep(150).await;
    t.click("Refresh"); // supersedes the slow one; answered at once
    for _ in 0..25 {
        sleep(80).await;
        assert!(t.alerts().is_empty(), "a superseded error was shown: {}", t.alerts());
        assert!(!t.card_titles().is_empty());
    }
    drop(t);

    // A late *success* for an older query must not replace a newer one.
    let (t, _) = signed_in_list(None).await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":1200}"#).await;
    t.fill("Filter sessions", "firefox");
    sleep(200).await;
    t.fill("Filter sessions", "safari");
    let all_safari = |t: &Mounted| {
        let titles = t.card_titles();
        !titles.is_empty() && titles.iter().all(|s| s.contains("Safari"))
    };
    for _ in 0..100 {
        if all_safari(&t) {
            break;
        }
        sleep(50).await;
    }
    assert!(all_safari(&t), "the Safari filter applied: {:?}", t.card_titles());
    for _ in 0..25 {
        sleep(80).await;
        let titles = t.card_titles();
        assert!(titles.iter().all(|s| s.contains("Safari")), "stale results shown: {titles:?}");
    }
    // And a late answer for a page the user left: page 2 is slow, the user picks
    // another page size meanwhile (which starts again at page 1).
    t.fill("Filter sessions", "");
    t.wait_status("Showing 1–25").await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":1200}"#).await;
    t.click("Next page");
    sleep(200).await;
    t.select("Sessions per page", "10");
    t.wait_status("Showing 1–10 of").await;
    for _ in 0..25 {
        sleep(80).await;
        assert!(t.status().starts_with("Showing 1–10 of"), "a late page 2 landed: {}", t.status());
    }
}

// ------------------------------------------------------------------ storage

fn storage_full(on: bool) {
    let js = if on {
        "window.__asSetItem = window.__asSetItem || Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
    } else {
        "if (window.__asSetItem) { Storage.prototype.setItem = window.__asSetItem; }"
    };
    js_sys::eval(js).unwrap();
}

#[wasm_bindgen_test]
async fn full_storage_says_so_and_the_session_still_works() {
    reset().await;
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.wait_text("Sign in to see your sessions").await;
    storage_full(true);
    t.fill("Username or email", "demo");
    t.fill("Password", "demo");
    t.click("Sign in");
    t.wait_list().await;
    storage_full(false);
    t.wait_text("Site storage is full").await;
    assert!(storage_get(&t.key).is_none(), "nothing was written");
    // The session works for the rest of the page's life: refresh, then sign out.
    t.click("Refresh");
    t.wait_status("Showing 1–25").await;
    assert!(t.alerts().is_empty());
    t.click("Sign out");
    t.wait_text("Sign in to see your sessions").await;
}

// ------------------------------------------------------------------ hostile data

const CSS: &str = include_str!("../style/active-sessions.css");

fn install_css() {
    let doc = web_sys::window().unwrap().document().unwrap();
    if doc.get_element_by_id("as-test-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("as-test-css");
        style.set_text_content(Some(CSS));
        doc.head().unwrap().append_child(&style).unwrap();
    }
}

#[wasm_bindgen_test]
async fn hostile_strings_render_as_text_with_the_layout_intact() {
    install_css();
    let (t, _) = signed_in_list(None).await;
    t.root.set_attribute("style", "width: 360px").unwrap();
    let html = "<img src=x onerror=\"window.__asPwned=1\"><script>window.__asPwned=2</script>";
    let rtl = "\u{202E}swodniW\u{202C} gnp.exe";
    let long_word = "A".repeat(10 * 1024);
    let long_host = format!("{}.example.com", "h".repeat(10 * 1024));
    let emoji = "👩‍👩‍👧‍👦🚀😀🏳️‍🌈";
    let body = serde_json::json!({
        "sessions": [
            {"sessionId": "hostile1", "userId": "u", "device": {"type": "browser", "name": html, "version": "1.0",
             "longVersion": "1.0", "os": {"name": rtl, "version": "10"}}, "host": html, "ip": "203.0.113.9",
             "loginAt": "2026-01-01T00:00:00.000Z", "current": true},
            {"sessionId": "hostile2", "userId": "u", "device": {"type": "browser", "name": long_word, "version": "",
             "longVersion": "", "os": {"name": long_word, "version": ""}}, "host": long_host, "ip": long_word,
             "loginAt": "2026-01-01T00:00:00.000Z"},
            {"sessionId": "hostile3", "userId": "u", "device": {"type": emoji, "name": emoji, "version": "2",
             "longVersion": "2", "os": {"name": emoji}}, "host": emoji, "ip": "::1",
             "loginAt": "2026-01-01T00:00:00.000Z"},
        ],
        "total": 3, "count": 25, "offset": 0, "success": true
    });
    inject(&serde_json::json!({"route": LIST, "body": body}).to_string()).await;
    t.click("Refresh");
    t.wait_status("of 3 sessions").await;
    leptos::task::tick().await;
    sleep(100).await;

    // Text, not markup.
    assert!(
        t.root.query_selector("img, script, iframe, object").unwrap().is_none(),
        "markup from the server was parsed"
    );
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__asPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "server markup ran");
    let text = t.text();
    assert!(text.contains("<img src=x"), "the HTML shows as text");
    assert!(text.contains("swodniW"), "the RTL-override name shows");
    assert!(text.contains(emoji), "emoji show");
    assert!(text.contains(&long_host), "the 10 KB host is shown in full");

    // Titles: one line of clean text; a capped one keeps the full name in `title`.
    let titles = t.card_titles();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.iter().all(|s| !s.contains('\u{202E}')), "bidi controls are dropped from titles: {titles:?}");
    let heads = t.root.query_selector_all(".as-card-title").unwrap();
    for i in 0..heads.length() {
        let h: web_sys::Element = heads.item(i).unwrap().unchecked_into();
        let shown = h.text_content().unwrap_or_default();
        if shown.ends_with('…') {
            let full = h.get_attribute("title").unwrap_or_default();
            assert!(
                full.chars().count() > shown.chars().count() && full.starts_with(shown.trim_end_matches('…')),
                "a capped title keeps its full text in `title`: shown {} chars, title {} chars",
                shown.chars().count(),
                full.chars().count()
            );
        }
    }
    // Layout: nothing overflows a 360 px card.
    let cards = t.root.query_selector_all(".as-card").unwrap();
    assert_eq!(cards.length(), 3);
    for i in 0..cards.length() {
        let c: web_sys::Element = cards.item(i).unwrap().unchecked_into();
        assert!(
            c.scroll_width() <= c.client_width() + 1,
            "card {i} overflows: {} > {}",
            c.scroll_width(),
            c.client_width()
        );
        let dds = c.query_selector_all("dd, h3").unwrap();
        for j in 0..dds.length() {
            let d: web_sys::Element = dds.item(j).unwrap().unchecked_into();
            assert!(d.scroll_width() <= d.client_width() + 1, "card {i} field {j} overflows");
        }
    }
    let root_el: &web_sys::Element = t.root.as_ref();
    assert!(root_el.scroll_width() <= root_el.client_width() + 1, "the component overflows its 360 px box");
    // Bidi isolation keeps the override inside its own field.
    let dd = t.root.query_selector(".as-facts dd").unwrap().unwrap();
    dd.set_id("as-test-bidi");
    let bidi = js_sys::eval("getComputedStyle(document.getElementById('as-test-bidi')).unicodeBidi").unwrap();
    assert_eq!(bidi.as_string().as_deref(), Some("isolate"));
}

// ------------------------------------------------------------------ leaks

/// Wraps console.log/info/warn/error/debug to keep every line (once per page).
fn capture_console() {
    js_sys::eval(
        "if (!window.__asConsole) { window.__asConsole = []; \
           for (const k of ['log', 'info', 'warn', 'error', 'debug']) { \
             const orig = console[k]; \
             console[k] = function (...args) { \
               try { window.__asConsole.push(args.map(a => { try { return typeof a === 'string' ? a : (a instanceof Error ? a.stack || String(a) : JSON.stringify(a)); } catch (e) { return String(a); } }).join(' ')); } catch (e) {} \
               return orig.apply(this, args); }; } }",
    )
    .unwrap();
}

fn console_lines() -> Vec<String> {
    let v = js_sys::eval("window.__asConsole || []").unwrap();
    js_sys::Array::from(&v).iter().filter_map(|x| x.as_string()).collect()
}

fn assert_no_token(token: &str, where_: &str, haystack: &str) {
    assert!(token.len() >= 20, "a real token");
    assert!(!haystack.contains(token), "the token leaked into {where_}");
}

#[wasm_bindgen_test]
async fn the_token_leaks_nowhere() {
    capture_console();
    reset().await;
    control("/__control/requests/clear", "{}").await;
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.fill("Username or email", "demo");
    t.fill("Password", "demo");
    t.click("Sign in");
    t.wait_list().await;
    let token = stored_creds(&t.key).auth_token;
    // Exercise the flows: filter, sort, page, details, an error, log out a device, sign out.
    t.fill("Filter sessions", "chrome");
    t.wait_status("sessions").await;
    t.fill("Filter sessions", "");
    t.wait_status("Showing 1–25").await;
    t.click("Next page");
    t.wait_status("Showing 26–").await;
    t.click("First page");
    t.wait_status("Showing 1–25").await;
    let titles = t.card_titles();
    let other = titles.iter().find(|s| !s.is_empty()).unwrap().clone();
    t.click(&format!("Details for {other}"));
    t.wait_text("Session ID").await;
    inject(r#"{"route":"/api/v1/sessions/list","status":500}"#).await;
    t.click("Refresh");
    t.wait_alert("(500)").await;
    retry_button(&t).click();
    t.wait_no_alert().await;
    // Log out a device that is not this one (its own button, whatever the titles).
    let article = t.root.query_selector("li > article:not(.as-card-current)").unwrap().expect("another device");
    let buttons = article.query_selector_all("button").unwrap();
    let log_out = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.get_attribute("aria-label").unwrap_or_default().starts_with("Log out "))
        .expect("the card's Log out button");
    log_out.click();
    sleep(100).await;
    let dialog_confirm = t.root.query_selector_all("dialog button").unwrap();
    let confirm = (0..dialog_confirm.length())
        .filter_map(|i| dialog_confirm.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == "Log out device")
        .expect("the confirm button");
    confirm.click();
    t.wait_status("sessions").await;
    sleep(300).await;

    // DOM: text and every attribute of the whole document, while signed in.
    let doc_html = web_sys::window().unwrap().document().unwrap().document_element().unwrap().outer_html();
    assert_no_token(&token, "the DOM", &doc_html);

    t.click("Sign out");
    t.wait_text("Sign in to see your sessions").await;
    sleep(300).await;
    let doc_html = web_sys::window().unwrap().document().unwrap().document_element().unwrap().outer_html();
    assert_no_token(&token, "the DOM after sign-out", &doc_html);

    // URLs: every request the server saw (paths and query strings, preflights too).
    let log = get_json("/__control/requests").await;
    let reqs = log["requests"].as_array().cloned().unwrap_or_default();
    assert!(reqs.len() >= 8, "the flows made requests: {}", reqs.len());
    for r in &reqs {
        let url = format!("{}?{}", r["path"].as_str().unwrap_or(""), r["query"].as_str().unwrap_or(""));
        assert_no_token(&token, "a request URL", &url);
    }
    // The page's own URL and history.
    let href = web_sys::window().unwrap().location().href().unwrap();
    assert_no_token(&token, "the page URL", &href);
    // Console: every line logged since the hook went in.
    for line in console_lines() {
        assert_no_token(&token, "a console line", &line);
    }
}

// ------------------------------------------------------------------ panic hook

#[wasm_bindgen_test]
async fn panic_hook_shows_an_error_state_and_logs_without_the_token() {
    capture_console();
    let (t, creds) = signed_in_list(None).await;
    let before_lines = console_lines().len();
    // What the hook does with a panic message that happens to contain the stored token.
    active_sessions::web::panic::report(&format!("panicked at src/x.rs:1:1: bad token {} here", creds.auth_token));
    let lines = console_lines();
    let new: Vec<&String> = lines[before_lines..].iter().collect();
    assert!(new.iter().any(|l| l.contains("active-sessions panicked") && l.contains("[redacted]")), "{new:?}");
    for l in &new {
        assert_no_token(&creds.auth_token, "the panic log", l);
    }
    // Every component root now shows the error state: an alert and a Reload button.
    assert_eq!(t.alerts(), "Something went wrong in the sessions panel. Reload the page to try again.");
    let reload = t.button("Reload").expect("a Reload button");
    assert_eq!(reload.get_attribute("type").as_deref(), Some("button"));
    assert!(t.list().is_none(), "the dead widget's content is gone");
    assert_no_token(&creds.auth_token, "the error state", &t.root.outer_html());
    // Called directly, too (no token involved), and idempotent.
    active_sessions::web::panic::show_error_state();
    assert_eq!(t.root.query_selector_all("[role=alert]").unwrap().length(), 1);
    // Redaction itself.
    let r = active_sessions::web::panic::redact("a tok-1234567890 b tok-1234567890", &["tok-1234567890".into()]);
    assert_eq!(r, "a [redacted] b [redacted]");
    // Unmounting a crashed root must not throw.
    drop(t);
}
