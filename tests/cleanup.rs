//! Browser tests of cleaning up (issue 15): new sign-ins since the last visit,
//! stale sessions, and signing out several sessions in one confirmed action
//! (progress, a failure, a 429, Stop, the summary, what the server keeps).
#![cfg(target_arch = "wasm32")]

mod support;

use active_sessions::core::creds::Credentials;
use leptos::prelude::document;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const DAY_MS: f64 = 86_400_000.0;

/// The server's rows (id, login time), read with the user's credentials (≤ 100 rows).
async fn server_rows(creds: &Credentials) -> Vec<(String, f64)> {
    let (_, text) = as_user(creds, "/api/v1/sessions/list?count=100", None).await;
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let at = js_sys::Date::parse(s["loginAt"].as_str().unwrap());
            (s["sessionId"].as_str().unwrap().to_owned(), at)
        })
        .collect()
}

/// The cards' checkboxes, in list order.
fn checkboxes(t: &Mounted) -> Vec<HtmlInputElement> {
    let list = t.root.query_selector_all("input.as-select").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// The session id a checkbox selects (its `data-as-key` is `<id>:select`).
fn id_of(b: &HtmlInputElement) -> String {
    b.get_attribute("data-as-key").unwrap().trim_end_matches(":select").to_owned()
}

/// Clicks the checkboxes at `indexes` on the page shown; returns their session ids.
async fn select(t: &Mounted, indexes: &[usize]) -> Vec<String> {
    let mut ids = Vec::new();
    for &i in indexes {
        let b = &checkboxes(t)[i];
        ids.push(id_of(b));
        b.click();
        leptos::task::tick().await;
    }
    ids
}

fn badges(t: &Mounted, class: &str) -> usize {
    t.root.query_selector_all(&format!(".as-list .{class}")).unwrap().length() as usize
}

fn dialog(t: &Mounted) -> web_sys::HtmlDialogElement {
    t.root.query_selector("dialog").unwrap().expect("a dialog").unchecked_into()
}

fn button_starting(t: &Mounted, prefix: &str) -> Option<HtmlElement> {
    let list = t.root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim().starts_with(prefix))
}

#[wasm_bindgen_test]
async fn new_sign_ins_are_marked_after_a_visit_and_forgotten_once_seen() {
    let creds = fresh_login().await;
    let key = unique_key();
    let opts = Opts { key: Some(key.clone()), ..Opts::default() };
    let visit_key = format!("{key}.seen.{}", creds.user_id);
    {
        let t = Mounted::signed_in(opts.clone(), &creds);
        t.wait_list().await;
        assert_eq!(badges(&t, "as-badge-new"), 0, "a first visit marks nothing");
        assert!(!t.text().contains("new sign-in"));
        poll(|| storage_get(&visit_key).is_some(), || "the visit is remembered".into()).await;
    }
    // Another device signs in between two visits.
    control(
        "/__control/login",
        r#"{"userAgent":"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}"#,
    )
    .await;
    {
        let t = Mounted::signed_in(opts.clone(), &creds);
        t.wait_list().await;
        t.wait_text("1 new sign-in since").await;
        assert_eq!(badges(&t, "as-badge-new"), 1, "{}", t.text());
        let badge = t.root.query_selector(".as-list .as-badge-new").unwrap().unwrap();
        let spoken = badge.query_selector(".as-sr-only").unwrap().unwrap().text_content().unwrap();
        assert_eq!(spoken, "New since your last visit", "what a screen reader says");
        let card = badge.closest("article").unwrap().unwrap();
        assert!(card.text_content().unwrap().contains("Firefox"), "on the new device's card");
        // A refresh in the same visit keeps the mark.
        t.click("Refresh");
        sleep(300).await;
        assert_eq!(badges(&t, "as-badge-new"), 1);
    }
    // Seen: the next visit marks nothing again.
    {
        let t = Mounted::signed_in(opts.clone(), &creds);
        t.wait_list().await;
        sleep(200).await;
        assert_eq!(badges(&t, "as-badge-new"), 0, "seen last time");
        assert!(!t.text().contains("new sign-in"));
        // Signing out forgets the visits.
        t.click("Sign out");
        t.wait_text("Sign in to see your sessions").await;
        assert_eq!(storage_get(&visit_key), None);
    }
}

