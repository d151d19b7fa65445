//! Browser tests of what the user sees and does: cards, toolbar, pager, dialogs,
//! states and URL sync, in headless Chromium against the reference server.
//! Elements are found through their accessible names.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::{document, window};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn signed_in(opts: Opts) -> (Mounted, u64) {
    let (t, _) = Mounted::signed_in_fresh(opts).await;
    let total = state_total().await;
    (t, total)
}

fn buttons_starting(t: &Mounted, prefix: &str) -> Vec<HtmlElement> {
    let list = t.root.query_selector_all("button[aria-label]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|b| b.get_attribute("aria-label").unwrap_or_default().starts_with(prefix))
        .collect()
}

fn dialog(t: &Mounted) -> web_sys::HtmlDialogElement {
    t.root.query_selector("dialog").unwrap().expect("a dialog element").unchecked_into()
}

fn active_label() -> String {
    let el = document().active_element().expect("something focused");
    el.get_attribute("aria-label").unwrap_or_else(|| el.text_content().unwrap_or_default()).trim().to_owned()
}

async fn list_requests() -> usize {
    requests("/api/v1/sessions/list").await.iter().filter(|r| r["method"] == "GET").count()
}

#[wasm_bindgen_test]
async fn cards_show_icon_title_address_and_time() {
    let (t, total) = signed_in(Opts { page_size: Some(100), ..Opts::default() }).await;
    t.wait_status(&format!("Showing 1–{total} of {total} sessions")).await;
    let list = t.list().unwrap();
    assert_eq!(list.tag_name(), "UL");
    assert_eq!(list.query_selector_all(":scope > li > article").unwrap().length() as u64, total);

    // Icons by device type, each with an accessible name.
    let icons = t.root.query_selector_all("article svg[role=img]").unwrap();
    let names: std::collections::BTreeSet<String> = (0..icons.length())
        .filter_map(|i| icons.item(i)?.unchecked_into::<Element>().get_attribute("aria-label"))
        .collect();
    for expected in ["Computer", "Phone", "Tablet", "Other device"] {
        assert!(names.iter().any(|n| n == expected), "icon {expected:?} missing from {names:?}");
    }

    let titles = t.card_titles();
    assert!(titles.iter().any(|s| s == "Unknown device"), "no-device session: {titles:?}");
    assert!(titles.iter().any(|s| s.starts_with("Chrome ") && s.contains(" on ")), "{titles:?}");

    // Login time: relative text in a <time datetime> whose title is the absolute date.
    let time: Element = list.query_selector("time").unwrap().expect("a <time>");
    let dt = time.get_attribute("datetime").unwrap();
    assert!(dt.ends_with('Z') && dt.len() >= 20, "{dt}");
    assert!(!time.get_attribute("title").unwrap_or_default().is_empty());
    assert!(!time.text_content().unwrap_or_default().trim().is_empty());

    // Exactly one "This device" badge, on the current session.
    assert_eq!(t.count_text("This device"), 1);

    // Masking IPs hides every full IPv4 address.
    assert!(t.text().contains("203.0.113.9"));
    t.field("Mask IP addresses").expect("mask toggle").click();
    leptos::task::tick().await;
    t.wait_until_gone("203.0.113.9").await;
}

#[wasm_bindgen_test]
async fn html_in_a_device_name_is_rendered_as_text() {
    let (t, _) = signed_in(Opts::default()).await;
    t.fill("Filter sessions", "onerror");
    t.wait_text("<img src=x onerror=alert(1)>").await;
    let titles = t.card_titles();
    assert!(titles.iter().any(|s| s == "<img src=x onerror=alert(1)> 1 on Windows 10"), "{titles:?}");
    assert!(t.root.query_selector("img").unwrap().is_none(), "no element was created from server text");
}

#[wasm_bindgen_test]
async fn twin_devices_keep_focus_on_the_pressed_button_and_details_are_clean_text() {
    let (t, _) = signed_in(Opts::default()).await;
    // Two sessions that look alike: their buttons share accessible names. (They carry
    // `current`, so the panel spends no sessions/info call looking for its own row.)
    let twin = |id: &str| {
        format!(
            r#"{{"sessionId":"{id}","userId":"u","current":false,"ip":"10.0.0.1","loginAt":"2026-11-20T10:00:00.000Z","device":{{"type":"browser","name":"Chrome","version":"120.0","longVersion":"120.0.6099.109","os":{{"name":"Windows","version":"10"}}}}}}"#
        )
    };
    let list = format!(
        r#"{{"sessions":[{},{}],"count":2,"offset":0,"total":2,"success":true}}"#,
        twin("twinA"),
        twin("twinB")
    );
    inject(&format!(r#"{{"route":"/api/v1/sessions/list","body":{list}}}"#)).await;
    let info = r#"{"sessionId":"twinB","userId":"u","loginAt":"2026-11-20T10:00:00.000Z","lastActivityAt":"2026-11-20T11:00:00.000Z","device":{"type":"browser","name":"Chr\u202Eome\n","longVersion":"120\t.0","os":{"name":"Win\u0007dows","version":"10"}},"success":true}"#;
    inject(&format!(r#"{{"route":"/api/v1/sessions/info","body":{info}}}"#)).await;
    t.click("Refresh");
    t.wait_status("of 2 sessions").await;
    let details = buttons_starting(&t, "Details for ");
    assert_eq!(details.len(), 2);
    assert_eq!(details[0].get_attribute("aria-label"), details[1].get_attribute("aria-label"));
    details[1].focus().unwrap();
    details[1].click();
    t.wait_text("Last activity").await;
    sleep(100).await;
    let active = document().active_element().expect("something focused");
    assert_eq!(active.get_attribute("data-as-key").as_deref(), Some("twinB:details"), "focus stays on the second twin");
    // Server text in the details is one clean line: no bidi override, no control characters.
    let facts = t.root.query_selector(".as-details").unwrap().expect("details").text_content().unwrap();
    assert!(facts.contains("Chrome 120 .0"), "{facts}");
    assert!(facts.contains("Win dows 10"), "{facts}");
    assert!(!facts.contains('\u{202E}') && !facts.contains('\u{7}') && !facts.contains('\n'), "{facts:?}");
}

#[wasm_bindgen_test]
async fn details_show_activity_times_and_the_session_id() {
    let (t, _) = signed_in(Opts::default()).await;
    let first = t.card_titles()[0].clone();
    t.click(&format!("Details for {first}"));
    t.wait_text("Last activity").await;
    t.wait_text("Session ID").await;
    let code = t.root.query_selector("article code").unwrap().expect("the session id");
    let sid = code.text_content().unwrap();
    assert_eq!(sid.len(), 17, "{sid}");
    assert!(t.button("Copy session ID").is_some());
}

#[wasm_bindgen_test]
async fn log_out_a_device_through_the_dialog() {
    let (t, total) = signed_in(Opts::default()).await;
    // The second card is another device (the newest login is this one).
    let target = t.card_titles()[1].clone();
    let opener = buttons_starting(&t, "Log out ")[1].clone();
    opener.focus().unwrap();
    opener.click();
    leptos::task::tick().await;
    let d = dialog(&t);
    assert!(d.open(), "modal dialog open");
    assert_eq!(active_label(), "Cancel", "focus starts on Cancel");
    assert!(d.text_content().unwrap().contains(&target));
    t.click("Cancel");
    leptos::task::tick().await;
    assert!(!d.open());
    assert_eq!(state_total().await, total, "Cancel changes nothing");
    assert_eq!(active_label(), opener.get_attribute("aria-label").unwrap(), "focus returns to the opener");

    opener.click();
    leptos::task::tick().await;
    t.click("Log out device");
    t.wait_text(&format!("{target} was logged out.")).await;
    t.wait_status(&format!("of {} sessions", total - 1)).await;
    assert_eq!(state_total().await, total - 1);
}

#[wasm_bindgen_test]
async fn a_device_already_gone_is_reported_as_such() {
    let (t, _) = signed_in(Opts::default()).await;
    let target = t.card_titles()[2].clone();
    inject(r#"{"route":"/api/v1/sessions/logout.me","status":404}"#).await;
    buttons_starting(&t, "Log out ")[2].click();
    leptos::task::tick().await;
    t.click("Log out device");
    t.wait_text(&format!("{target} was already logged out.")).await;
}

#[wasm_bindgen_test]
async fn logging_out_this_device_signs_out_without_an_error() {
    let (t, _) = signed_in(Opts::default()).await;
    let current = t.root.query_selector_all("article").unwrap();
    let idx = (0..current.length())
        .find(|i| current.item(*i).unwrap().text_content().unwrap().contains("This device"))
        .expect("current card");
    buttons_starting(&t, "Log out ")[idx as usize].click();
    leptos::task::tick().await;
    assert!(dialog(&t).text_content().unwrap().contains("device you are using now"));
    t.click("Log out device");
    t.wait_text("Sign in to see your sessions").await;
    assert!(t.root.query_selector("[role=alert]").unwrap().is_none(), "no error flash");
    assert!(storage_get(&t.key).is_none());
}

#[wasm_bindgen_test]
async fn sign_out_all_other_devices_keeps_only_this_one() {
    let (t, total) = signed_in(Opts::default()).await;
    t.click("Sign out all other devices");
    leptos::task::tick().await;
    let text = dialog(&t).text_content().unwrap();
    assert!(text.contains(&format!("{} other sessions will be signed out", total - 1)), "{text}");
    t.click("Sign out other devices");
    t.wait_status("Showing 1–1 of 1 session").await;
    t.wait_text("No other sessions").await;
    assert_eq!(state_total().await, 1);
    // The stored token (returned by the server) still works.
    assert_eq!(me_status(&stored_creds(&t.key)).await, 200);
    // A server without the `current` flag: the panel registered this login, so the one
    // row is ours, found by its hashed token; the message agrees with the disabled
    // "Sign out all other devices".
    control("/__control/config", r#"{"current":false}"#).await;
    t.click("Refresh");
    t.wait_text("No other sessions. You are signed in only here.").await;
    assert_eq!(t.count_text("This device"), 1);
    let button: web_sys::HtmlButtonElement = t.button("Sign out all other devices").unwrap().unchecked_into();
    assert!(button.disabled());
    control("/__control/config", r#"{"current":true}"#).await;
}

#[wasm_bindgen_test]
async fn pager_and_page_size() {
    let (t, total) = signed_in(Opts::default()).await;
    t.select("Sessions per page", "10");
    t.wait_status(&format!("Showing 1–10 of {total} sessions")).await;
    assert!(t.button("First page").unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    t.click("Next page");
    t.wait_status(&format!("Showing 11–20 of {total} sessions")).await;
    t.click("Last page");
    let last_start = (total - 1) / 10 * 10 + 1;
    t.wait_status(&format!("Showing {last_start}–{total} of {total} sessions")).await;
    assert!(t.button("Next page").unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    t.click("Previous page");
    t.wait_status(&format!("Showing {}–{} of {total}", last_start - 10, last_start - 1)).await;
    t.click("First page");
    t.wait_status(&format!("Showing 1–10 of {total}")).await;
    t.select("Sessions per page", "100");
    t.wait_status(&format!("Showing 1–{total} of {total} sessions")).await;
    let log = requests("/api/v1/sessions/list").await;
    assert!(log.iter().any(|r| r["query"] == "offset=10&count=10"));
}

#[wasm_bindgen_test]
async fn client_sort_says_it_applies_within_the_page() {
    let (t, _) = signed_in(Opts::default()).await;
    assert!(!t.text().contains("this page only"));
    t.select("Sort by", "client");
    t.wait_text("this page only").await;
    // The note follows the choice at once; the request may still be on its way.
    let sorted = || async {
        let log = requests("/api/v1/sessions/list").await;
        log.last().and_then(|r| r["query"].as_str()).is_some_and(|q| q.contains("sort=%7B%22device.name%22%3A1%7D"))
    };
    wait_for(sorted, "the list asked for by device name").await;
    t.select("Sort by", "newest");
    t.wait_until_gone("this page only").await;
}

#[wasm_bindgen_test]
async fn no_match_offers_to_clear_the_filter() {
    let (t, total) = signed_in(Opts::default()).await;
    t.fill("Filter sessions", "zzzz");
    t.wait_text("No sessions match “zzzz”.").await;
    t.click("Clear filter");
    t.wait_status(&format!("of {total} sessions")).await;
    assert_eq!(t.field("Filter sessions").unwrap().unchecked_into::<web_sys::HtmlInputElement>().value(), "");
}

#[wasm_bindgen_test]
async fn skeleton_first_then_old_results_stay_while_reloading() {
    let creds = fresh_login().await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":800}"#).await;
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_status("Loading sessions…").await;
    assert!(t.root.query_selector("ul[aria-hidden=true] li").unwrap().is_some(), "skeleton cards");
    t.wait_list().await;
    let before = t.card_titles();
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":800}"#).await;
    t.click("Refresh");
    t.wait_text("Updating…").await;
    assert_eq!(t.list().unwrap().get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(t.card_titles(), before, "old results stay visible");
    t.wait_until_gone("Updating…").await;
}

/// A refresh that brings the same page back leaves the cards and buttons as they
/// are: a click on its way to one is not lost to a swap, and the redraw costs nothing.
#[wasm_bindgen_test]
async fn a_refresh_that_changes_nothing_leaves_the_cards_in_place() {
    let (t, _) = signed_in(Opts::default()).await;
    let card = t.list().unwrap().first_element_child().expect("a card");
    let refresh = t.button("Refresh").expect("Refresh");
    let before = t.card_titles();
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":300}"#).await;
    refresh.click();
    t.wait_text("Updating…").await;
    t.wait_until_gone("Updating…").await;
    assert_eq!(t.card_titles(), before, "the same page came back");
    assert!(card.is_connected(), "the first card is the same element");
    assert!(refresh.is_connected(), "the Refresh button is the same element");
}

#[wasm_bindgen_test]
async fn license_missing_is_explained() {
    let (t, _) = signed_in(Opts::default()).await;
    control("/__control/config", r#"{"license":false}"#).await;
    t.click("Refresh");
    t.wait_text("Premium license").await;
    control("/__control/config", r#"{"license":true}"#).await;
    t.click("Retry");
    t.wait_until_gone("Premium license").await;
}

#[wasm_bindgen_test]
async fn refreshes_on_focus_and_on_the_interval_and_stops_when_unmounted() {
    let (t, _) =
        signed_in(Opts { refresh_interval_ms: Some(1000), focus_refresh_after_ms: Some(0), ..Opts::default() }).await;
    control("/__control/requests/clear", "{}").await;
    sleep(2300).await;
    let by_interval = list_requests().await;
    assert!((2..=3).contains(&by_interval), "interval refreshes: {by_interval}");
    control("/__control/requests/clear", "{}").await;
    focus_window();
    sleep(300).await;
    assert!(list_requests().await >= 1, "refetch on focus");
    drop(t);
    control("/__control/requests/clear", "{}").await;
    sleep(1500).await;
    focus_window();
    sleep(200).await;
    assert_eq!(list_requests().await, 0, "no timers or listeners left after unmount");
}

#[wasm_bindgen_test]
async fn focus_refetches_only_a_list_older_than_the_threshold() {
    let (t, _) = signed_in(Opts { focus_refresh_after_ms: Some(1500), ..Opts::default() }).await;
    control("/__control/requests/clear", "{}").await;
    // Quick tab switching right after a load costs no calls (the server allows 10 a minute).
    for _ in 0..3 {
        focus_window();
        sleep(100).await;
    }
    sleep(200).await;
    assert_eq!(list_requests().await, 0, "a fresh list is not refetched on focus");
    sleep(1400).await;
    focus_window();
    t.wait_status("of ").await;
    sleep(300).await;
    assert_eq!(list_requests().await, 1, "an older list is refetched once");
    focus_window();
    sleep(300).await;
    assert_eq!(list_requests().await, 1, "and then it is fresh again");
}

#[wasm_bindgen_test]
async fn url_sync_round_trip_and_history() {
    let history = web_sys::window().unwrap().history().unwrap();
    let start = web_sys::window().unwrap().location().href().unwrap();
    let (t, total) = signed_in(Opts { sync_url: true, page_size: Some(10), ..Opts::default() }).await;
    let len0 = history.length().unwrap();
    t.fill("Filter sessions", "chrome");
    t.wait_text("Chrome").await;
    sleep(200).await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(search.contains("as_q=chrome"), "{search}");
    assert_eq!(history.length().unwrap(), len0, "typing replaces the history entry");
    t.fill("Filter sessions", "");
    t.wait_status(&format!("of {total} sessions")).await;
    t.click("Next page");
    t.wait_status("Showing 11–20").await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(search.contains("as_page=2"), "{search}");
    assert_eq!(history.length().unwrap(), len0 + 1, "a page change pushes");
    history.back().unwrap();
    t.wait_status("Showing 1–10").await;
    drop(t);
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start)).unwrap();
}

#[wasm_bindgen_test]
async fn url_state_is_restored_on_mount() {
    let creds = fresh_login().await;
    let history = web_sys::window().unwrap().history().unwrap();
    let start = web_sys::window().unwrap().location().href().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?as_size=10&as_page=2&as_sort=oldest"))
        .unwrap();
    let t = Mounted::signed_in(Opts { sync_url: true, ..Opts::default() }, &creds);
    t.wait_status("Showing 11–20").await;
    let log = requests("/api/v1/sessions/list").await;
    let q = log.last().unwrap()["query"].as_str().unwrap().to_owned();
    assert!(q.starts_with("offset=10&count=10&sort="), "{q}");
    drop(t);
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start)).unwrap();
}

#[wasm_bindgen_test]
async fn emptying_the_last_page_steps_back_a_page() {
    use active_sessions::core::query::ListQuery;
    use active_sessions::web::api::{ApiClient, RequestHandle};
    let creds = fresh_login().await;
    let client = ApiClient::new(server());
    let total = state_total().await;
    let last_page = ((total - 1) / 10) as u32;
    let q = ListQuery { page_size: 10, page: last_page, ..ListQuery::default() };
    let page = client.list(&creds, &q, &RequestHandle::new()).await.unwrap();
    // Leave exactly one session on the last page.
    for s in page.sessions.iter().skip(1) {
        client.logout_session(&creds, &s.session_id, &RequestHandle::new()).await.unwrap();
    }
    let remaining = state_total().await;
    let t = Mounted::signed_in(Opts { page_size: Some(10), ..Opts::default() }, &creds);
    t.wait_list().await;
    t.click("Last page");
    t.wait_status(&format!("Showing {remaining}–{remaining} of {remaining} sessions")).await;
    buttons_starting(&t, "Log out ")[0].click();
    leptos::task::tick().await;
    t.click("Log out device");
    let now = remaining - 1;
    t.wait_status(&format!("Showing {}–{now} of {now} sessions", now - 9)).await;
}

#[wasm_bindgen_test]
async fn sign_out_all_others_counts_every_session_whatever_the_filter() {
    let (t, total) = signed_in(Opts::default()).await;
    t.fill("Filter sessions", "zzzz");
    t.wait_text("No sessions match").await;
    let button: web_sys::HtmlButtonElement = t.button("Sign out all other devices").unwrap().unchecked_into();
    assert!(!button.disabled(), "other sessions exist even when none match the filter");
    button.click();
    leptos::task::tick().await;
    let text = dialog(&t).text_content().unwrap();
    assert!(text.contains(&format!("{} other sessions will be signed out", total - 1)), "{text}");
    t.click("Cancel");
    // Signing them out with the filter still on: the count follows, the button turns off.
    button.click();
    leptos::task::tick().await;
    t.click("Sign out other devices");
    t.wait_text("All other devices were signed out.").await;
    // The actions are redrawn as they change: look the button up afresh.
    let disabled =
        || t.button("Sign out all other devices").unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled();
    for _ in 0..40 {
        if disabled() {
            break;
        }
        sleep(50).await;
    }
    assert!(disabled(), "no other sessions are left to sign out");
    assert_eq!(state_total().await, 1);
}

#[wasm_bindgen_test]
async fn pager_steps_from_the_page_being_loaded() {
    let (t, total) = signed_in(Opts::default()).await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":800}"#).await;
    t.click("Next page");
    leptos::task::tick().await;
    // Page 2 is still loading: a second click goes on to page 3, and "First page" works already.
    assert!(!t.button("First page").unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    t.click("Next page");
    t.wait_status(&format!("Showing 51–{} of {total} sessions", total.min(75))).await;
}

#[wasm_bindgen_test]
async fn a_refresh_keeps_open_details() {
    let (t, total) = signed_in(Opts::default()).await;
    let first = t.card_titles()[0].clone();
    t.click(&format!("Details for {first}"));
    t.wait_text("Last activity").await;
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":300}"#).await;
    t.click("Refresh");
    t.wait_text("Updating…").await;
    t.wait_until_gone("Updating…").await;
    assert!(t.status().contains(&format!("Showing 1–25 of {total} sessions")));
    assert!(t.text().contains("Last activity"), "the same view keeps its rows and their open details");
}

/// Opening one card's details grows that card only: the cards beside it in its grid row
/// keep their size and their buttons stay where they were (issue 15: calmer cards).
#[wasm_bindgen_test]
async fn details_grow_only_their_own_card() {
    let (t, _) = signed_in(Opts { page_size: Some(10), ..Opts::default() }).await;
    // The component's CSS (the test page has none), and two columns whatever the test
    // window's width (a narrow viewport's media query makes the list one column).
    let css = document().create_element("style").unwrap();
    css.set_text_content(Some(include_str!("../style/active-sessions.css")));
    t.root.append_child(&css).unwrap();
    let list: HtmlElement = t.list().unwrap().unchecked_into();
    list.style().set_property("grid-template-columns", "1fr 1fr").unwrap();
    leptos::task::tick().await;
    let logout = |i: usize| -> HtmlElement {
        let all = t.root.query_selector_all("article button[data-as-key$=':logout']").unwrap();
        all.item(i as u32).unwrap().unchecked_into()
    };
    let card = |i: usize| logout(i).closest("article").unwrap().unwrap().get_bounding_client_rect();
    let cols =
        window().get_computed_style(&list).unwrap().unwrap().get_property_value("grid-template-columns").unwrap();
    let (t0, t1) = (card(0).top(), card(1).top());
    assert!((t0 - t1).abs() < 1.0, "the first two cards share a row: tops {t0} {t1}, columns {cols}");
    let before = logout(1).get_bounding_client_rect().top();
    let card_b = logout(1).closest("article").unwrap().unwrap().get_bounding_client_rect().height();
    let first = t.card_titles()[0].clone();
    t.click(&format!("Details for {first}"));
    t.wait_text("Last activity").await;
    leptos::task::tick().await;
    let after = logout(1).get_bounding_client_rect().top();
    let card_b_after = logout(1).closest("article").unwrap().unwrap().get_bounding_client_rect().height();
    assert!((after - before).abs() < 1.0, "the neighbour's button moved from {before} to {after}");
    assert!((card_b_after - card_b).abs() < 1.0, "the neighbour grew from {card_b} to {card_b_after}");
    // And the log-out buttons are not red: the danger colour is the dialog's.
    let style = window().get_computed_style(&logout(1)).unwrap().unwrap();
    let card_colour = style.get_property_value("background-color").unwrap();
    logout(1).click();
    leptos::task::tick().await;
    let dialog_confirm: HtmlElement =
        t.root.query_selector("dialog .as-btn-danger").unwrap().expect("the dialog's confirm button").unchecked_into();
    let danger = window().get_computed_style(&dialog_confirm).unwrap().unwrap();
    assert_ne!(
        card_colour,
        danger.get_property_value("background-color").unwrap(),
        "a card's Log out is filled with the danger colour"
    );
    t.click("Cancel");
}