#[wasm_bindgen_test]
async fn stale_sessions_are_marked_counted_and_signed_out_in_one_action() {
    let creds = fresh_login().await;
    let now = js_sys::Date::now();
    let rows = server_rows(&creds).await;
    let stale: Vec<&(String, f64)> = rows.iter().filter(|(_, at)| *at < now - 30.0 * DAY_MS).collect();
    assert!(stale.len() > 5 && stale.len() < rows.len(), "the seed has stale and fresh sessions");
    let oldest = stale.iter().map(|(_, at)| *at).fold(f64::INFINITY, f64::min);
    let t = Mounted::signed_in(Opts { page_size: Some(100), ..Opts::default() }, &creds);
    t.wait_list().await;
    assert_eq!(badges(&t, "as-badge-stale"), stale.len());
    assert_eq!(t.count_text("Not used since "), stale.len());
    let label = format!("Sign out {} stale sessions", stale.len());
    t.wait_text(&label).await;

    t.click(&label);
    poll(|| dialog(&t).open(), || "the dialog opens once the list is read".into()).await;
    let text = dialog(&t).text_content().unwrap();
    assert!(text.contains(&format!("{} sessions not used since", stale.len())), "{text}");
    let oldest_day = js_sys::Intl::DateTimeFormat::new(
        &js_sys::Array::of1(&"en".into()),
        &js_sys::JSON::parse(r#"{"dateStyle":"medium"}"#).unwrap().into(),
    )
    .format()
    .call1(&wasm_bindgen::JsValue::NULL, &js_sys::Date::new(&oldest.into()))
    .unwrap()
    .as_string()
    .unwrap();
    assert!(text.contains(&format!("last used on {oldest_day}")), "the oldest date: {text}");
    assert_eq!(
        dialog(&t).query_selector_all(".as-dialog-list li").unwrap().length(),
        11,
        "ten devices named, then \"and N more\""
    );
    t.click(&format!("Log out {} devices", stale.len()));
    t.wait_text_for(&format!("{} sessions were signed out.", stale.len()), 30).await;
    assert_eq!(state_total().await as usize, rows.len() - stale.len(), "what the summary said");
    t.wait_status(&format!("of {} sessions", rows.len() - stale.len())).await;
    assert_eq!(badges(&t, "as-badge-stale"), 0);
    let button = t.button("Sign out stale sessions").expect("no number once there are none");
    assert!(button.unchecked_into::<web_sys::HtmlButtonElement>().disabled());
}

#[wasm_bindgen_test]
async fn stale_marks_are_off_at_zero() {
    let (t, _) =
        Mounted::signed_in_fresh(Opts { stale_after_days: Some(0), page_size: Some(100), ..Opts::default() }).await;
    assert_eq!(badges(&t, "as-badge-stale"), 0);
    assert!(button_starting(&t, "Sign out stale").is_none());
}

/// Ticking a box redraws that card alone: the other cards stay the same elements (a
/// click on its way to one is not lost), and focus stays on the box.
#[wasm_bindgen_test]
async fn ticking_a_box_redraws_its_card_alone() {
    let (t, _) = Mounted::signed_in_fresh(Opts { page_size: Some(10), ..Opts::default() }).await;
    let cards = |t: &Mounted| {
        let li = t.root.query_selector_all(".as-list > li").unwrap();
        (0..li.length()).filter_map(|i| li.item(i)).collect::<Vec<_>>()
    };
    let before = cards(&t);
    let b = checkboxes(&t)[2].clone();
    let key = b.get_attribute("data-as-key");
    b.focus().unwrap();
    b.click();
    leptos::task::tick().await;
    t.wait_text("Log out selected (1)").await;
    let ticked = checkboxes(&t).into_iter().find(|c| c.get_attribute("data-as-key") == key).expect("its box");
    assert!(ticked.checked(), "drawn ticked");
    assert!(ticked.closest(".as-card-selected").unwrap().is_some(), "the card shows it is selected");
    let kept = before.iter().filter(|li| li.is_connected()).count();
    assert_eq!(kept, before.len() - 1, "only the ticked card was drawn anew");
    let focused = leptos::prelude::document().active_element().and_then(|a| a.get_attribute("data-as-key"));
    assert_eq!(focused, key, "focus stays on the box");
}

#[wasm_bindgen_test]
async fn selecting_across_pages_then_logging_out_with_a_failure_and_a_429() {
    let (t, creds) = Mounted::signed_in_fresh(Opts { page_size: Some(10), ..Opts::default() }).await;
    let total = state_total().await;
    assert_eq!(checkboxes(&t).len(), 9, "every card but this device's");
    let mut picked = select(&t, &[0, 3]).await;
    t.wait_text("Log out selected (2)").await;
    t.click("Next page");
    t.wait_status("Showing 11–20").await;
    picked.extend(select(&t, &[1, 2]).await);
    t.wait_text("Log out selected (4)").await;
    // Back on page 1 the first two are still checked.
    t.click("Previous page");
    t.wait_status("Showing 1–10").await;
    let checked: Vec<String> = checkboxes(&t).iter().filter(|b| b.checked()).map(id_of).collect();
    assert_eq!(checked, picked[..2].to_vec(), "the selection survives paging");

    t.click("Log out selected (4)");
    leptos::task::tick().await;
    assert!(dialog(&t).open());
    assert_eq!(dialog(&t).query_selector_all(".as-dialog-list li").unwrap().length(), 4, "lists the devices");
    // The second logout fails, the third meets a 429 asking to wait a second.
    inject(r#"{"route":"/api/v1/sessions/logout.me","skip":1,"status":500}"#).await;
    inject(r#"{"route":"/api/v1/sessions/logout.me","status":429,"body":{"success":false,"error":"Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]"}}"#).await;
    t.click("Log out 4 devices");
    t.wait_text_for("slow down", 10).await;
    t.wait_text_for("3 of 4 signed out; 1 could not be:", 20).await;
    let failures =
        t.root.query_selector(".as-bulk-failures").unwrap().expect("the failures listed").text_content().unwrap();
    assert!(failures.contains("The server answered with an error (500)"), "{failures}");
    // The server agrees with the summary: only the failed one is left.
    assert_eq!(state_total().await, total - 3);
    let left: Vec<String> =
        server_rows(&creds).await.into_iter().map(|(id, _)| id).filter(|id| picked.contains(id)).collect();
    assert_eq!(left, vec![picked[1].clone()]);
    // The failed one stays selected; the others left the selection with their sessions.
    t.wait_text("Log out selected (1)").await;
}

#[wasm_bindgen_test]
async fn stop_ends_a_run_after_the_call_under_way() {
    let (t, _) = Mounted::signed_in_fresh(Opts::default()).await;
    let total = state_total().await;
    // Each click redraws the cards: `select` looks the next checkbox up afresh.
    select(&t, &[0, 1, 2, 3]).await;
    t.wait_text("Log out selected (4)").await;
    inject(r#"{"route":"/api/v1/sessions/logout.me","delayMs":600,"times":4}"#).await;
    t.click("Log out selected (4)");
    leptos::task::tick().await;
    t.click("Log out 4 devices");
    t.wait_text("Signing out 1 of 4").await;
    let stop = t.button("Stop").expect("Stop while running");
    stop.focus().unwrap();
    stop.click();
    t.wait_text_for("Stopped: 1 of 4 signed out; 3 were not tried.", 10).await;
    assert_eq!(state_total().await, total - 1, "what the summary said");
    assert!(t.button("Stop").is_none());
}

#[wasm_bindgen_test]
async fn selection_keeps_focus_and_forgets_sessions_that_go() {
    let (t, creds) = Mounted::signed_in_fresh(Opts::default()).await;
    let first = checkboxes(&t)[0].clone();
    let id = id_of(&first);
    assert!(first.get_attribute("aria-label").unwrap().starts_with("Select "), "a stable accessible name");
    first.focus().unwrap();
    first.click();
    t.wait_text("Log out selected (1)").await;
    // The list was redrawn: the same checkbox (by its key) has focus and is checked.
    sleep(50).await;
    let active = document().active_element().unwrap();
    assert_eq!(active.get_attribute("data-as-key").as_deref(), Some(format!("{id}:select").as_str()));
    assert!(active.unchecked_into::<HtmlInputElement>().checked());
    // The session goes elsewhere: a refresh forgets it.
    let (status, _) = as_user(&creds, "/api/v1/sessions/logout.me", Some(&format!(r#"{{"sessionId":"{id}"}}"#))).await;
    assert_eq!(status, 200);
    t.click("Refresh");
    t.wait_until_gone("Log out selected").await;
    t.click("Refresh");
    sleep(200).await;
    assert!(checkboxes(&t).iter().all(|b| !b.checked()));
}

/// Everything inside `card` that sticks out of it (left or right), as text.
fn sticking_out(card: &web_sys::Element) -> Vec<String> {
    let b = card.get_bounding_client_rect();
    let all = card.query_selector_all("*").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter(|e| {
            let r = e.get_bounding_client_rect();
            r.width() > 0.0 && (r.right() > b.right() + 0.5 || r.left() < b.left() - 0.5)
        })
        .map(|e| format!("<{} class={:?}> {:?}", e.tag_name().to_lowercase(), e.class_name(), e.text_content()))
        .collect()
}

#[wasm_bindgen_test]
async fn badges_checkboxes_and_the_stale_mark_fit_a_320_px_card_in_long_languages() {
    let creds = fresh_login().await;
    // A first visit, then a new device: the next visit shows "New" as well as "Stale".
    let key = unique_key();
    {
        let t = Mounted::signed_in(Opts { key: Some(key.clone()), ..Opts::default() }, &creds);
        t.wait_list().await;
        poll(|| storage_get(&format!("{key}.seen.{}", creds.user_id)).is_some(), || "the visit".into()).await;
    }
    for tag in ["en-XA", "de", "ru", "ar", "fr"] {
        // A device signs in since the last visit (the one before saw the last one).
        control(
            "/__control/login",
            r#"{"userAgent":"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}"#,
        )
        .await;
        let opts = Opts { key: Some(key.clone()), locale: Some(tag.into()), page_size: Some(100), ..Opts::default() };
        let t = Mounted::signed_in(opts, &creds);
        // The component's CSS (the test page has none), in a 320 px wide host.
        let css = document().create_element("style").unwrap();
        css.set_text_content(Some(include_str!("../style/active-sessions.css")));
        t.root.append_child(&css).unwrap();
        t.root.style().set_property("width", "320px").unwrap();
        t.wait_list().await;
        poll(
            || t.root.query_selector(".as-root").unwrap().and_then(|r| r.get_attribute("lang")).as_deref() == Some(tag),
            || format!("{tag} not in place"),
        )
        .await;
        // Every badge there is, on some card.
        for class in ["as-badge-new", "as-badge-stale", "as-stale-note", "as-select"] {
            assert!(badges(&t, class) > 0, "{tag}: no {class}");
        }
        let cards = t.root.query_selector_all("article").unwrap();
        for i in 0..cards.length() {
            let card: web_sys::Element = cards.item(i).unwrap().unchecked_into();
            let out = sticking_out(&card);
            assert!(out.is_empty(), "{tag}: card {i} overflows 320 px: {out:#?}");
        }
        // The panel's own width holds too: nothing needs a horizontal scroll.
        let root = t.root.query_selector(".as-root").unwrap().unwrap();
        assert!(root.scroll_width() <= root.client_width(), "{tag}: the panel scrolls sideways");
    }
}
